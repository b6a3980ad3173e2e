-- migrations:allow MG101
SELECT 1;
