//go:build unix

package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"jianbao/templates"
)

// A file that never finishes reading (here a named pipe nobody writes to)
// is READ_TIMEOUT for that file alone: every other file is read and yielded,
// each once.
func TestReadEachTimeout(t *testing.T) {
	dir := t.TempDir()
	files, err := Scan("../samples")
	if err != nil {
		t.Fatal(err)
	}
	names := append([]string{}, files[:6]...)
	pipe := filepath.Join(dir, "stuck.xlsx")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	t.Cleanup(func() {
		// let the abandoned read finish
		if f, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
	names = append(names[:3], append([]string{"stuck.xlsx"}, names[3:]...)...)
	rd := NewReader(templates.Default())
	rd.Limits.Time = 50 * time.Millisecond
	locate := func(n string) string {
		if n == "stuck.xlsx" {
			return pipe
		}
		return Locate("../samples", n)
	}
	seen := map[int]bool{}
	rd.ReadEach(names, locate, 2, func(i int, s *Submission) {
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
