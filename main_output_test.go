package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/xuri/excelize/v2"
)

// fifo makes a named pipe at path, held open for reading and writing and
// drained, so that a program writing into it never blocks.
func fifo(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, f) }()
	t.Cleanup(func() { _ = f.Close() })
}

// TestOutputsOnlyRegularFiles: an output is never written over something
// that is not a regular file (a named pipe, a device): the command refuses,
// naming the path, and the thing is left as it was.
func TestOutputsOnlyRegularFiles(t *testing.T) {
	type target struct {
		path string
		mode os.FileMode // the type the path must still have
	}
	cases := []struct {
		name string
		make func(t *testing.T, dir string) (target, []string)
	}{
		{"template into a named pipe", func(t *testing.T, dir string) (target, []string) {
			p := filepath.Join(dir, "空白.xlsx")
			fifo(t, p)
			return target{p, os.ModeNamedPipe}, []string{"template", "-o", p}
		}},
		{"template into a link to a device", func(t *testing.T, dir string) (target, []string) {
			// A link, not the device itself: were the rule ever broken, the
			// link would be replaced, never the machine's /dev/null.
			if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
				t.Skip("no /dev/null character device")
			}
			l := filepath.Join(dir, "空白.xlsx")
			if err := os.Symlink(os.DevNull, l); err != nil {
				t.Skip(err)
			}
			return target{l, os.ModeSymlink}, []string{"template", "-o", l}
		}},
		{"template into a link to a named pipe", func(t *testing.T, dir string) (target, []string) {
			p := filepath.Join(dir, "pipe")
			fifo(t, p)
			l := filepath.Join(dir, "空白.xlsx")
			if err := os.Symlink(p, l); err != nil {
				t.Skip(err)
			}
			return target{l, os.ModeSymlink}, []string{"template", "-o", l}
		}},
		{"template over a folder", func(t *testing.T, dir string) (target, []string) {
			p := filepath.Join(dir, "空白.xlsx")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return target{p, os.ModeDir}, []string{"template", "-o", p}
		}},
		{"rollup output is a named pipe", func(t *testing.T, dir string) (target, []string) {
			p := filepath.Join(dir, "out", "summary.json")
			fifo(t, p)
			return target{p, os.ModeNamedPipe}, []string{"rollup", "--quiet", "--out", filepath.Dir(p), "samples/2018-10"}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			tg, args := c.make(t, dir)
			code, _, stderr := run(t, args...)
			if code != exitFailed {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
			}
			if !strings.Contains(stderr, tg.path) || !strings.Contains(stderr, "不是普通文件") {
				t.Errorf("stderr does not name %s as not a regular file:\n%s", tg.path, stderr)
			}
			fi, err := os.Lstat(tg.path)
			if err != nil {
				t.Fatalf("%s is gone: %v", tg.path, err)
			}
			if fi.Mode().Type() != tg.mode {
				t.Errorf("%s is now %v, want type %v", tg.path, fi.Mode().Type(), tg.mode)
			}
			if tg.mode == os.ModeSymlink {
				if fi, err := os.Stat(tg.path); err != nil || fi.Mode()&(os.ModeNamedPipe|os.ModeCharDevice) == 0 {
					t.Errorf("the link no longer leads to the pipe or device: %v", err)
				}
			}
			entries, _ := os.ReadDir(filepath.Dir(tg.path))
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("temporary file left: %s", e.Name())
				}
			}
		})
	}
}

// TestRollupConcurrentOutputsAgree: two rollups into one folder at once
// leave the three outputs of one of them, never a mix; temporary files a
// killed run left there are cleared.
func TestRollupConcurrentOutputsAgree(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	stale := filepath.Join(out, ".briefing.pdf.tmp-2718281828")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("half a PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	dates := []string{"2018-11-05", "2018-11-06"}
	for round := range 3 {
		t.Run(fmt.Sprint("round ", round+1), func(t *testing.T) {
			var wg sync.WaitGroup
			codes, errs := make([]int, len(dates)), make([]string, len(dates))
			for i, d := range dates {
				wg.Add(1)
				go func() {
					defer wg.Done()
					codes[i], _, errs[i] = run(t, "rollup", "--quiet", "--out", out, "--generated-at", d+"T09:00:00+08:00", "samples")
				}()
			}
			wg.Wait()
			for i := range dates {
				if codes[i] != exitOK {
					t.Fatalf("rollup %s: exit %d\n%s", dates[i], codes[i], errs[i])
				}
			}
			var sum struct {
				GeneratedAt string `json:"generated_at"`
			}
			b, err := os.ReadFile(filepath.Join(out, "summary.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &sum); err != nil {
				t.Fatal(err)
			}
			day := strings.ReplaceAll(sum.GeneratedAt[:10], "-", "")
			pdf, err := os.ReadFile(filepath.Join(out, "briefing.pdf"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(pdf, []byte("/CreationDate (D:"+day)) {
				t.Errorf("briefing.pdf is not of the run of summary.json (%s)", sum.GeneratedAt)
			}
			f, err := excelize.OpenFile(filepath.Join(out, "briefing.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = f.Close() }()
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(props.Created, sum.GeneratedAt[:10]) {
				t.Errorf("briefing.xlsx created %s, summary.json generated %s", props.Created, sum.GeneratedAt)
			}
			entries, err := os.ReadDir(out)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("temporary file left in the output folder: %s", e.Name())
				}
			}
		})
	}
}

// An annotated copy never takes a name that is taken, whatever holds it: a
// named pipe there is left alone and the copy gets a free name.
func TestAnnotatedCopyBesidePipe(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "标注", "经开区.xlsx")
	fifo(t, p)
	code, _, stderr := run(t, "validate", "--annotate", filepath.Dir(p), "samples/2018-10/经开区.xlsx")
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if fi, err := os.Lstat(p); err != nil || fi.Mode().Type() != os.ModeNamedPipe {
		t.Fatalf("the pipe was touched: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "标注", "经开区（标注）.xlsx")); err != nil {
		t.Errorf("no copy under a free name: %v\n%s", err, stderr)
	}
}
