-- migrate:up
CREATE TABLE d (id int);

-- migrate:down

