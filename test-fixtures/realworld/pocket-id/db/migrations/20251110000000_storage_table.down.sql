DROP TABLE storage;
