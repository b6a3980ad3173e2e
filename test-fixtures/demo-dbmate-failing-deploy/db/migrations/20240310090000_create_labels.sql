-- migrate:up
CREATE TABLE labels (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name text NOT NULL,
  UNIQUE (account_id, name)
);
CREATE TABLE task_labels (
  task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  label_id bigint NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, label_id)
);

-- migrate:down
-- No down part: the release applies both migrations in one transaction, so a
-- failure rolls this one back without it (see the demo's section 9).
