package render

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"jianbao/aggregate"
	"jianbao/problem"
)

// styles are the cell style ids of briefing.xlsx.
type styles struct {
	title, note, section, header, label      int
	text, center, count, rate, dim, monoWrap int
	totalText, totalCount, totalRate         int
	delta, deltaPct, points                  int
	missing, excluded, errorText, warning    int
	rankMarked                               int // a rank shown as 5*
}

// Number formats beyond the built-in #,##0 (id 3).
const (
	xlFmtRate     = "0.0%"
	xlFmtDelta    = "+#,##0;-#,##0;0"
	xlFmtDeltaPct = "+0.0%;-0.0%;0.0%"
	xlFmtPoints   = `+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`
)

// xlFill is a solid fill of one colour.
func xlFill(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// xlCell is a bordered body cell with the given font, alignment and format.
func xlCell(font *excelize.Font, align *excelize.Alignment, numFmt int, custom string) excelize.Style {
	if align == nil {
		align = &excelize.Alignment{Vertical: "center"}
	}
	s := excelize.Style{Font: font, Border: borders(), Alignment: align, NumFmt: numFmt}
	if custom != "" {
		s.CustomNumFmt = &custom
	}
	return s
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	left := &excelize.Alignment{Vertical: "center", WrapText: true}
	right := &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	dark := func(c string, bold bool) *excelize.Font {
		return &excelize.Font{Family: fontBody, Size: 11, Bold: bold, Color: c}
	}
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Family: fontTitle, Size: 16, Bold: true}, Alignment: center(true)}},
		{&s.note, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 10, Color: "404040"}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.section, excelize.Style{Font: &excelize.Font{Family: fontTitle, Size: 12, Bold: true}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&s.header, excelize.Style{Font: bodyFont(true), Alignment: center(true), Border: borders(), Fill: xlFill("D9E1F2")}},
		{&s.label, excelize.Style{Font: bodyFont(true), Alignment: &excelize.Alignment{Vertical: "center"}, Border: borders(), Fill: xlFill("F2F2F2")}},
		{&s.text, xlCell(bodyFont(false), left, 0, "")},
		{&s.center, xlCell(bodyFont(false), center(false), 0, "")},
		{&s.count, xlCell(bodyFont(false), nil, 3, "")},
		{&s.rate, xlCell(bodyFont(false), nil, 0, xlFmtRate)},
		{&s.dim, xlCell(dark("808080", false), center(false), 0, "")},
		{&s.monoWrap, xlCell(&excelize.Font{Family: "Consolas", Size: 9}, &excelize.Alignment{Vertical: "center", WrapText: true}, 0, "")},
		{&s.totalText, xlCell(bodyFont(true), center(false), 0, "")},
		{&s.totalCount, xlCell(bodyFont(true), nil, 3, "")},
		{&s.totalRate, xlCell(bodyFont(true), nil, 0, xlFmtRate)},
		{&s.delta, xlCell(bodyFont(false), right, 0, xlFmtDelta)},
		{&s.deltaPct, xlCell(bodyFont(false), right, 0, xlFmtDeltaPct)},
		{&s.points, xlCell(bodyFont(false), right, 0, xlFmtPoints)},
		{&s.missing, excelize.Style{Font: dark("9C0006", true), Border: borders(), Alignment: center(false), Fill: xlFill("FFC7CE")}},
		{&s.excluded, excelize.Style{Font: dark("9C5700", true), Border: borders(), Alignment: center(false), Fill: xlFill("FFEB9C")}},
		{&s.errorText, xlCell(dark("C00000", true), center(false), 0, "")},
		{&s.warning, xlCell(dark("9C5700", false), center(false), 0, "")},
		{&s.rankMarked, xlCell(bodyFont(false), center(false), 0, `0"*"`)},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, problem.Wrap(ErrWorkbook, err)
		}
		*d.id = id
	}
	return s, nil
}

// style sets the style of one cell.
func (b *book) style(sheet string, col, row, style int) {
	if b.err == nil {
		b.err = b.f.SetCellStyle(sheet, cell(col, row), cell(col, row), style)
	}
}

// str writes s as a string, never a formula, and widens the column to fit.
func (b *book) str(sheet string, col, row int, s string, style int) {
	if b.err != nil {
		return
	}
	b.fit(sheet, col, textWidth(s))
	if b.err = b.f.SetCellStr(sheet, cell(col, row), s); b.err == nil {
		b.style(sheet, col, row, style)
	}
	if n := b.lines(sheet, col, s); n > 1 {
		b.tall(sheet, row, n)
	}
}

// num writes a count.
func (b *book) num(sheet string, col, row int, v int64, style int) {
	if b.err != nil {
		return
	}
	b.fit(sheet, col, textWidth(fmt.Sprintf("+%d,", v))*1.1)
	if b.err = b.f.SetCellInt(sheet, cell(col, row), v); b.err == nil {
		b.style(sheet, col, row, style)
	}
}

// flt writes a fraction shown as a percentage or in percentage points.
func (b *book) flt(sheet string, col, row int, v float64, style int, width float64) {
	if b.err != nil {
		return
	}
	b.fit(sheet, col, width)
	if b.err = b.f.SetCellFloat(sheet, cell(col, row), v, -1, 64); b.err == nil {
		b.style(sheet, col, row, style)
	}
}

// dash writes "—", the mark of a figure that does not exist.
func (b *book) dash(sheet string, col, row int) { b.str(sheet, col, row, "—", b.st.dim) }

// rate writes a rate as the fraction Num/Den, or "—" when it has no denominator.
func (b *book) rate(sheet string, col, row int, r aggregate.Rate, style int) {
	if !r.Valid() {
		b.dash(sheet, col, row)
		return
	}
	b.flt(sheet, col, row, r.Float(), style, 8)
}

// blank puts a bordered empty cell.
func (b *book) blank(sheet string, col, row int) { b.style(sheet, col, row, b.st.dim) }

// title writes a merged title over columns 1..cols of row.
func (b *book) title(sheet string, row, cols int, s string, style int, height float64) {
	if b.err != nil {
		return
	}
	if b.err = b.f.SetCellStr(sheet, cell(1, row), s); b.err != nil {
		return
	}
	if cols > 1 {
		if b.err = b.f.MergeCell(sheet, cell(1, row), cell(cols, row)); b.err != nil {
			return
		}
	}
	if b.err = b.f.SetCellStyle(sheet, cell(1, row), cell(cols, row), style); b.err == nil {
		b.height(sheet, row, height)
	}
}

// xlMaxRowHeight is the highest a row may be, in points (Excel's limit).
const xlMaxRowHeight = 409

// height sets the height of row, never above xlMaxRowHeight: a longer text
// is cut off in the view but kept whole in the cell.
func (b *book) height(sheet string, row int, h float64) {
	if b.err == nil {
		b.err = b.f.SetRowHeight(sheet, row, min(h, xlMaxRowHeight))
	}
}

// clip shortens s to about n characters, keeping its beginning and its end
// (where a message says what is wrong) and saying how long it was.
func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	head, tail := n*2/3, n/3
	return string(rs[:head]) + fmt.Sprintf("……（共%d字，中间从略）……", len(rs)) + string(rs[len(rs)-tail:])
}

// head writes a header over the range c1,r1:c2,r2, merged when larger than a cell.
func (b *book) head(sheet string, c1, r1, c2, r2 int, s string) {
	if b.err != nil {
		return
	}
	if c1 == c2 {
		b.fit(sheet, c1, textWidth(s)/2+1)
	}
	if b.err = b.f.SetCellStr(sheet, cell(c1, r1), s); b.err != nil {
		return
	}
	if c1 != c2 || r1 != r2 {
		b.err = b.f.MergeCell(sheet, cell(c1, r1), cell(c2, r2))
	}
	if b.err == nil {
		b.err = b.f.SetCellStyle(sheet, cell(c1, r1), cell(c2, r2), b.st.header)
	}
}

// lines is how many lines s takes in column col of sheet.
func (b *book) lines(sheet string, col int, s string) int {
	c, ok := b.caps[sheet][col]
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n++
		if ok && textWidth(l) > c {
			n += int(textWidth(l) / c)
		}
	}
	return n
}

// limit caps the width of column col of sheet; longer texts wrap.
func (b *book) limit(sheet string, col int, w float64) {
	if b.caps[sheet] == nil {
		b.caps[sheet] = map[int]float64{}
	}
	b.caps[sheet][col] = w
}

// section writes a section heading at column 1 of row, letting it run
// over the columns to its right without widening the first.
func (b *book) section(sheet string, row int, s string) {
	if b.err != nil {
		return
	}
	if b.err = b.f.SetCellStr(sheet, cell(1, row), s); b.err == nil {
		b.style(sheet, 1, row, b.st.section)
		b.height(sheet, row, 22)
	}
}

// tall makes row high enough for n lines of text.
func (b *book) tall(sheet string, row, n int) {
	if b.err != nil {
		return
	}
	h, err := b.f.GetRowHeight(sheet, row)
	if err != nil {
		b.err = err
		return
	}
	if want := min(15.0*float64(n), xlMaxRowHeight); want > h {
		b.height(sheet, row, want)
	}
}

// fit records that column col of sheet needs at least w width units.
func (b *book) fit(sheet string, col int, w float64) {
	ws := b.widths[sheet]
	for len(ws) < col {
		ws = append(ws, 0)
	}
	if w > ws[col-1] {
		ws[col-1] = w
	}
	b.widths[sheet] = ws
}

// freeze keeps the first cols columns and rows rows in view.
func (b *book) freeze(sheet string, cols, rows int) {
	if b.err != nil {
		return
	}
	pane := "bottomLeft"
	if cols > 0 {
		pane = "bottomRight"
	}
	b.err = b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows,
		TopLeftCell: cell(cols+1, rows+1), ActivePane: pane})
}

// filter puts an autofilter on the header row r1 of the table c1,r1:c2,r2.
func (b *book) filter(sheet string, c1, r1, c2, r2 int) {
	if b.err == nil && r2 > r1 {
		b.err = b.f.AutoFilter(sheet, cell(c1, r1)+":"+cell(c2, r2), nil)
	}
}

// note writes a merged, wrapped line of explanation over columns 1..cols.
func (b *book) note(sheet string, row, cols int, s string) {
	lines := 1 + int(textWidth(s)/max(b.span(sheet, cols), 20))
	b.title(sheet, row, cols, s, b.st.note, 15*float64(lines)+3)
}

// span is the recorded width of columns 1..cols of sheet.
func (b *book) span(sheet string, cols int) float64 {
	w := 0.0
	for i := range b.widths[sheet] {
		if i < cols {
			w += b.colWidth(sheet, i+1)
		}
	}
	return w
}

// colWidth is the width column col of sheet gets for what was written.
func (b *book) colWidth(sheet string, col int) float64 {
	w := b.widths[sheet][col-1]
	if c, ok := b.caps[sheet][col]; ok {
		w = min(w, c)
	}
	return min(max(w+2, 6), 60)
}

// applyWidths sets every column's width from what was written, within limits.
func (b *book) applyWidths() {
	for _, sheet := range b.f.GetSheetList() {
		for i := range b.widths[sheet] {
			if b.err == nil {
				col, _ := excelize.ColumnNumberToName(i + 1)
				b.err = b.f.SetColWidth(sheet, col, col, b.colWidth(sheet, i+1))
			}
		}
	}
}
