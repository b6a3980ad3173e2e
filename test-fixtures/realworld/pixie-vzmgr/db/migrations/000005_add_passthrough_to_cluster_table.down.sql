ALTER TABLE vizier_cluster_info DROP COLUMN passthrough_enabled;
