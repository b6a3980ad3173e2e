-- migrate:up
CREATE TABLE bookmarks (
  id bigserial PRIMARY KEY,
  url text NOT NULL,
  title text
);

-- migrate:down
DROP TABLE bookmarks;
