ALTER TABLE vizier_cluster_info
ADD COLUMN status_message text;
