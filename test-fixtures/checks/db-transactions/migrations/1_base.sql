-- migrate:up
CREATE TABLE t (id int, x int);
CREATE TYPE mood AS ENUM ('ok');
-- migrate:down
DROP TABLE t;
DROP TYPE mood;
