CREATE TABLE users (id bigint, name text, email text, age int);
CREATE TABLE orders (id bigint, user_id bigint);
CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
CREATE INDEX users_email_idx ON users (email);
CREATE DOMAIN email AS text;
CREATE TABLE big (id bigint, x int);
