ALTER TABLE vizier_deployment_keys ADD COLUMN description varchar(1000);
