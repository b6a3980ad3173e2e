-- migrate:upgrade
CREATE TABLE b (id int);
-- migrate:down
DROP TABLE b;
