CREATE TABLE users (id int);
CREATE INDEX users_id_idx ON users (id);
