-- migrate:down
DROP TABLE c;
-- migrate:up
CREATE TABLE c (id int);
