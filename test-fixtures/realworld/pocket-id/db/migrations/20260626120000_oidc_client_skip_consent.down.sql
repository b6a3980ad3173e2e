ALTER TABLE oidc_clients DROP COLUMN skip_consent;
