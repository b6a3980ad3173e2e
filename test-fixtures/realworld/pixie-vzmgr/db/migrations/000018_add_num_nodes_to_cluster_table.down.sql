ALTER TABLE vizier_cluster_info
DROP COLUMN num_nodes;

ALTER TABLE vizier_cluster_info
DROP COLUMN num_instrumented_nodes;
