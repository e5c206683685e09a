package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/internal/testkit"
)

// snapshot reads every file under dir, by path relative to dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// xlsxToCSV writes the first sheet of the workbook at from as a CSV file.
func xlsxToCSV(t *testing.T, from, to string) {
	t.Helper()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := csv.NewWriter(&buf).WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// An annotated copy never takes the name of a file that is there, inputs
// included, nor of another copy; a copy that cannot be written is a
// failure naming the file.
func TestAnnotateNeverOverwrites(t *testing.T) {
	const sample = "samples/2018-10/兴宁区.xlsx"
	long := "兴宁区-2018-10-" + strings.Repeat("x", 255-len("兴宁区-2018-10-")-len(".csv")) // 255 bytes as .csv, 256 as .xlsx
	cases := []struct {
		name   string
		setup  func(t *testing.T, root string)
		args   []string // relative to root; the first is the annotation folder
		code   int
		copies []string // new files in the annotation folder
		stderr string
	}{
		{"an input already in the folder",
			func(t *testing.T, root string) {
				copyFile(t, sample, filepath.Join(root, "A", "兴宁区.xlsx"))
				copyFile(t, sample, filepath.Join(root, "B", "兴宁区.xlsx"))
			},
			[]string{"A", "B/兴宁区.xlsx", "A/兴宁区.xlsx"}, exitOK,
			[]string{"A/兴宁区（标注）.xlsx", "A/兴宁区（标注2）.xlsx"}, ""},
		{"a csv beside the clerk's workbook",
			func(t *testing.T, root string) {
				copyFile(t, sample, filepath.Join(root, "2018-10", "兴宁区.xlsx"))
				xlsxToCSV(t, sample, filepath.Join(root, "2018-10", "兴宁区.csv"))
			},
			[]string{"2018-10", "2018-10/兴宁区.csv"}, exitOK,
			[]string{"2018-10/兴宁区（标注）.xlsx"}, ""},
		{"two inputs of the same name",
			func(t *testing.T, root string) {
				copyFile(t, sample, filepath.Join(root, "A", "兴宁区.xlsx"))
				copyFile(t, sample, filepath.Join(root, "B", "兴宁区.xlsx"))
			},
			[]string{"out", "A/兴宁区.xlsx", "B/兴宁区.xlsx"}, exitOK,
			[]string{"out/兴宁区.xlsx", "out/兴宁区（标注）.xlsx"}, ""},
		{"an earlier copy in the folder",
			func(t *testing.T, root string) {
				copyFile(t, sample, filepath.Join(root, "A", "兴宁区.xlsx"))
				copyFile(t, sample, filepath.Join(root, "out", "兴宁区.xlsx"))
				copyFile(t, sample, filepath.Join(root, "out", "兴宁区（标注）.xlsx"))
			},
			[]string{"out", "A/兴宁区.xlsx"}, exitOK,
			[]string{"out/兴宁区（标注2）.xlsx"}, ""},
		{"a copy that cannot be written",
			func(t *testing.T, root string) {
				xlsxToCSV(t, sample, filepath.Join(root, "2018-10", long+".csv"))
			},
			[]string{"out", "2018-10/" + long + ".csv"}, exitFailed,
			nil, "错误：" + "2018-10/" + long + ".csv：未能写出标注副本"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			c.setup(t, root)
			before := snapshot(t, root)
			args := []string{"validate", "--annotate"}
			for _, a := range c.args {
				args = append(args, filepath.Join(root, a))
			}
			code, stdout, stderr := run(t, args...)
			if code != c.code || !strings.Contains(strings.ReplaceAll(stderr, root+"/", ""), c.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, c.code, stdout, stderr)
			}
			after := snapshot(t, root)
			for name, b := range before {
				if !bytes.Equal(after[name], b) {
					t.Errorf("%s was changed", name)
				}
			}
			var added []string
			for name := range after {
				if _, ok := before[name]; !ok {
					added = append(added, name)
				}
			}
			sort.Strings(added)
			sort.Strings(c.copies)
			if strings.Join(added, "|") != strings.Join(c.copies, "|") {
				t.Errorf("new files %q, want %q", added, c.copies)
			}
			for _, name := range added {
				f, err := excelize.OpenFile(filepath.Join(root, name))
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				f.Close()
			}
		})
	}
}

// --annotate on workbooks with no styles part, or an empty one, writes
// their copies and the report; one file never stops the others.
func TestAnnotateMinimalWorkbooks(t *testing.T) {
	const sample = "samples/2018-10/兴宁区.xlsx"
	for _, c := range []struct {
		name, styles string
	}{
		{"no styles part", ""},
		{"empty styleSheet", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			src := filepath.Join(root, "in", "青秀区-2018-10.xlsx")
			data := testkit.MinimalXLSX(t, c.styles)
			if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(src, data, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(root, "out")
			code, stdout, stderr := run(t, "validate", "--annotate", out, src, sample)
			if code != exitFailed || !strings.Contains(stdout, "青秀区-2018-10.xlsx") || !strings.Contains(stdout, "兴宁区.xlsx") ||
				strings.Contains(stderr, "程序出错") {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
			}
			for _, name := range []string{"青秀区-2018-10.xlsx", "兴宁区.xlsx"} {
				f, err := excelize.OpenFile(filepath.Join(out, name))
				if err != nil {
					t.Errorf("copy %s: %v", name, err)
					continue
				}
				f.Close()
			}
			if after, _ := os.ReadFile(src); !bytes.Equal(after, data) {
				t.Error("the input was changed")
			}
		})
	}
}

// A file that cannot be opened has no copy to annotate: its report says
// why, and no second error about the copy follows.
func TestAnnotateUnopened(t *testing.T) {
	out := t.TempDir()
	missing := filepath.Join(t.TempDir(), "兴宁区.xlsx")
	damaged := filepath.Join(t.TempDir(), "江南区.xlsx")
	if err := os.WriteFile(damaged, []byte("PK\x03\x04 cut short"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "validate", "--annotate", out, missing, damaged, "samples/2018-10/经开区.xlsx")
	if code != exitFailed || strings.Contains(stderr, "未能写出标注副本") || !strings.Contains(stdout, "找不到这个文件") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil || len(entries) != 1 {
		t.Errorf("copies %v (%v); want the one of 经开区", entries, err)
	}
}
