-- migrate:up
CREATE TABLE projects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name text NOT NULL,
  UNIQUE (account_id, name)
);

-- migrate:down
DROP TABLE projects;
