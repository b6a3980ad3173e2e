-- migrations:allow MG301, MG401
-- migrations:allow mg102
DROP TABLE legacy;
INSERT INTO plans VALUES ('free');
TRUNCATE sessions;
