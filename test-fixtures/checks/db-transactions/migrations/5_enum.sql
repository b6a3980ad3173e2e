-- migrate:up
ALTER TYPE mood ADD VALUE 'sad';
-- migrate:down
SELECT 1;
