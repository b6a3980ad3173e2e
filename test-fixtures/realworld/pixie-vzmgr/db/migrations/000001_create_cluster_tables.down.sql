DROP TABLE IF EXISTS vizier_cluster_info;
DROP TYPE IF EXISTS vizier_status;
DROP TABLE IF EXISTS vizier_cluster;
