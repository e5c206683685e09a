//go:build unix

package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"jianbao/templates"
)

// Only regular files are read: a link to a device, a named pipe and a
// folder named like a workbook are each listed by Scan and refused at once
// as unreadable, saying what they are, without waiting for the time limit.
func TestOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		make func(p string) error
		want string
	}{
		{"零.xlsx", func(p string) error {
			if _, err := os.Stat("/dev/zero"); err != nil {
				return err
			}
			return os.Symlink("/dev/zero", p)
		}, "是设备文件"},
		{"管道.xlsx", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "是命名管道"},
		{"管道.zip", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "是命名管道"},
		{"文件夹.xlsx", func(p string) error { return os.Mkdir(p, 0o755) }, "是文件夹"},
	}
	rd := NewReader(templates.Default())
	rd.Limits.Time = 5 * time.Second // far above what a refusal takes
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			if err := c.make(p); err != nil {
				t.Skip("cannot make it here:", err)
			}
			files, err := Scan(dir)
			if err != nil {
				t.Fatal(err)
			}
			listed := false
			for _, f := range files {
				listed = listed || f == c.name
			}
			if !listed {
				t.Errorf("Scan lists %q, not %s", files, c.name)
			}
			s := rd.readBounded(p, c.name, newMemoryBudget(rd.memory()))
			errs := s.Errors()
			if len(errs) != 1 || !errors.Is(errs[0].Err, ErrUnreadable) || !strings.Contains(errs[0].Err.Error(), "这不是普通文件（"+c.want+"）") {
				t.Errorf("findings %v; want one UNREADABLE_FILE saying 这不是普通文件（%s）", s.Findings, c.want)
			}
		})
	}
}

// A link inside the folder to a sheet outside it is listed under its own
// name and read as the sheet it leads to, as the README says.
func TestLinkOutsideFolder(t *testing.T) {
	src, err := filepath.Abs("../samples/2018-10/经开区.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "2018-10"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(src, filepath.Join(dir, "2018-10", "经开区.xlsx")); err != nil {
		t.Skip("cannot make a link here:", err)
	}
	files, err := Scan(dir)
	if err != nil || len(files) != 1 || files[0] != "2018-10/经开区.xlsx" {
		t.Fatalf("Scan = %v, %v", files, err)
	}
	s := NewReader(templates.Default()).ReadFile(Locate(dir, files[0]), files[0])
	if !s.OK() || s.Unit != "经开区" || s.File != "2018-10/经开区.xlsx" {
		t.Errorf("read %s as %s %s: %v", s.File, s.Unit, s.Period, s.Findings)
	}
}
