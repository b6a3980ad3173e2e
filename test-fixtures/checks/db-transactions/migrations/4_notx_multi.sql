-- migrate:up transaction:false
UPDATE t SET x = 1;
CREATE INDEX CONCURRENTLY t_x2_idx ON t (x);
-- migrate:down
DROP INDEX t_x2_idx;
