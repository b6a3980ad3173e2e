-- migrate:up
CREATE TABLE m1 (id int);

-- migrate:down
DROP TABLE m1;

-- migrate:up
CREATE TABLE m2 (id int);

-- migrate:down
DROP TABLE m2;
