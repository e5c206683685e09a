package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"jianbao/templates"
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
	release, told := make(chan struct{}), make(chan bool, 1)
	rd.readFile = func(p, name string, stop <-chan struct{}) *Submission {
		if name == "stuck.xlsx" {
			select {
			case <-stop:
				told <- true
			case <-release:
				told <- false
			}
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
	close(release) // a read never told to stop is let go here
	if !<-told {
		t.Error("the read abandoned at its time limit was not told to stop")
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

// TestReadEachMemoryBudget reads with many workers but a budget that fits
// only two files: the memory expected of the reads running at any moment
// never passes the budget, and every file is read.
func TestReadEachMemoryBudget(t *testing.T) {
	files, err := Scan("../samples")
	if err != nil {
		t.Fatal(err)
	}
	files = files[:40]
	rd := NewReader(templates.Default())
	rd.Limits = Limits{FileBytes: 1 << 20, UnzippedBytes: 1 << 20, Rows: 5000, Cells: 1000}
	locate := func(n string) string { return Locate("../samples", n) }
	var most int64
	for _, f := range files {
		most = max(most, rd.expectedMemory(locate(f)))
	}
	rd.Memory = 2*most + most/2
	if rd.memory() != rd.Memory {
		t.Fatalf("budget %d, want %d", rd.memory(), rd.Memory)
	}
	var mu sync.Mutex
	var held, peak int64
	rd.readFile = func(p, name string, stop <-chan struct{}) *Submission {
		need := rd.expectedMemory(p)
		mu.Lock()
		held += need
		peak = max(peak, held)
		mu.Unlock()
		for range 20 {
			runtime.Gosched()
		}
		s := rd.readFileUntil(p, name, stop)
		mu.Lock()
		held -= need
		mu.Unlock()
		return s
	}
	n := 0
	rd.ReadEach(files, locate, 8, func(int, *Submission) { n++ })
	if peak > rd.Memory || n != len(files) {
		t.Errorf("reads held %d bytes at once, budget %d; %d of %d files read", peak, rd.Memory, n, len(files))
	}
}

func TestMemoryBudget(t *testing.T) {
	b := newMemoryBudget(10)
	if got := b.take(25); got != 10 {
		t.Errorf("took %d of a budget of 10 for a need of 25; want all 10", got)
	}
	done := make(chan int64)
	go func() { done <- b.take(3) }()
	b.give(10)
	if got := <-done; got != 3 {
		t.Errorf("took %d; want 3", got)
	}
	if b.free != 7 {
		t.Errorf("free %d; want 7", b.free)
	}
}
