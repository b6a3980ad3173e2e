-- migrations:allow MG002 (errors cannot be silenced)
DROP TABLE nothing;
