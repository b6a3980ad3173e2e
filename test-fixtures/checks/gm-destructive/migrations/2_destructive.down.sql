DROP TABLE users;
TRUNCATE plans;
