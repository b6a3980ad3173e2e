-- migrate:up
CREATE TABLE orders (id bigint, user_id bigint);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();

-- migrate:down
DROP TABLE orders;
