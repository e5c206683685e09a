package testkit

import (
	"strings"
	"testing"
)

// Unquoted drops what is quoted “so”: what the user, the sheets, the
// configuration or the templates wrote, which a message may repeat as is.
func Unquoted(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '“':
			in = true
		case r == '”':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HasLatin reports whether s holds an ASCII letter.
func HasLatin(s string) bool {
	for _, r := range s {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return true
		}
	}
	return false
}

// NoLatin fails the test when s, a message for a clerk, has ASCII letters.
func NoLatin(t testing.TB, what, s string) {
	t.Helper()
	if HasLatin(s) {
		t.Errorf("%s: %q has ASCII letters", what, s)
	}
}
