ALTER TABLE oidc_clients ADD COLUMN credentials JSONB NULL;
