package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/internal/testkit"
	"jianbao/problem"
	"jianbao/templates"
)

func TestAnnotate(t *testing.T) {
	areas := simpleAreas()
	areas[2][1] = 12.5 // D7
	data := buildXLSX(t, testSheet{name: "统计表", rows: standardRows(areas, nil)[:12], merges: standardMerges[:9]})
	dir := t.TempDir()
	src := filepath.Join(dir, "青秀区.xlsx")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	okSrc := filepath.Join(dir, "2018-10-青秀区.xlsx")
	if err := os.WriteFile(okSrc, buildXLSX(t, testSheet{name: "统计表", rows: standardRows(simpleAreas(), nil)[:12], merges: standardMerges[:9]}), 0o644); err != nil {
		t.Fatal(err)
	}
	csvSrc := filepath.Join(dir, "2018-10-青秀区.csv")
	if err := os.WriteFile(csvSrc, []byte(strings.Replace(standardCSV(","), "合计,36,72,", "合计,36,73,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	rd := NewReader(templates.Default())
	cases := []struct {
		src, dst, cell, code, fill string
	}{
		{src, filepath.Join(dir, "out.xlsx"), "D7", "NOT_WHOLE_NUMBER", errorFill},
		{okSrc, filepath.Join(dir, "ok.xlsx"), "E5", "RECTIFIED_OVER_FOUND", warningFill},
		{csvSrc, filepath.Join(dir, "csv.xlsx"), "D12", "TOTAL_MISMATCH", errorFill},
	}
	for _, c := range cases {
		t.Run(c.code, func(t *testing.T) {
			sub := rd.ReadFile(c.src, c.src)
			if err := rd.Annotate(c.src, c.dst, sub); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(c.dst)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := f.GetSheetName(0)
			checkMark(t, f, sheet, c.cell, c.code, c.fill)
		})
	}
	if after, _ := os.ReadFile(src); !bytes.Equal(after, data) {
		t.Error("the original was modified")
	}
	t.Run("existing copy", func(t *testing.T) {
		dst := filepath.Join(dir, "ok.xlsx")
		before, _ := os.ReadFile(dst)
		if err := rd.Annotate(src, dst, rd.ReadFile(src, src)); !errors.Is(err, fs.ErrExist) {
			t.Errorf("annotating over an existing file: %v", err)
		}
		if err := rd.Annotate(src, src, rd.ReadFile(src, src)); !errors.Is(err, fs.ErrExist) {
			t.Errorf("annotating over the source: %v", err)
		}
		if after, _ := os.ReadFile(dst); !bytes.Equal(after, before) {
			t.Error("an existing file was replaced")
		}
		if after, _ := os.ReadFile(src); !bytes.Equal(after, data) {
			t.Error("the original was replaced")
		}
	})
}

func checkMark(t *testing.T, f *excelize.File, sheet, cell, code, fill string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || len(st.Fill.Color) == 0 || !strings.EqualFold(strings.TrimPrefix(st.Fill.Color[0], "FF"), fill) && !strings.EqualFold(st.Fill.Color[0], fill) {
		t.Errorf("%s fill %+v, want %s", cell, st.Fill, fill)
	}
	comments, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comments {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		if c.Cell == cell && strings.Contains(text, code) {
			return
		}
	}
	t.Errorf("no comment with %s on %s: %+v", code, cell, comments)
}

// A workbook with no styles part, or an empty one, is annotated like any
// other; a fault inside the annotation is that file's error, not a crash.
func TestAnnotateMinimalWorkbooks(t *testing.T) {
	rd := NewReader(templates.Default())
	cases := []struct {
		name   string
		styles string
	}{
		{"no styles part", ""},
		{"empty styleSheet", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`},
		{"styles without cellXfs", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts></styleSheet>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "青秀区-2018-10.xlsx")
			data := testkit.MinimalXLSX(t, c.styles)
			if err := os.WriteFile(src, data, 0o644); err != nil {
				t.Fatal(err)
			}
			sub := rd.ReadFile(src, src)
			if len(sub.Findings) == 0 {
				t.Fatal("no findings to mark")
			}
			dst := filepath.Join(dir, "copy.xlsx")
			if err := rd.Annotate(src, dst, sub); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(dst)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fd := sub.Findings[0]
			cell := firstCell(fd.Cell)
			want := map[bool]string{true: errorFill, false: warningFill}[fd.Severity == Error]
			id, err := f.GetCellStyle("统计表", cell)
			if err != nil {
				t.Fatal(err)
			}
			if got := rawFill(t, dst, id); !strings.EqualFold(got, "FF"+want) {
				t.Errorf("%s fill %q, want %s", cell, got, want)
			}
			if comments, err := f.GetComments("统计表"); err != nil || len(comments) == 0 || comments[0].Cell != cell {
				t.Errorf("comments %+v, %v", comments, err)
			}
			if after, _ := os.ReadFile(src); !bytes.Equal(after, data) {
				t.Error("the original was modified")
			}
		})
	}
	t.Run("fault", func(t *testing.T) {
		dir := t.TempDir()
		src := filepath.Join(dir, "a.xlsx")
		if err := os.WriteFile(src, testkit.MinimalXLSX(t, ""), 0o644); err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, "copy.xlsx")
		err := rd.Annotate(src, dst, nil) // no submission: a fault of the caller
		if err == nil || problem.Of(err) == nil {
			t.Errorf("error %v, want a problem", err)
		}
		if _, err := os.Stat(dst); err == nil {
			t.Error("a copy was written")
		}
	})
}

// rawFill is the fill colour of cell style id as the copy's parts give it
// to Excel: the styles part the workbook links to, its cellXfs and fills.
// (excelize reads fill colours back only through a theme, which a minimal
// workbook lacks.)
func rawFill(t *testing.T, name string, id int) string {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	read := func(part string) []byte {
		for _, zf := range zr.File {
			if zf.Name == part {
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				b, err := io.ReadAll(rc)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
		}
		t.Fatalf("no part %s", part)
		return nil
	}
	if types := string(read("[Content_Types].xml")); !strings.Contains(types, `PartName="/xl/styles.xml"`) {
		t.Errorf("content types lack the styles part: %s", types)
	}
	if rels := string(read("xl/_rels/workbook.xml.rels")); !strings.Contains(rels, "relationships/styles") {
		t.Errorf("the workbook does not link its styles: %s", rels)
	}
	var st struct {
		Fills []struct {
			FgColor struct {
				RGB string `xml:"rgb,attr"`
			} `xml:"patternFill>fgColor"`
		} `xml:"fills>fill"`
		Xfs []struct {
			FillID int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(read("xl/styles.xml"), &st); err != nil {
		t.Fatal(err)
	}
	if id >= len(st.Xfs) || st.Xfs[id].FillID >= len(st.Fills) {
		t.Fatalf("style %d not in %+v", id, st)
	}
	return st.Fills[st.Xfs[id].FillID].FgColor.RGB
}
