ALTER TABLE vizier_cluster_info DROP COLUMN control_plane_pod_statuses json;
