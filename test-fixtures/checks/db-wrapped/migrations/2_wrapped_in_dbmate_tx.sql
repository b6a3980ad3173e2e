-- migrate:up
BEGIN;
CREATE TABLE b (id int);
COMMIT;

-- migrate:down
DROP TABLE b;
