ALTER TABLE oidc_device_codes ADD COLUMN nonce VARCHAR(255);
