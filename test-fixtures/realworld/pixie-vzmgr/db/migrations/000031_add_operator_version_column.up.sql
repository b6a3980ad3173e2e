ALTER TABLE vizier_cluster_info
  ADD COLUMN operator_version varchar(1000);
