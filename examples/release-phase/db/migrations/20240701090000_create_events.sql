-- migrate:up
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE events;
