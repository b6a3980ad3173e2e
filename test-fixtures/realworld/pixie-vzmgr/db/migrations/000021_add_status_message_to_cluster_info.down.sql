ALTER TABLE vizier_cluster_info DROP COLUMN status_message;
