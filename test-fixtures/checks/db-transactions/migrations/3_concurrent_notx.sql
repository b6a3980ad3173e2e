-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY t_id_idx ON t (id);
-- migrate:down transaction:false
DROP INDEX CONCURRENTLY t_id_idx;
