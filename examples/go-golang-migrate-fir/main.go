// A tiny web app whose schema is managed by golang-migrate files in
// db/migrations. The buildpack applies them at release; the app only
// reports which version it was built for.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "notes: schema managed by db/migrations (golang-migrate)")
	})
	log.Printf("listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
