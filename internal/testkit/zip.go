package testkit

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// Inflate rewrites an .xlsx with extra bytes of white space at the end of
// its first worksheet: a small file that unpacks to a large one.
func Inflate(t testing.TB, xlsx []byte, extra int) []byte {
	t.Helper()
	return RewritePart(t, xlsx, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return append(b, bytes.Repeat([]byte(" "), extra)...)
	})
}

// RewritePart returns the zip package xlsx with the part called name
// changed by edit; the other parts are copied as they are.
func RewritePart(t testing.TB, xlsx []byte, name string, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			body = edit(body)
		}
		w, err := zw.Create(f.Name)
		if err == nil {
			_, err = w.Write(body)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
