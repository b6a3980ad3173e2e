ALTER TABLE vizier_deployment_keys
  DROP COLUMN key;
