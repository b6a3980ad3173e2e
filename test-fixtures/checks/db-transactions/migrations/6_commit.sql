-- migrate:up
UPDATE t SET x = 1;
COMMIT;
UPDATE t SET x = 2;
-- migrate:down
SELECT 1;
