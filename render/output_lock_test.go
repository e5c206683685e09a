package render

import (
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"jianbao/aggregate"
)

// meetRenderer writes body after waiting a moment to meet another
// meetRenderer rendering at the same time; met records a meeting.
type meetRenderer struct {
	name, body string
	meet       chan struct{}
	met        *bool
}

func (m meetRenderer) Name() string { return m.name }

func (m meetRenderer) Render(w io.Writer, _ *aggregate.Report) error {
	select {
	case m.meet <- struct{}{}:
		*m.met = true
	case <-m.meet:
		*m.met = true
	case <-time.After(300 * time.Millisecond):
	}
	_, err := io.WriteString(w, m.body)
	return err
}

// TestWriteAllOneWriterAtATime: two rollups writing into one folder do not
// render and rename at the same time, so the outputs left are all of one.
func TestWriteAllOneWriterAtATime(t *testing.T) {
	dir := t.TempDir()
	r := rollupFixture(t)
	meet := make(chan struct{})
	met := make([]bool, 2)
	bodies := []string{"A", "B"}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, body := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = WriteAll(dir, r,
				fakeRenderer{name: "a.txt", body: body},
				meetRenderer{name: "b.txt", body: body, meet: meet, met: &met[i]},
				fakeRenderer{name: "c.txt", body: body})
		}()
	}
	wg.Wait()
	for i := range bodies {
		if errs[i] != nil {
			t.Fatalf("run %s: %v", bodies[i], errs[i])
		}
		if met[i] {
			t.Errorf("run %s rendered while the other did", bodies[i])
		}
	}
	got := readOutputFile(t, filepath.Join(dir, "a.txt"))
	assertOutputDir(t, dir, map[string]string{"a.txt": got, "b.txt": got, "c.txt": got})
}

// TestWriteAllRemovesStaleTemporaries: temporary files of the outputs left
// by a run that was killed are removed; other files are kept.
func TestWriteAllRemovesStaleTemporaries(t *testing.T) {
	cases := []struct {
		name  string
		stale []string // removed
		kept  []string // left alone
	}{
		{"temporary", []string{".a.txt.tmp-123456"}, nil},
		{"backup of a commit", []string{".b.txt.tmp-42.old", ".a.txt.tmp-7"}, nil},
		{"other files", []string{".b.txt.tmp-9"}, []string{".c.txt.tmp-1", "a.txt.tmp-1", ".a.txt.tmp-x", "notes.txt"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			want := map[string]string{"a.txt": "A", "b.txt": "B"}
			for _, n := range append(append([]string{}, c.stale...), c.kept...) {
				if err := os.WriteFile(filepath.Join(dir, n), []byte("left"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, n := range c.kept {
				want[n] = "left"
			}
			r := rollupFixture(t)
			if err := WriteAll(dir, r, fakeRenderer{name: "a.txt", body: "A"}, fakeRenderer{name: "b.txt", body: "B"}); err != nil {
				t.Fatal(err)
			}
			assertOutputDir(t, dir, want)
		})
	}
}
