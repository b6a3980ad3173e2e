-- migrate:up
CREATE TABLE d (id int);
-- migrate:down
DROP TABLE d;
-- migrate:down
SELECT 1;
