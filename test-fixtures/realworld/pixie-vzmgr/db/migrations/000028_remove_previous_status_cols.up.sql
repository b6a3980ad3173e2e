ALTER TABLE vizier_cluster_info
  DROP COLUMN previous_vizier_status;

ALTER TABLE vizier_cluster_info
  DROP COLUMN previous_vizier_status_time;
