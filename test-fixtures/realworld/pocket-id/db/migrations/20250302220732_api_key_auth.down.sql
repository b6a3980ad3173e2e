DROP INDEX IF EXISTS idx_api_keys_key;
DROP TABLE IF EXISTS api_keys;