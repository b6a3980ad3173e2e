ALTER TABLE vizier_deployment_keys
  ADD COLUMN 'key' varchar;
