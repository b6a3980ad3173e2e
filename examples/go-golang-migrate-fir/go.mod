module github.com/safemigrate/examples/go-golang-migrate-fir

go 1.23
