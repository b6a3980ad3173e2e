// A tiny web app whose schema is managed by the dbmate files in db/migrations.
// The buildpack applies them at release; the app only says so.
const http = require("node:http");

const port = process.env.PORT || 8080;
http
  .createServer((_req, res) => {
    res.end("bookmarks: schema managed by db/migrations (dbmate)\n");
  })
  .listen(port, () => console.log(`listening on :${port}`));
