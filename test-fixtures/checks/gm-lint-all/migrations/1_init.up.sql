CREATE TABLE users (
  id serial,
  name varchar(80),
  age int,
  country char(2),
  created_at timestamp
);
