CREATE TABLE t (id int, x int);
CREATE TYPE mood AS ENUM ('ok');
