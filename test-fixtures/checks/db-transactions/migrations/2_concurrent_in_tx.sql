-- migrate:up
CREATE INDEX CONCURRENTLY t_x_idx ON t (x);
-- migrate:down
DROP INDEX CONCURRENTLY t_x_idx;
