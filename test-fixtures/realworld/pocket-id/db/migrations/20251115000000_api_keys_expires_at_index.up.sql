CREATE INDEX idx_api_keys_expires_at ON api_keys(expires_at);
