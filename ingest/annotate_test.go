package ingest

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

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
