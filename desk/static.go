package desk

import (
	_ "embed"
	"net/http"
)

// uploadScript is the upload form's drop zone.
//
//go:embed static/upload.js
var uploadScript []byte

// script serves a script of the pages from the program itself: the pages
// load scripts only from the desk (the Content-Security-Policy says so),
// and work without them.
func script(b []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = w.Write(b)
	}
}
