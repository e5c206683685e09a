package ingest_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/ingest/tablegen"
	"jianbao/templates"
)

// The layout harness through other writers: the same cases written by
// openpyxl and xlsxwriter (ingest/testdata/tablegen_write.py) and converted
// by LibreOffice to .xls and back to .xlsx, held to the same oracle.
// Slow: skipped under -short, and a writer is skipped when it is not
// installed. JIANBAO_WRITER_SEEDS sets the number of cases (default 60).

const (
	writerFirstSeed = 100001 // apart from the seeds TestLayouts reads
	writerSeeds     = 60
	python          = "/usr/bin/python3"
)

// pythonHas reports whether /usr/bin/python3 can import module.
func pythonHas(module string) bool {
	return exec.Command(python, "-c", "import "+module).Run() == nil
}

// layoutWriter turns the cases (their JSON and excelize .xlsx already in
// dir as seed-N.json and seed-N.xlsx) into files of its own, and says where
// each case's file is.
type layoutWriter struct {
	name  string
	ext   string
	skip  func() string // why the writer cannot run, "" when it can
	write func(ctx context.Context, dir string, seeds []uint64) (out string, err error)
}

func pythonWriter(module string) layoutWriter {
	return layoutWriter{
		name: module,
		ext:  ".xlsx",
		skip: func() string {
			if !pythonHas(module) {
				return python + " cannot import " + module
			}
			return ""
		},
		write: func(ctx context.Context, dir string, seeds []uint64) (string, error) {
			out := filepath.Join(dir, module)
			args := []string{filepath.Join("testdata", "tablegen_write.py"), "--writer", module, out}
			for _, s := range seeds {
				args = append(args, filepath.Join(dir, fmt.Sprintf("seed-%d.json", s)))
			}
			if b, err := exec.CommandContext(ctx, python, args...).CombinedOutput(); err != nil {
				return "", fmt.Errorf("%v: %s", err, b)
			}
			return out, nil
		},
	}
}

func libreOfficeWriter(format string) layoutWriter {
	return layoutWriter{
		name: "libreoffice-" + format,
		ext:  "." + format,
		skip: func() string {
			if _, err := exec.LookPath("soffice"); err != nil {
				return "soffice not found"
			}
			return ""
		},
		write: func(ctx context.Context, dir string, seeds []uint64) (string, error) {
			out := filepath.Join(dir, "lo-"+format)
			profile := "file://" + filepath.Join(dir, "lo-profile")
			args := []string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", format, "--outdir", out}
			for _, s := range seeds {
				args = append(args, filepath.Join(dir, fmt.Sprintf("seed-%d.xlsx", s)))
			}
			if b, err := exec.CommandContext(ctx, "soffice", args...).CombinedOutput(); err != nil {
				return "", fmt.Errorf("%v: %s", err, b)
			}
			return out, nil
		},
	}
}

// TestLayoutWriters reads a sample of cases as other programs write them.
func TestLayoutWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs other programs")
	}
	n := envInt("JIANBAO_WRITER_SEEDS", writerSeeds)
	cfg := templates.Default()
	rd := ingest.NewReader(cfg)
	dir := t.TempDir()
	var seeds []uint64
	cases := map[uint64]tablegen.Case{}
	for s := uint64(writerFirstSeed); s < writerFirstSeed+uint64(n); s++ {
		c := tablegen.Generate(s)
		seeds = append(seeds, s)
		cases[s] = c
		js, err := tablegen.WriteJSON(c)
		if err != nil {
			t.Fatal(err)
		}
		x, err := tablegen.WriteXLSX(c)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range map[string][]byte{".json": js, ".xlsx": x} {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%d%s", s, name)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The outcome of each case as excelize wrote it, to compare with.
	base := map[uint64]layoutResult{}
	for _, s := range seeds {
		base[s] = readCase(rd, cfg, tablegen.WriteXLSX, cases[s], ".xlsx")
	}
	var fails failDir
	for _, w := range []layoutWriter{pythonWriter("openpyxl"), pythonWriter("xlsxwriter"), libreOfficeWriter("xls"), libreOfficeWriter("xlsx")} {
		t.Run(w.name, func(t *testing.T) {
			if why := w.skip(); why != "" {
				t.Skip(why)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			start := time.Now()
			out, err := w.write(ctx, dir, seeds)
			if err != nil {
				t.Fatalf("%s: %v", w.name, err)
			}
			t.Logf("%s wrote %d files in %v", w.name, len(seeds), time.Since(start).Round(time.Millisecond))
			results := make([]layoutResult, 0, len(seeds))
			for _, s := range seeds {
				c := cases[s]
				data, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("seed-%d%s", s, w.ext)))
				res := readCase(rd, cfg, func(tablegen.Case) ([]byte, error) { return data, err }, c, w.ext)
				checkCase(t, &res, &fails, "-"+w.name)
				results = append(results, res)
				if b := base[s]; res.sub != nil && b.outcome != res.outcome {
					t.Logf("seed %d: %s through %s, %s as excelize wrote it (%s | %s)",
						s, res.outcome, w.name, b.outcome, firstError(res.sub), firstError(b.sub))
				}
			}
			summarize(t, results, &fails)
		})
	}
}

func firstError(sub *ingest.Submission) string {
	if errs := sub.Errors(); len(errs) > 0 {
		return errs[0].Code() + " " + errs[0].Error()
	}
	return "no error"
}

// nameWith gives a case's path the extension of the file read.
func nameWith(c *tablegen.Case, ext string) string {
	return strings.TrimSuffix(c.Name(), ".xlsx") + ext
}
