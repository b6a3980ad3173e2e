-- migrate:up
CREATE TABLE a (id int);

-- migrate:down
-- irreversible
