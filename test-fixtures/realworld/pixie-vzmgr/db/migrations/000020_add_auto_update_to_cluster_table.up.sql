ALTER TABLE vizier_cluster_info ADD COLUMN auto_update_enabled BOOLEAN DEFAULT true;
