ALTER TABLE oidc_clients DROP COLUMN client_type;
ALTER TABLE oidc_clients DROP COLUMN metadata_expires_at;
ALTER TABLE oidc_clients DROP COLUMN metadata_grant_types;
