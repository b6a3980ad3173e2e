DROP TABLE IF EXISTS vizier_index_state;
