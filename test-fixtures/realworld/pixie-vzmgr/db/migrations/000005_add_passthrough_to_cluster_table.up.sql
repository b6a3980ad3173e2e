ALTER TABLE vizier_cluster_info ADD COLUMN passthrough_enabled BOOLEAN DEFAULT true;
