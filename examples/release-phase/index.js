// A tiny web app. Its release runs two commands through heroku/release-phase:
// first `migrations release` (added by safemigrate/migrations), then the
// app's own command from project.toml.
const http = require("node:http");

const port = process.env.PORT || 8080;
http
  .createServer((_req, res) => {
    res.end("events: schema managed by db/migrations (dbmate), released by heroku/release-phase\n");
  })
  .listen(port, () => console.log(`listening on :${port}`));
