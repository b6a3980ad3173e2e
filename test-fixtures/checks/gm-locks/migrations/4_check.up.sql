ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0);
