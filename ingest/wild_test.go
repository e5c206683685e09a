package ingest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"jianbao/templates"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// wildDir is the corpus of spreadsheets from other projects' test suites,
// kept outside this repository; JIANBAO_WILD overrides where it is.
func wildDir() string {
	if d := os.Getenv("JIANBAO_WILD"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "corpus", "wild")
}

const wildOutcomes = "testdata/wild-outcomes.tsv"

// TestWildCorpus reads every file of the corpus (each file inside a zip
// archive, as archive.zip!inner): none may panic the program
// or hang, every one must end as read or as a clear error, and the outcome
// of each must match the table in testdata (refresh it with -update and
// review the change with git diff).
func TestWildCorpus(t *testing.T) {
	dir := wildDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("wild corpus not found at %s: %v", dir, err)
	}
	rd := NewReader(templates.Default())
	got := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".md") || strings.HasSuffix(e.Name(), ".tsv") && e.Name() == "MANIFEST.tsv" {
			continue
		}
		// a zip archive is read as a rollup reads it: each file inside
		p := filepath.Join(dir, e.Name())
		names, _ := ExpandFile(p)
		for _, n := range names {
			name := e.Name() + strings.TrimPrefix(n, p)
			got[name] = wildOutcome(t, rd, n, name)
		}
	}
	if *update {
		writeOutcomes(t, got)
		return
	}
	want := readOutcomes(t)
	for name, o := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("%s: outcome %s not in %s (run with -update)", name, o, wildOutcomes)
		} else if w != o {
			t.Errorf("%s: outcome %s, was %s", name, o, w)
		}
	}
}

// wildOutcome reads one file with a time limit and sums up the result: OK,
// or the code of its first error. A reader panic or a hang fails the test.
func wildOutcome(t *testing.T, rd *Reader, path, name string) string {
	done := make(chan *Submission, 1)
	go func() { done <- rd.ReadFile(path, name) }()
	select {
	case s := <-done:
		if errs := s.Errors(); len(errs) > 0 {
			code := errs[0].Code()
			if code == ErrReaderFailed.Code {
				t.Errorf("%s: the reader panicked: %v", name, errs[0])
			}
			return code
		}
		return "OK"
	case <-time.After(30 * time.Second):
		t.Errorf("%s: no result after 30 s", name)
		return "HANG"
	}
}

func readOutcomes(t *testing.T) map[string]string {
	b, err := os.ReadFile(wildOutcomes)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if name, o, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			out[name] = o
		}
	}
	return out
}

func writeOutcomes(t *testing.T, got map[string]string) {
	names := make([]string, 0, len(got))
	counts := map[string]int{}
	for n, o := range got {
		names = append(names, n)
		counts[o]++
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("# file\toutcome (OK, or the code of the first error) — go test ./ingest -run WildCorpus -update\n")
	for _, n := range names {
		fmt.Fprintf(&b, "%s\t%s\n", n, got[n])
	}
	if err := os.WriteFile(wildOutcomes, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("outcomes: %v", counts)
}

// TestWildEncrypted opens password-protected workbooks of the corpus: without
// a password they are ENCRYPTED, with the right one they open.
func TestWildEncrypted(t *testing.T) {
	files := []string{"edr__agile_AES128_SHA1_CBC_pwd_password.xlsx", "edr__agile_AES256_SHA512_CBC_pwd_password.xlsx"}
	for _, name := range files {
		path := filepath.Join(wildDir(), name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("wild corpus not found: %v", err)
		}
		t.Run(name, func(t *testing.T) {
			rd := NewReader(templates.Default())
			if s := rd.ReadFile(path, name); s.OK() || s.Errors()[0].Code() != ErrEncrypted.Code {
				t.Fatalf("without a password: %v", s.Findings)
			}
			rd.Password = "password"
			s := rd.ReadFile(path, name)
			if errs := s.Errors(); len(errs) == 0 || errs[0].Code() == ErrEncrypted.Code || errs[0].Code() == ErrUnreadable.Code {
				t.Fatalf("with the password: %v", s.Findings)
			}
			if len(s.Sheets) == 0 {
				t.Fatal("no sheets read")
			}
		})
	}
}
