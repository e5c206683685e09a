package ingest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"jianbao/templates"
)

// openCheckPython is the Python that has openpyxl (Debian's python3-openpyxl).
const openCheckPython = "/usr/bin/python3"

// unreadableCodes are the errors of a file validate cannot read at all; such
// a file has no copy to annotate.
var unreadableCodes = map[string]bool{
	ErrUnreadable.Code: true, ErrEncrypted.Code: true, ErrTooLarge.Code: true,
	ErrUnsupported.Code: true, ErrTimeout.Code: true, ErrReaderFailed.Code: true,
}

// annotationSources lists the spreadsheets of the wild corpus (read where it
// lies, never copied) and of the repository's testdata/.
func annotationSources(t *testing.T) []string {
	var srcs []string
	if entries, err := os.ReadDir(wildDir()); err == nil {
		for _, e := range entries {
			if !e.IsDir() && !strings.HasSuffix(e.Name(), ".md") && e.Name() != "MANIFEST.tsv" {
				srcs = append(srcs, filepath.Join(wildDir(), e.Name()))
			}
		}
	} else {
		t.Logf("wild corpus not found at %s: %v", wildDir(), err)
	}
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".xlsx", ".xlsm", ".xls", ".csv", ".tsv":
			if filepath.Base(filepath.Dir(p)) != "samples" { // figures.csv, manifest.csv: lists, not sheets
				srcs = append(srcs, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(srcs)
	return srcs
}

// TestAnnotatedCopiesOpen annotates every file of the wild corpus and of
// testdata/ that validate can read, and opens every copy with openpyxl and
// with LibreOffice: a copy either of them refuses is a copy a clerk cannot
// use. Each program is skipped when it is not installed.
func TestAnnotatedCopiesOpen(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs other programs on every copy")
	}
	rd := NewReader(templates.Default())
	out := t.TempDir()
	var copies []string
	source := map[string]string{}
	for i, src := range annotationSources(t) {
		sub := rd.ReadFile(src, filepath.Base(src))
		if errs := sub.Errors(); sub.Unread() || len(errs) > 0 && unreadableCodes[errs[0].Code()] || kindOf(src) == kindZip {
			continue
		}
		ext := ".xlsx"
		if strings.EqualFold(filepath.Ext(src), ".xlsm") {
			ext = ".xlsm"
		}
		dst := filepath.Join(out, fmt.Sprintf("copy-%03d%s", i, ext))
		if err := rd.Annotate(src, dst, sub); err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		copies = append(copies, dst)
		source[filepath.Base(dst)] = src
	}
	if len(copies) == 0 {
		t.Fatal("no copy written")
	}
	t.Logf("%d copies", len(copies))
	t.Run("openpyxl", func(t *testing.T) {
		if exec.Command(openCheckPython, "-c", "import openpyxl").Run() != nil {
			t.Skip("no " + openCheckPython + " with openpyxl")
		}
		const script = `
import sys, warnings, openpyxl
warnings.simplefilter("ignore")
for p in sys.argv[1:]:
    try:
        wb = openpyxl.load_workbook(p)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    c.font, c.fill, c.border, c.comment
        wb.close()
    except Exception as e:
        print("%s\t%s: %s" % (p, type(e).__name__, str(e).replace("\n", " ")))
`
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		b, err := exec.CommandContext(ctx, openCheckPython, append([]string{"-c", script}, copies...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("openpyxl: %v\n%s", err, b)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if p, why, ok := strings.Cut(line, "\t"); ok {
				t.Errorf("openpyxl cannot open the copy of %s: %s", source[filepath.Base(p)], why)
			}
		}
	})
	t.Run("libreoffice", func(t *testing.T) {
		if _, err := exec.LookPath("soffice"); err != nil {
			t.Skip("soffice not found")
		}
		dir := t.TempDir()
		csvDir := filepath.Join(dir, "csv")
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
		defer cancel()
		args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "csv", "--outdir", csvDir}
		// soffice converts the copies a batch at a time: a run given more
		// than about 250 files stops after that many without a word.
		const batch = 150
		for i := 0; i < len(copies); i += batch {
			b, err := exec.CommandContext(ctx, "soffice", append(args, copies[i:min(i+batch, len(copies))]...)...).CombinedOutput()
			if err != nil {
				t.Fatalf("soffice: %v\n%s", err, b)
			}
		}
		for _, c := range copies {
			name := strings.TrimSuffix(filepath.Base(c), filepath.Ext(c)) + ".csv"
			if _, err := os.Stat(filepath.Join(csvDir, name)); err != nil {
				t.Errorf("LibreOffice cannot open the copy of %s: %v", source[filepath.Base(c)], err)
			}
		}
	})
}
