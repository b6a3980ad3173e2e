-- migrate:up
DROP TABLE t; -- migrations:allow MG301
SELECT 'migrations:allow MG303';
TRUNCATE u;
-- migrate:down
SELECT 1;
