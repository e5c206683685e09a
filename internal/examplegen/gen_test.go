package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianbao/templates"
)

// example is the example's folder, from this package's directory.
var example = filepath.Join("..", "..", "templates", "examples", "anquan")

// TestDeterministic runs the generator twice and compares every byte, and
// compares with the committed samples and oracle.csv, so they cannot go
// stale.
func TestDeterministic(t *testing.T) {
	tests := []struct {
		name  string
		gen   func(from, out string, seed uint64, logw io.Writer) error
		files int
	}{
		{"anquan", run, 6*8 + 1},
		{"jingfei", runJingfei, jfMonths*4 + 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			deterministic(t, filepath.Join("..", "..", "templates", "examples", tc.name), tc.gen, tc.files)
		})
	}
}

func deterministic(t *testing.T, example string, gen func(from, out string, seed uint64, logw io.Writer) error, files int) {
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		if err := gen(example, d, defaultSeed, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	a, b := readTree(t, dirs[0]), readTree(t, dirs[1])
	if len(a) != files {
		t.Fatalf("%d files written, want %d", len(a), files)
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
	committed := readTree(t, example)
	for p, x := range a {
		y, ok := committed[p]
		if !ok {
			t.Errorf("%s is not committed: rerun go run ./internal/examplegen -example "+filepath.Base(example), p)
			continue
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s is stale: rerun go run ./internal/examplegen -example "+filepath.Base(example), p)
		}
	}
	for p := range committed {
		if strings.HasPrefix(p, "samples/") && a[p] == nil {
			t.Errorf("%s is not written by the generator: remove it or rerun go run ./internal/examplegen -example "+filepath.Base(example), p)
		}
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel != "oracle.csv" && !strings.HasPrefix(rel, "samples/") {
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFigures checks the drawn figures against what the samples are to
// show: hazards fixed never above those found, fines with hundredths, a
// stock that changes from month to month, and the year to date of a stock
// being the latest month's.
func TestFigures(t *testing.T) {
	cfg, err := templates.Load(filepath.Join(example, templates.DefaultConfigName))
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFigures(cfg, defaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	k := func(id string) int {
		for i, m := range cfg.Metrics {
			if m.ID == id {
				return i
			}
		}
		t.Fatalf("no metric %s", id)
		return -1
	}
	found, fixed, fines, reg := k(idFound), k(idFixed), k(idFines), k(idRegistered)
	cents, moved := false, false
	for u := range cfg.Units {
		for m := 1; m <= nMonths; m++ {
			mo := f.month(u, m)
			if mo[fixed] > mo[found] {
				t.Errorf("unit %d month %d: %d fixed of %d found", u, m, mo[fixed], mo[found])
			}
			cents = cents || mo[fines]%10 != 0
			if m > 1 && mo[reg] != f.month(u, m-1)[reg] {
				moved = true
			}
			if got := f.yearToDate(cfg, u, m)[reg]; got != mo[reg] {
				t.Errorf("unit %d month %d: stock year to date %d, month %d", u, m, got, mo[reg])
			}
		}
	}
	if !cents || !moved {
		t.Errorf("fines with hundredths %v, stock changing %v", cents, moved)
	}
	if _, err := newFigures(templates.Default(), defaultSeed); err == nil {
		t.Error("the built-in configuration was taken")
	}
}
