package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestScan(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"2018-10/青秀区.xlsx", "2018-10/~$青秀区.xlsx", "2018-10/说明.docx", ".git/x.xlsx", "兴宁区.CSV"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(t.TempDir(), "current")
	if err := os.Symlink(dir, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	want := []string{"2018-10/青秀区.xlsx", "兴宁区.CSV"}
	for _, root := range []string{dir, link} {
		t.Run(filepath.Base(root), func(t *testing.T) {
			got, err := Scan(root)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Scan(%s) = %q, %v; want %q", root, got, err, want)
			}
		})
	}
}
