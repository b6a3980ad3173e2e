-- migrate:up
CREATE UNIQUE INDEX bookmarks_url_key ON bookmarks (url);

-- migrate:down
DROP INDEX bookmarks_url_key;
