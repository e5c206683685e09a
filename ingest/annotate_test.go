package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
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
		src, dst, cell, text, fill string
	}{
		{src, filepath.Join(dir, "out.xlsx"), "D7", ErrNotWholeNumber.Text, errorFill},
		{okSrc, filepath.Join(dir, "ok.xlsx"), "E5", "完成整改问题数大于发现问题数", warningFill},
		{csvSrc, filepath.Join(dir, "csv.xlsx"), "D12", ErrTotalMismatch.Text, errorFill},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			sub := rd.ReadFile(c.src, c.src)
			if err := rd.Annotate(c.src, c.dst, sub); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(c.dst)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := f.GetSheetName(1) // after 校验结果
			checkMark(t, f, sheet, c.cell, c.text, c.fill)
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

func checkMark(t *testing.T, f *excelize.File, sheet, cell, text, fill string) {
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
		body := c.Text
		for _, p := range c.Paragraph {
			body += p.Text
		}
		if c.Cell == cell && strings.Contains(body, text) {
			return
		}
	}
	t.Errorf("no comment with %s on %s: %+v", text, cell, comments)
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
			cell := "A1"
			if cells := cellsOf(fd.Cell); len(cells) > 0 {
				cell = cells[0]
			}
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

// annotateTo writes the annotated copy of the workbook data, read as file
// name, with extra findings added to what the reader found, and opens it.
func annotateTo(t *testing.T, name string, data []byte, extra ...Finding) (*excelize.File, string, *Submission) {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, name)
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	rd := NewReader(templates.Default())
	sub := rd.ReadFile(src, name)
	sub.Findings = append(sub.Findings, extra...)
	dst := filepath.Join(dir, "copy.xlsx")
	if err := rd.Annotate(src, dst, sub); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, dst, sub
}

func finding(sev Severity, sheet, cell string, err error) Finding {
	return Finding{sev, &CellError{Sheet: sheet, Cell: cell, Err: err}}
}

// commentsOn maps each cell of sheet with a comment to the comment's text.
func commentsOn(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	cs, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range cs {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		out[c.Cell] = text
	}
	return out
}

// A finding is marked on the cell that causes it, every cell of a range
// is filled, and a cell that has an error is red whatever else is on it.
func TestAnnotatePlaces(t *testing.T) {
	areas := simpleAreas()
	areas[2][1] = 12.5 // D7
	rows := replaceAll(standardRows(areas, nil)[:12], "统计时段：2018年10月", "统计时段：")
	rows = withTitle(rows, "督查工作统计表")
	data := buildXLSX(t, testSheet{name: "统计表", rows: rows, merges: standardMerges[:9]})
	f, dst, sub := annotateTo(t, "青秀区.xlsx", data,
		finding(Warning, "统计表", "E5:E12", ErrCumulative),
		finding(Warning, "统计表", "", ErrUnmatchedColumn),
		finding(Warning, "", "", ErrDuplicate))
	if errs := sub.Errors(); len(errs) != 2 {
		t.Fatalf("findings %v", sub.Findings)
	}
	notes := commentsOn(t, f, "统计表")
	cases := []struct {
		cell, fill, note string // note "" means no comment on the cell
	}{
		{"H2", errorFill, ErrUnknownPeriod.Text}, // the empty 统计时段 cell, not A1
		{"D7", errorFill, ErrNotWholeNumber.Text},
		{"E5", warningFill, ErrCumulative.Text},
		{"E6", warningFill, ""},
		{"E7", warningFill, ""},
		{"E12", warningFill, ""},
		{"A1", warningFill, ErrUnmatchedColumn.Text}, // about the whole sheet
		{"C5", "", ""},
		{"E13", "", ""},
	}
	for _, c := range cases {
		t.Run(c.cell, func(t *testing.T) {
			id, err := f.GetCellStyle("统计表", c.cell)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.TrimPrefix(rawFill(t, dst, id), "FF")
			if !strings.EqualFold(got, c.fill) {
				t.Errorf("fill %q, want %q", got, c.fill)
			}
			if note := notes[c.cell]; c.note == "" && note != "" || !strings.Contains(note, c.note) {
				t.Errorf("comment %q, want one with %q", note, c.note)
			}
		})
	}
	if note := notes["A1"]; !strings.Contains(note, "同一单位同一月份的报表重复报送") {
		t.Errorf("the finding about the file is not on A1 of the data sheet: %q", note)
	}
	if strings.Contains(notes["D7"], "NOT_WHOLE_NUMBER") {
		t.Errorf("a code in the clerk's comment: %q", notes["D7"])
	}
	t.Run("error over a warning", func(t *testing.T) {
		f, dst, _ := annotateTo(t, "青秀区.xlsx", data, finding(Warning, "统计表", "D5:D12", ErrCumulative))
		id, _ := f.GetCellStyle("统计表", "D7")
		if got := rawFill(t, dst, id); !strings.EqualFold(got, "FF"+errorFill) {
			t.Errorf("D7 fill %q, want the error's", got)
		}
	})
}

// The comment a cell already had is kept, before the findings.
func TestAnnotateKeepsComments(t *testing.T) {
	areas := simpleAreas()
	areas[2][1] = 12.5 // D7
	x, err := excelize.OpenReader(bytes.NewReader(buildXLSX(t, testSheet{name: "统计表", rows: standardRows(areas, nil)[:12], merges: standardMerges[:9]})))
	if err != nil {
		t.Fatal(err)
	}
	if err := x.AddComment("统计表", excelize.Comment{Author: "张三", Cell: "D7", Paragraph: []excelize.RichTextRun{{Text: "已与科室核对"}}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, _, _ := annotateTo(t, "青秀区.xlsx", buf.Bytes())
	note := commentsOn(t, f, "统计表")["D7"]
	if !strings.Contains(note, "已与科室核对") || !strings.Contains(note, ErrNotWholeNumber.Text) {
		t.Errorf("comment %q", note)
	}
}

// A workbook saved by openpyxl (theme and indexed colours, borders without
// a colour) keeps every style of a marked cell but its fill, and every
// colour of the copy is one Excel, LibreOffice and openpyxl accept.
func TestAnnotateKeepsStyles(t *testing.T) {
	src := filepath.Join("..", "testdata", "foreign", "青秀区-2018-10-openpyxl.xlsx")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	cells := []string{"A1", "B3", "C5", "E5", "E9", "J12"}
	f, dst, _ := annotateTo(t, "青秀区-2018-10.xlsx", data,
		finding(Error, "统计表", "C5", ErrNotWholeNumber), finding(Warning, "统计表", "E5:E12", ErrCumulative),
		finding(Error, "统计表", "A1", ErrPeriodMismatch), finding(Error, "统计表", "B3", ErrUnknownArea),
		finding(Error, "统计表", "J12", ErrNotWholeNumber))
	orig, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer orig.Close()
	before, after := rawStyles(t, src), rawStyles(t, dst)
	for _, cell := range cells {
		was, _ := orig.GetCellStyle("统计表", cell)
		now, _ := f.GetCellStyle("统计表", cell)
		b, a := before.Xfs[was], after.Xfs[now]
		if a.FontID != b.FontID || a.BorderID != b.BorderID || a.NumFmtID != b.NumFmtID || a.Alignment != b.Alignment {
			t.Errorf("%s: style %+v, was %+v", cell, a, b)
		}
		if before.Fonts[b.FontID] != after.Fonts[a.FontID] || before.Borders[b.BorderID] != after.Borders[a.BorderID] {
			t.Errorf("%s: font or border changed", cell)
		}
	}
	for _, c := range after.colors {
		if !validColor.MatchString(c) {
			t.Errorf("colour %q in the copy", c)
		}
	}
}

var validColor = regexp.MustCompile(`^([0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$`)

type rawStyleSheet struct {
	Fonts   []string
	Borders []string
	Xfs     []rawXf
	colors  []string
}

type rawXf struct {
	FontID, BorderID, NumFmtID int
	Alignment                  string
}

// rawStyles reads the styles part of an .xlsx as it is written: each font
// and border as XML text, the cell formats, and every rgb colour.
func rawStyles(t *testing.T, name string) rawStyleSheet {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var body []byte
	for _, zf := range zr.File {
		if zf.Name == "xl/styles.xml" {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			body, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var st struct {
		Fonts []struct {
			Inner string `xml:",innerxml"`
		} `xml:"fonts>font"`
		Borders []struct {
			Inner string `xml:",innerxml"`
		} `xml:"borders>border"`
		Xfs []struct {
			FontID    int `xml:"fontId,attr"`
			BorderID  int `xml:"borderId,attr"`
			NumFmtID  int `xml:"numFmtId,attr"`
			Alignment *struct {
				H    string `xml:"horizontal,attr"`
				V    string `xml:"vertical,attr"`
				Wrap string `xml:"wrapText,attr"`
			} `xml:"alignment"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(body, &st); err != nil {
		t.Fatal(err)
	}
	norm := strings.NewReplacer("></sz>", "/>", "></color>", "/>", "></name>", "/>", "></family>", "/>", "></scheme>", "/>", "></b>", "/>",
		"></left>", "/>", "></right>", "/>", "></top>", "/>", "></bottom>", "/>", "></diagonal>", "/>")
	// The same font or border whatever the order of its parts.
	parts := func(inner string) string {
		ps := strings.SplitAfter(norm.Replace(inner), "/>")
		sort.Strings(ps)
		return strings.Join(ps, "")
	}
	var out rawStyleSheet
	for _, x := range st.Fonts {
		out.Fonts = append(out.Fonts, parts(x.Inner))
	}
	for _, x := range st.Borders {
		out.Borders = append(out.Borders, parts(x.Inner))
	}
	for _, x := range st.Xfs {
		xf := rawXf{FontID: x.FontID, BorderID: x.BorderID, NumFmtID: x.NumFmtID}
		if a := x.Alignment; a != nil {
			wrap := a.Wrap == "1" || a.Wrap == "true"
			xf.Alignment = fmt.Sprintf("%s/%s/%v", a.H, a.V, wrap)
		}
		out.Xfs = append(out.Xfs, xf)
	}
	for _, m := range regexp.MustCompile(`\srgb="([^"]*)"`).FindAllSubmatch(body, -1) {
		out.colors = append(out.colors, string(m[1]))
	}
	return out
}

// The copy opens on a sheet 校验结果 listing every finding, errors first,
// each with a link to the cell it is marked on, readable on screen and
// printed: columns wide enough, long text wrapped, rows as high as their
// text (at most 409 points), the heading on every printed page. Names
// scoped to the other sheets still name them.
func TestAnnotateSummary(t *testing.T) {
	areas := simpleAreas()
	areas[2][1] = 12.5 // D7
	x, err := excelize.OpenReader(bytes.NewReader(buildXLSX(t, testSheet{name: "统计表", rows: standardRows(areas, nil)[:12], merges: standardMerges[:9]})))
	if err != nil {
		t.Fatal(err)
	}
	if err := x.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: "'统计表'!$A$1:$J$12", Scope: "统计表"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("很长的说明文字", 300) // shortened, and its row as high as Excel allows
	f, _, _ := annotateTo(t, "青秀区.xlsx", buf.Bytes(),
		finding(Warning, "统计表", "E5:E12", ErrCumulative),
		finding(Warning, "", "", ErrDuplicate),
		Finding{Error, &CellError{Sheet: "统计表", Cell: "B6", Value: long, Err: fmt.Errorf("%w：%s", ErrUnknownArea, long)}},
		finding(Error, "统计表", "", ErrMissingMetric))
	if f.GetSheetName(0) != summaryName || f.GetActiveSheetIndex() != 0 {
		t.Fatalf("sheets %v, active %d", f.GetSheetList(), f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows(summaryName)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < summaryHeadRow || strings.Join(rows[summaryHeadRow-1], "|") != "序号|级别|工作表|位置|问题|怎样修改" {
		t.Fatalf("rows %q", rows)
	}
	if !strings.Contains(rows[2][0], "需修改后报送（错误3处，提示2处）") || !strings.Contains(rows[1][0], "青秀区.xlsx") {
		t.Errorf("verdict %q, file %q", rows[2][0], rows[1][0])
	}
	want := []struct {
		sev, sheet, where, link, text string
	}{
		{"错误", "统计表", "整张表", "'统计表'!A1", ErrMissingMetric.Text},
		{"错误", "统计表", "B6", "'统计表'!B6", ErrUnknownArea.Text},
		{"错误", "统计表", "D7", "'统计表'!D7", ErrNotWholeNumber.Text},
		{"提示", "—", "整个文件", "'统计表'!A1", "重复报送"},
		{"提示", "统计表", "E5:E12", "'统计表'!E5", ErrCumulative.Text},
	}
	list := rows[summaryHeadRow:]
	if len(list) != len(want) {
		t.Fatalf("%d rows listed, want %d: %q", len(list), len(want), list)
	}
	for i, w := range want {
		r := list[i]
		row := summaryHeadRow + 1 + i
		if len(r) < 6 || r[0] != fmt.Sprint(i+1) || r[1] != w.sev || r[2] != w.sheet || r[3] != w.where || !strings.Contains(r[4], w.text) || r[5] == "" {
			t.Errorf("row %d: %q", row, r)
			continue
		}
		if strings.Contains(r[4], "（"+problem.Code(ErrUnknownArea)+"）") {
			t.Errorf("row %d: a code for the clerk: %q", row, r[4])
		}
		ok, link, err := f.GetCellHyperLink(summaryName, fmt.Sprintf("D%d", row))
		if err != nil || !ok || link != w.link {
			t.Errorf("row %d: link %v %q %v, want %q", row, ok, link, err, w.link)
		}
		h, err := f.GetRowHeight(summaryName, row)
		lines := max(textLines(r[4], summaryCols[4].width), textLines(r[5], summaryCols[5].width))
		if err != nil || h > summaryMaxRow || h < min(float64(lines*summaryLineH), summaryMaxRow) {
			t.Errorf("row %d: height %v for %d lines", row, h, lines)
		}
		if w.where == "B6" && (h != summaryMaxRow || len([]rune(r[4])) > maxNoteRunes+2) {
			t.Errorf("the long text's row is %v points high, its text %d characters", h, len([]rune(r[4])))
		}
		id, _ := f.GetCellStyle(summaryName, fmt.Sprintf("E%d", row))
		if st, err := f.GetStyle(id); err != nil || st.Alignment == nil || !st.Alignment.WrapText {
			t.Errorf("row %d: the problem's text does not wrap", row)
		}
	}
	for i, c := range summaryCols {
		col := string(rune('A' + i))
		if w, err := f.GetColWidth(summaryName, col); err != nil || w != c.width {
			t.Errorf("column %s width %v", col, w)
		}
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.Scope + " " + dn.RefersTo
	}
	if names["_xlnm.Print_Titles"] != summaryName+" '校验结果'!$5:$5" || names["_xlnm.Print_Area"] != "统计表 '统计表'!$A$1:$J$12" {
		t.Errorf("defined names %q", names)
	}
	layout, err := f.GetPageLayout(summaryName)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
		t.Errorf("page layout %+v %v", layout, err)
	}
}

// A copy of a file with no problem says so.
func TestAnnotateSummaryClean(t *testing.T) {
	var ones [8][8]any
	for i := range ones {
		for j := range ones[i] {
			ones[i][j] = 1
		}
	}
	data := buildXLSX(t, testSheet{name: "统计表", rows: standardRows(ones, []any{8, 8, 8, 8, 8, 8, 8, 8}), merges: standardMerges})
	f, _, sub := annotateTo(t, "2018-10-青秀区.xlsx", data)
	if len(sub.Findings) != 0 {
		t.Fatalf("findings %v", sub.Findings)
	}
	rows, _ := f.GetRows(summaryName)
	if len(rows) != summaryHeadRow+1 || rows[summaryHeadRow][0] != "没有发现问题。" || !strings.Contains(rows[2][0], "可以报送（没有发现问题）") {
		t.Errorf("rows %q", rows)
	}
}
