-- golang-migrate runs the file in one call: the CREATE EXTENSION joins the transaction BEGIN starts
CREATE EXTENSION IF NOT EXISTS pgcrypto;

BEGIN;
CREATE TABLE b (id int);
COMMIT;
-- done
