-- This migration is part of v2

-- No-op in Postgres
