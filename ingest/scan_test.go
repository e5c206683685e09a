package ingest

import (
	"errors"
	"io/fs"
	"testing/fstest"
	"time"

	"jianbao/templates"
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
	want := []string{"2018-10/说明.docx", "2018-10/青秀区.xlsx", "兴宁区.CSV"}
	for _, root := range []string{dir, link} {
		t.Run(filepath.Base(root), func(t *testing.T) {
			got, err := ScanFolder(root)
			if err != nil || !reflect.DeepEqual(got.Files, want) || got.Skipped != 2 {
				t.Errorf("ScanFolder(%s) = %q (%d skipped), %v; want %q and 2 skipped", root, got.Files, got.Skipped, err, want)
			}
		})
	}
}

// A file that never finishes reading is READ_TIMEOUT for that file alone:
// every other file is read and yielded, each once.
func TestReadEachTimeout(t *testing.T) {
	files, err := Scan("../samples")
	if err != nil {
		t.Fatal(err)
	}
	names := append([]string{}, files[:6]...)
	names = append(names[:3], append([]string{"stuck.xlsx"}, names[3:]...)...)
	rd := NewReader(templates.Default())
	rd.Limits.Time = 50 * time.Millisecond
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // let the abandoned read finish
	rd.readFile = func(p, name string) *Submission {
		if name == "stuck.xlsx" {
			<-release
		}
		return rd.ReadFile(p, name)
	}
	seen := map[int]bool{}
	rd.ReadEach(names, func(n string) string { return Locate("../samples", n) }, 2, func(i int, s *Submission) {
		if seen[i] || s.File != names[i] {
			t.Errorf("index %d: %s (seen before: %v)", i, s.File, seen[i])
		}
		seen[i] = true
		stuck := len(s.Findings) == 1 && errors.Is(s.Findings[0].Err, ErrTimeout)
		if (names[i] == "stuck.xlsx") != stuck || (!stuck && !s.OK()) {
			t.Errorf("%s: findings %v", s.File, s.Findings)
		}
	})
	if len(seen) != len(names) {
		t.Errorf("%d of %d files yielded", len(seen), len(names))
	}
}

// deniedFS is a folder in which some subfolders cannot be listed.
type deniedFS struct {
	fstest.MapFS
	denied map[string]bool
}

func (d deniedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if d.denied[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadDir(name)
}

// A subfolder that cannot be listed does not stop the scan: it is listed,
// its name ending in a slash, and the other files are found.
func TestScanUnreadableFolder(t *testing.T) {
	fsys := deniedFS{fstest.MapFS{
		"2018-10/青秀区.xlsx":                 {},
		"System Volume Information/x.xlsx": {},
		"2018-10/锁住/兴宁区.xlsx":              {},
		"2018-09/青秀区.xlsx":                 {},
	}, map[string]bool{"System Volume Information": true, "2018-10/锁住": true}}
	got, err := scanFS(fsys)
	want := []string{"2018-09/青秀区.xlsx", "2018-10/锁住/", "2018-10/青秀区.xlsx", "System Volume Information/"}
	if err != nil || !reflect.DeepEqual(got.Files, want) {
		t.Errorf("scanFS = %q, %v; want %q", got.Files, err, want)
	}
}

// A folder the scan could not list is read as a finding of its own, in
// Chinese.
func TestReadUnreadableFolder(t *testing.T) {
	rd := NewReader(templates.Default())
	dir := t.TempDir()
	for _, c := range []struct {
		name, path, want string
	}{
		{"2018-10/青秀区/", filepath.Join(dir, "missing"), "文件夹无法打开，其中的报表没有读取：文件或文件夹不存在"},
		{"2018-10/青秀区/", dir, "文件夹无法打开，其中的报表没有读取"},
	} {
		t.Run(c.want, func(t *testing.T) {
			s := rd.ReadFile(c.path, c.name)
			errs := s.Errors()
			if len(errs) != 1 || errs[0].Code() != "UNREADABLE_FOLDER" || errs[0].Err.Error() != c.want {
				t.Errorf("findings %v; want UNREADABLE_FOLDER %q", s.Findings, c.want)
			}
		})
	}
}
