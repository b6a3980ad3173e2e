-- migrate:up
ALTER TABLE users ADD CONSTRAINT users_age_nn CHECK (age IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_age_nn;

-- migrate:down
ALTER TABLE users DROP CONSTRAINT users_age_nn;
