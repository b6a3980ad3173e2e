-- migrations:allow MG201,MG102
-- migrate:up
CREATE INDEX CONCURRENTLY i ON t (x);
-- migrate:down
