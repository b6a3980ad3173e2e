-- migrate:up
CREATE TABLE users (id bigint, email text, age int);
CREATE INDEX users_email_idx ON users (email);

-- migrate:down
DROP TABLE users;
