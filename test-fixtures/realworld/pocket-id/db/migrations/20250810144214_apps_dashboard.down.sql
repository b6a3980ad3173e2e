ALTER TABLE oidc_clients DROP COLUMN launch_url;

ALTER TABLE user_authorized_oidc_clients DROP COLUMN last_used_at;