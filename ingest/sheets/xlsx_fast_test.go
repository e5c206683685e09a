package sheets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fastCorpusDirs hold the workbooks the fast reader is checked on: the
// samples, the test data and the wild corpus.
var fastCorpusDirs = []string{"../../samples", "../../testdata", "testdata", wildDir()}

// fastCorpus lists the .xlsx and .xlsm files under dir.
func fastCorpus(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		ext := strings.ToLower(filepath.Ext(p))
		if !d.IsDir() && (ext == ".xlsx" || ext == ".xlsm") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFastMatchesExcelize reads every workbook of the corpus with both
// readers and requires the same sheets and cells wherever the fast reader
// takes the file.
func TestFastMatchesExcelize(t *testing.T) {
	x := XLSXReader{Limits: testLimits}
	for _, dir := range fastCorpusDirs {
		handled, declined := compareFast(t, x, fastCorpus(t, dir))
		t.Logf("%s: fast reader handled %d, declined %d", dir, handled, declined)
	}
}

// compareFast reads files with both readers and reports differences; it
// returns how many files the fast reader handled and declined.
func compareFast(t *testing.T, x XLSXReader, files []string) (handled, declined int) {
	t.Helper()
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fast, err := x.readFast(data)
		if errors.Is(err, errNotFast) {
			declined++
			continue
		}
		if err != nil {
			t.Errorf("%s: fast reader: %v", p, err)
			continue
		}
		handled++
		slow, err := x.readExcelize(data)
		if err != nil {
			t.Errorf("%s: excelize fails (%v) where the fast reader reads", p, err)
			continue
		}
		if d := workbookDiff(fast, slow); d != "" {
			t.Errorf("%s: %s", p, d)
		}
	}
	return handled, declined
}

// workbookDiff describes the first difference between two workbooks.
func workbookDiff(a, b *Workbook) string {
	if len(a.Sheets) != len(b.Sheets) {
		return fmt.Sprintf("sheet count %d vs %d", len(a.Sheets), len(b.Sheets))
	}
	for i, sa := range a.Sheets {
		sb := b.Sheets[i]
		if sa.Name != sb.Name || sa.Index != sb.Index || sa.Hidden != sb.Hidden {
			return fmt.Sprintf("sheet %d: %q hidden=%v vs %q hidden=%v", i+1, sa.Name, sa.Hidden, sb.Name, sb.Hidden)
		}
		if len(sa.Rows) != len(sb.Rows) {
			return fmt.Sprintf("%s: row count %d vs %d", sa.Name, len(sa.Rows), len(sb.Rows))
		}
		for r := range sa.Rows {
			if len(sa.Rows[r]) != len(sb.Rows[r]) {
				return fmt.Sprintf("%s: width of row %d: %d vs %d", sa.Name, r+1, len(sa.Rows[r]), len(sb.Rows[r]))
			}
			for c := range sa.Rows[r] {
				ca, cb := sa.Rows[r][c], sb.Rows[r][c]
				if ca != cb {
					return fmt.Sprintf("%s!%s: %+v vs %+v", sa.Name, Ref(r, c), ca, cb)
				}
			}
		}
	}
	return ""
}
