ALTER TABLE vizier_cluster_info
  DROP COLUMN operator_version;
