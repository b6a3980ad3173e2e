ALTER TABLE oidc_clients ADD COLUMN description TEXT NOT NULL DEFAULT '';
