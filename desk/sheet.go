package desk

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"jianbao/ingest"
	"jianbao/ingest/sheets"
	"jianbao/problem"
	"jianbao/templates"
)

// Upload kinds the desk takes, by the ending of the clerk's file name.
// They are the kinds the command line reads.
var uploadKinds = func() map[string]bool {
	out := map[string]bool{}
	for _, ext := range ingest.Extensions {
		out[ext] = true
	}
	return out
}()

// uploadAccept is the file picker's list of the kinds taken.
var uploadAccept = strings.Join(append(slices.Clone(ingest.Extensions), ".zip"), ",")

// ErrOtherUnit marks a sheet that names a unit other than the one logged in.
var ErrOtherUnit = &problem.Problem{Code: "DESK_OTHER_UNIT", Text: "表中写的单位不是登录的单位", Fix: "请报送本单位的报表"}

// checked is a sheet as read and checked, ready to show.
type checked struct {
	Verdict  string // 可以报送 or 需修改后报送
	OK       bool
	Sheet    string // the data sheet's name
	Errors   int
	Warnings int
	Findings []shownFinding // every finding, errors first
	Grid     *grid          // the sheet as read; nil when it could not be opened
	sub      *ingest.Submission
}

type shownFinding struct {
	Error   bool
	Where   string // 第1张表「统计表」 D7, or "" for the whole file
	Message string
	Fix     string
	Code    string
	Sheet   string
	Cell    string
}

// grid is one sheet as the page shows it.
type grid struct {
	Cols      []string // column letters
	ColRoles  []string // the role of each column in the table, "" when none
	Rows      []gridRow
	Truncated bool // the sheet is larger than shown
}

type gridRow struct {
	N     int    // 1-based row number
	Role  string // the role of the row in the table, "" when none
	Cells []gridCell
}

type gridCell struct {
	Text    string
	Mark    string // "error", "warning" or ""
	Message string // the findings at this cell
}

// Most rows and columns a page shows of a sheet.
const (
	maxShownRows = 300
	maxShownCols = 40
)

// checkSheet reads and checks the bytes of an upload for unit's month.
// The name the reader is given is made from the unit, the month and the
// kind of file (readName), never from what the clerk's file was called; it
// tells the reader whose sheet, for which month, it is meant to be.
func checkSheet(cfg *templates.Config, unit string, period ingest.Period, ext string, data []byte) *checked {
	rd := ingest.NewReader(cfg)
	rd.Period = period
	name := readName(unit, period.String(), ext)
	sub := rd.Read(name, data)
	if other := otherUnit(rd, sub, unit, period, ext, data); other != nil {
		sub = other
	}
	if sub.Unit != "" && sub.Unit != unit {
		sub.Findings = append(sub.Findings, ingest.Finding{Severity: ingest.Error,
			CellError: &problem.Error{File: name, Sheet: sub.Sheet, Index: sub.SheetIndex,
				Err: fmt.Errorf("%w：表中写的是“%s”", ErrOtherUnit, sub.Unit)}})
	}
	ingest.SortFindings(sub.Findings)
	c := &checked{OK: sub.OK(), Sheet: sub.Sheet, sub: sub}
	c.Verdict = "需修改后报送"
	if c.OK {
		c.Verdict = "可以报送"
	}
	for _, f := range sub.Findings {
		e := *f.CellError
		e.File = ""
		sf := shownFinding{Error: f.Severity == ingest.Error, Where: e.Where(), Message: f.Message(),
			Fix: problem.Fix(f.Err), Code: f.Code(), Sheet: f.Sheet, Cell: f.Cell}
		if sf.Error {
			c.Errors++
		} else {
			c.Warnings++
		}
		c.Findings = append(c.Findings, sf)
	}
	wb, err := sheets.Open(name, data, sheets.Options{Limits: rd.Limits})
	if err == nil && len(wb.Sheets) > 0 {
		s := wb.Sheets[0]
		if sub.SheetIndex > 0 && sub.SheetIndex <= len(wb.Sheets) {
			s = wb.Sheets[sub.SheetIndex-1]
		}
		c.Grid = makeGrid(s, sub.Table, c.Findings)
	}
	return c
}

// otherUnit reads again a sheet whose unit disagrees with the one its
// name gives (the unit logged in): read under a name that gives no unit,
// a sheet that states another unit is that unit's, and is returned; nil
// when the sheet is not another unit's.
func otherUnit(rd *ingest.Reader, sub *ingest.Submission, unit string, period ingest.Period, ext string, data []byte) *ingest.Submission {
	mismatch := false
	for _, f := range sub.Findings {
		mismatch = mismatch || f.Code() == ingest.ErrUnitMismatch.Code
	}
	if !mismatch {
		return nil
	}
	again := rd.Read(period.String()+ext, data)
	if again.Unit == "" || again.Unit == unit {
		return nil
	}
	return again
}

// stored is what the database keeps of the findings.
func (c *checked) stored() []finding {
	var out []finding
	for _, f := range c.Findings {
		sev := "warning"
		if f.Error {
			sev = "error"
		}
		out = append(out, finding{Severity: sev, Code: f.Code, Sheet: f.Sheet, Cell: f.Cell, Message: f.Message})
	}
	return out
}

// Chinese names of the roles of rows and columns, as the table model reads them.
var (
	rowRoles = map[ingest.RowRole]string{
		ingest.RowData: "工作类别", ingest.RowTotal: "合计", ingest.RowSubtotal: "小计", ingest.RowPart: "其中项",
		ingest.RowHeading: "分组标题", ingest.RowHeader: "表头", ingest.RowNote: "说明", ingest.RowFigures: "本月数",
		ingest.RowCumulative: "累计", ingest.RowOther: "其他时期",
	}
	colRoles = map[ingest.ColRole]string{
		ingest.ColLabel: "名称", ingest.ColIndex: "序号", ingest.ColCount: "本月指标", ingest.ColCumulative: "累计",
		ingest.ColOther: "其他时期", ingest.ColNote: "备注", ingest.ColUnknown: "未知表头", ingest.ColDerived: "计算值",
		ingest.ColGroup: "分组",
	}
)

// makeGrid lays out sheet s with the roles the table model t gave its rows
// and columns, and the findings marked at their cells.
func makeGrid(s *sheets.Sheet, t *ingest.Table, fs []shownFinding) *grid {
	g := &grid{}
	rows, cols := len(s.Rows), s.Width()
	if rows > maxShownRows {
		rows, g.Truncated = maxShownRows, true
	}
	if cols > maxShownCols {
		cols, g.Truncated = maxShownCols, true
	}
	rowRole, colRole := map[int]string{}, map[int]string{}
	if t != nil {
		along, across := rowRole, colRole
		if t.Across {
			along, across = colRole, rowRole
		}
		for _, h := range t.Header {
			along[h] = "表头"
		}
		for _, r := range t.Rows {
			if n := rowRoles[r.Role]; n != "" {
				along[r.Row] = n
			}
		}
		for _, c := range t.Columns {
			if n := colRoles[c.Role]; n != "" {
				across[c.Col] = n
			}
		}
	}
	marks := map[[2]int]*gridCell{}
	for c := 0; c < cols; c++ {
		g.Cols = append(g.Cols, strings.TrimRight(sheets.Ref(0, c), "1"))
		g.ColRoles = append(g.ColRoles, colRole[c])
	}
	for r := 0; r < rows; r++ {
		gr := gridRow{N: r + 1, Role: rowRole[r], Cells: make([]gridCell, cols)}
		for c := 0; c < cols; c++ {
			cell := s.At(r, c)
			if !cell.Covered {
				gr.Cells[c].Text = cell.Text
			}
			marks[[2]int{r, c}] = &gr.Cells[c]
		}
		g.Rows = append(g.Rows, gr)
	}
	for _, f := range fs {
		if f.Sheet != s.Name || f.Cell == "" {
			continue
		}
		for _, rc := range cellsOf(f.Cell) {
			gc := marks[rc]
			if gc == nil {
				continue
			}
			if f.Error {
				gc.Mark = "error"
			} else if gc.Mark == "" {
				gc.Mark = "warning"
			}
			if gc.Message != "" {
				gc.Message += "；"
			}
			gc.Message += f.Message
		}
	}
	return g
}

// cellsOf lists the 0-based row and column of each cell a reference names:
// D7, or a range D5:D12.
func cellsOf(ref string) [][2]int {
	a, b, isRange := strings.Cut(ref, ":")
	r1, c1, ok1 := parseRef(a)
	if !ok1 {
		return nil
	}
	if !isRange {
		return [][2]int{{r1, c1}}
	}
	r2, c2, ok2 := parseRef(b)
	if !ok2 {
		return [][2]int{{r1, c1}}
	}
	var out [][2]int
	for r := min(r1, r2); r <= max(r1, r2) && len(out) < maxShownRows*maxShownCols; r++ {
		for c := min(c1, c2); c <= max(c1, c2); c++ {
			out = append(out, [2]int{r, c})
		}
	}
	return out
}

// parseRef reads a cell reference such as D7 or $D$7.
func parseRef(ref string) (row, col int, ok bool) {
	ref = strings.ReplaceAll(strings.TrimSpace(ref), "$", "")
	i := 0
	col = 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(ref[i:])
	if err != nil || n < 1 {
		return 0, 0, false
	}
	return n - 1, col - 1, true
}

// uploadExt is the kind of an uploaded file by its name's ending, lower
// case, or "" when the desk does not take it.
func uploadExt(name string) string {
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(name, `\`, "/")))
	if uploadKinds[ext] {
		return ext
	}
	return ""
}
