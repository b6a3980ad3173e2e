CREATE TABLE users (id int, legacy text);
