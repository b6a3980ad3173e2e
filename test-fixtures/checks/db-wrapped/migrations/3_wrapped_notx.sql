-- migrate:up transaction:false
BEGIN;
CREATE TABLE c (id int);
COMMIT;

-- migrate:down
DROP TABLE c;
