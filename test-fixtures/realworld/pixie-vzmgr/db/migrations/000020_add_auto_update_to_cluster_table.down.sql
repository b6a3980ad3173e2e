ALTER TABLE vizier_cluster_info DROP COLUMN auto_update_enabled;
