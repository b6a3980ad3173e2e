DROP TABLE IF EXISTS vizier_deployment_keys;
