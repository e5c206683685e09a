package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"jianbao/ingest/sheets"
	"jianbao/problem"
)

// Fill colours of annotated cells, and the author their comments carry.
const (
	errorFill   = "FF9C9C"
	warningFill = "FFE699"
	author      = "报表校验"
)

// summaryName is the name of the sheet an annotated copy opens on, which
// lists every problem with a link to its cell.
const summaryName = "校验结果"

// maxMarkedCells bounds the cells of one finding's range that are coloured.
const maxMarkedCells = 5000

// Annotate writes to dst a copy of the workbook at src for the clerk: a
// first sheet 校验结果 lists every finding of s (its severity, sheet and
// cell, what is wrong and how to fix it) with a link to its cell, and
// every cell a finding names, each cell of a range included, is filled red
// (error) or yellow (warning) and carries a comment saying the same.
// Findings that no cell causes are noted on cell A1 of their sheet (the
// data sheet for those about the whole file). A workbook that is not .xlsx
// (.xls, .csv) is copied as .xlsx. src is only read, and dst must not
// exist: an existing file is never replaced (the error is then
// fs.ErrExist).
//
// A fault met while annotating (in the spreadsheet library or here) is
// returned as an error of problem ErrAnnotateFault, never a panic.
func (r *Reader) Annotate(src, dst string, s *Submission) error {
	data, err := r.sourceBytes(src) // src may be a file inside a zip archive
	if err != nil {
		return err
	}
	out, err := r.AnnotateBytes(src, data, s)
	if err != nil {
		return err
	}
	return writeNew(dst, out)
}

// AnnotateBytes is Annotate for a workbook held in memory: data are the
// bytes of a file called name (its ending says its format), and the
// annotated copy, always .xlsx (or .xlsm), is returned.
func (r *Reader) AnnotateBytes(name string, data []byte, s *Submission) (out []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, problem.Wrap(ErrAnnotateFault, fmt.Errorf("%v", v))
		}
	}()
	f, err := r.editableCopy(name, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	completeStyles(f)
	a := newAnnotator(f, s)
	if err := a.mark(); err != nil {
		return nil, err
	}
	if err := a.summary(); err != nil {
		return nil, fmt.Errorf("%s：%w", summaryName, err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return repairParts(buf.Bytes())
}

// A mark is where a finding is shown in the copy.
type mark struct {
	Finding
	sheet string   // the worksheet of the copy it is shown on; "" when the copy has none
	cell  string   // the cell its comment and link go to
	cells []string // the cells filled: its cell, or every cell of its range
	whole string   // 整张表 or 整个文件 for a finding no cell causes, else ""
	row   int      // position of cell, for the order of the list
	col   int
}

// annotator marks the findings of one submission in its editable copy.
type annotator struct {
	f      *excelize.File
	s      *Submission
	sheets map[string]string // a sheet of the source, by name, to its worksheet in the copy
	order  map[string]int    // position of each worksheet of the copy
	home   string            // where findings about the whole file go: the data sheet, else the first worksheet
	marks  []mark
	styles map[styleKey]int // a cell style and a fill, to the style made of both
	fills  map[Severity][2]int
}

type styleKey struct {
	style int
	sev   Severity
}

func newAnnotator(f *excelize.File, s *Submission) *annotator {
	a := &annotator{f: f, s: s, sheets: map[string]string{}, order: map[string]int{},
		styles: map[styleKey]int{}, fills: map[Severity][2]int{}}
	list := f.GetSheetList()
	for i, name := range list {
		if _, err := f.GetCellStyle(name, "A1"); err == nil { // a worksheet, not a chart or macro sheet
			a.sheets[name], a.order[name] = name, i+1
		}
	}
	// A copy made from an .xls or .csv file may name a sheet otherwise
	// (.xlsx allows shorter names, fewer characters): same place, same sheet.
	if len(list) == len(s.Sheets) {
		for i, si := range s.Sheets {
			if _, ok := a.sheets[si.Name]; !ok && a.order[list[i]] > 0 {
				a.sheets[si.Name] = list[i]
			}
		}
	}
	a.home = a.sheets[s.Sheet]
	for _, name := range list {
		if a.home == "" && a.order[name] > 0 {
			a.home = name
		}
	}
	for _, fd := range s.Findings {
		a.marks = append(a.marks, a.place(fd))
	}
	sort.SliceStable(a.marks, func(i, j int) bool {
		x, y := a.marks[i], a.marks[j]
		if x.Severity != y.Severity {
			return x.Severity < y.Severity
		}
		if a.order[x.sheet] != a.order[y.sheet] {
			return a.order[x.sheet] < a.order[y.sheet]
		}
		if x.row != y.row {
			return x.row < y.row
		}
		return x.col < y.col
	})
	return a
}

// place finds where a finding is shown: the cells it names on its sheet,
// or A1 when no cell causes it.
func (a *annotator) place(fd Finding) mark {
	m := mark{Finding: fd}
	sheet, known := a.sheets[fd.Sheet]
	if !known && fd.Sheet == "" {
		sheet, known = a.home, true // about the file: on the data sheet
	}
	if known && sheet != "" {
		m.sheet, m.cells = sheet, cellsOf(fd.Cell)
	}
	if len(m.cells) == 0 {
		m.whole = "整个文件"
		if fd.Sheet != "" {
			m.whole = "整张表"
		}
		if m.sheet = sheet; m.sheet == "" {
			m.sheet = a.home
		}
		if m.sheet != "" {
			m.cells = []string{"A1"}
		}
	}
	if len(m.cells) > 0 {
		m.cell = m.cells[0]
		m.col, m.row, _ = excelize.CellNameToCoordinates(m.cell)
	}
	return m
}

// cellsOf lists the cells a reference names: one cell, or each cell of a
// range (C5:C20), row by row, up to maxMarkedCells; none when it names no
// cell.
func cellsOf(ref string) []string {
	from, to, isRange := strings.Cut(strings.ReplaceAll(ref, "$", ""), ":")
	if !isRange {
		to = from
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return nil
	}
	var cells []string
	for r := min(r1, r2); r <= max(r1, r2) && len(cells) < maxMarkedCells; r++ {
		for c := min(c1, c2); c <= max(c1, c2) && len(cells) < maxMarkedCells; c++ {
			name, _ := excelize.CoordinatesToCellName(c, r)
			cells = append(cells, name)
		}
	}
	return cells
}

// mark fills every marked cell, red where any finding on it is an error,
// and comments on the cell each finding is shown on.
func (a *annotator) mark() error {
	type at struct{ sheet, cell string }
	worst := map[at]Severity{}
	var cells []at
	notes := map[at][]mark{}
	var anchors []at
	for _, m := range a.marks {
		if m.sheet == "" {
			continue
		}
		for _, c := range m.cells {
			k := at{m.sheet, c}
			if sev, ok := worst[k]; !ok {
				cells = append(cells, k)
				worst[k] = m.Severity
			} else if m.Severity < sev {
				worst[k] = m.Severity
			}
		}
		k := at{m.sheet, m.cell}
		if _, ok := notes[k]; !ok {
			anchors = append(anchors, k)
		}
		notes[k] = append(notes[k], m)
	}
	for _, k := range cells {
		if err := a.fill(k.sheet, k.cell, worst[k]); err != nil {
			return fmt.Errorf("标注 %s：%w", k.cell, err)
		}
	}
	for _, k := range anchors {
		// A sheet whose drawings the library cannot read (a picture in
		// its header …) gets no comment; its cells are still filled and
		// the list on the first sheet links to them.
		_ = a.comment(k.sheet, k.cell, notes[k])
	}
	return nil
}

// noteText is one finding as the clerk reads it in a comment or the list:
// what is wrong and how to fix it.
func noteText(fd Finding) (msg, fix string) {
	msg = fd.Err.Error()
	if fd.Value != "" {
		msg = "“" + shorten(fd.Value, maxValueRunes) + "”" + msg
	}
	return shorten(msg, maxNoteRunes), fd.Fix()
}

// A long value a finding quotes (a cell of 2,000 characters) is shortened
// in the copy, and so is the whole text of a finding.
const (
	maxValueRunes = 100
	maxNoteRunes  = 1000
)

func shorten(s string, n int) string {
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n]) + "……"
	}
	return s
}

// comment writes one comment on cell listing its findings, after the
// comment the cell had.
func (a *annotator) comment(sheet, cell string, ms []mark) error {
	var lines []string
	if old, err := a.f.GetComments(sheet); err == nil {
		for _, c := range old {
			if c.Cell != cell {
				continue
			}
			text := c.Text
			for _, p := range c.Paragraph {
				text += p.Text
			}
			if strings.TrimSpace(text) != "" {
				lines = append(lines, text, "")
			}
		}
	}
	for _, m := range ms {
		msg, fix := noteText(m.Finding)
		line := "【" + m.Severity.Chinese() + "】"
		if len(m.cells) > 1 {
			line += m.Cell + "："
		}
		line += msg
		if fix != "" {
			line += "。" + fix
		}
		lines = append(lines, line)
	}
	text := strings.Join(lines, "\n")
	const width = 360 // pixels, about 26 Chinese characters of the comment's font
	height := 16
	for _, l := range strings.Split(text, "\n") {
		height += 16 * textLines(l, 50)
	}
	_ = a.f.DeleteComment(sheet, cell)
	return a.f.AddComment(sheet, excelize.Comment{Author: author, Cell: cell, Width: width, Height: uint(min(height, 600)),
		Paragraph: []excelize.RichTextRun{{Text: text}}})
}

// fill gives the cell its own style (font, borders, number format,
// alignment) with the fill of sev: the style's record is copied as it is,
// only its fill changed, so that nothing of it passes through the
// library's reading and re-making of colours.
func (a *annotator) fill(sheet, cell string, sev Severity) error {
	id, err := a.f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	k := styleKey{id, sev}
	nid, ok := a.styles[k]
	if !ok {
		if nid, err = a.withFill(id, sev); err != nil {
			return err
		}
		a.styles[k] = nid
	}
	return a.f.SetCellStyle(sheet, cell, cell, nid)
}

// withFill adds a cell style that is style id with the fill of sev, and
// returns its id.
func (a *annotator) withFill(id int, sev Severity) (int, error) {
	made, ok := a.fills[sev]
	if !ok {
		color := warningFill
		if sev == Error {
			color = errorFill
		}
		sid, err := a.f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}})
		if err != nil {
			return 0, err
		}
		xf := a.f.Styles.CellXfs.Xf[sid]
		if xf.FillID == nil {
			return 0, fmt.Errorf("填充色未能建立")
		}
		made = [2]int{sid, *xf.FillID}
		a.fills[sev] = made
	}
	xfs := a.f.Styles.CellXfs
	base := made[0]
	if id >= 0 && id < len(xfs.Xf) {
		base = id
	}
	xf := xfs.Xf[base]
	fillID, apply := made[1], true
	xf.FillID, xf.ApplyFill = &fillID, &apply
	xfs.Xf = append(xfs.Xf, xf)
	xfs.Count = len(xfs.Xf)
	return len(xfs.Xf) - 1, nil
}

// writeNew writes data to a file that must not exist yet; a file left
// half-written is removed.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
	}
	return err
}

// editableCopy opens an .xlsx for editing, or builds one from what another
// format's reader found.
func (r *Reader) editableCopy(name string, data []byte) (*excelize.File, error) {
	f, err := sheets.Editable(name, data, r.sheetOptions())
	if err != nil {
		return nil, sheetProblem(err)
	}
	return f, nil
}

// completeStyles gives the workbook the style parts that cell styles are
// built on when its styles part lacks them (no styles part at all, an
// empty <styleSheet/>, no fills …), from the defaults of a new workbook,
// and makes their counts agree with what they hold. Where cells already
// refer to styles, the parts they use are kept.
func completeStyles(f *excelize.File) {
	def := excelize.NewFile()
	defer def.Close()
	if f.Styles == nil {
		f.Styles = def.Styles
		return
	}
	s, d := f.Styles, def.Styles
	if s.Fonts == nil || len(s.Fonts.Font) == 0 {
		s.Fonts = d.Fonts
	}
	if s.Fills == nil || len(s.Fills.Fill) == 0 {
		s.Fills = d.Fills
	}
	if s.Borders == nil || len(s.Borders.Border) == 0 {
		s.Borders = d.Borders
	}
	if s.CellStyleXfs == nil || len(s.CellStyleXfs.Xf) == 0 {
		s.CellStyleXfs = d.CellStyleXfs
	}
	if s.CellXfs == nil || len(s.CellXfs.Xf) == 0 {
		s.CellXfs = d.CellXfs
	}
	if font := s.Fonts.Font[0]; font.Name == nil || font.Name.Val == nil {
		font.Name = d.Fonts.Font[0].Name // comments are written in the default font
	}
	s.Fonts.Count = len(s.Fonts.Font)
	s.Fills.Count = len(s.Fills.Fill)
	s.Borders.Count = len(s.Borders.Border)
	s.CellStyleXfs.Count = len(s.CellStyleXfs.Xf)
	s.CellXfs.Count = len(s.CellXfs.Xf)
}

// The styles part as the spreadsheet library writes it, and how the
// workbook names it.
const (
	stylesPart        = "/xl/styles.xml"
	stylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
	stylesRelType     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	relNamespace      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// repairParts mends what the spreadsheet library leaves wrong in some
// workbooks it writes, so that Excel, WPS, LibreOffice and openpyxl open
// the copy:
//   - a workbook that came without a styles part is saved with
//     xl/styles.xml but with neither its content type nor the workbook's
//     relationship to it, and the fills would not show: both are added;
//   - a workbook saved as Strict Open XML is written in the usual
//     namespaces but still says conformance="strict", and its r:id
//     attributes lose their namespace: the claim is dropped and the
//     namespace declared.
func repairParts(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := map[string]*zip.File{}
	for _, zf := range zr.File {
		parts[zf.Name] = zf
	}
	read := func(name string) (string, error) {
		zf := parts[name]
		if zf == nil {
			return "", fmt.Errorf("%s: %w", name, fs.ErrNotExist)
		}
		rc, err := zf.Open()
		if err != nil {
			return "", err
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		return string(b), err
	}
	types, err := read("[Content_Types].xml")
	if err != nil {
		return nil, err
	}
	changed := map[string]string{}
	book := strings.TrimPrefix(workbookPart(types), "/")
	if wb, err := read(book); err == nil {
		if fixed := declareRelNamespace(strings.Replace(wb, ` conformance="strict"`, "", 1)); fixed != wb {
			changed[book] = fixed
		}
	}
	if parts[stylesPart[1:]] != nil {
		rels, err := read(workbookRels(types))
		if err != nil {
			return nil, err
		}
		if !strings.Contains(types, `"`+stylesPart+`"`) {
			changed["[Content_Types].xml"] = insertBefore(types, "</Types>",
				`<Override PartName="`+stylesPart+`" ContentType="`+stylesContentType+`"></Override>`)
		}
		if !strings.Contains(rels, `"`+stylesRelType+`"`) {
			id := "rIdStyles"
			for i := 2; strings.Contains(rels, `"`+id+`"`); i++ {
				id = fmt.Sprintf("rIdStyles%d", i)
			}
			changed[workbookRels(types)] = insertBefore(rels, "</Relationships>",
				`<Relationship Id="`+id+`" Target="`+stylesPart+`" Type="`+stylesRelType+`"></Relationship>`)
		}
	}
	if len(changed) == 0 {
		return data, nil
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		body, ok := changed[zf.Name]
		if !ok {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: zf.Modified})
		if err != nil {
			return nil, err
		}
		if _, err := io.WriteString(w, body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// declareRelNamespace declares the prefix r on the root element of an XML
// part that uses r: attributes without declaring it.
func declareRelNamespace(x string) string {
	if !strings.Contains(x, " r:") {
		return x
	}
	start := 0
	for {
		i := strings.IndexByte(x[start:], '<')
		if i < 0 {
			return x
		}
		start += i
		if !strings.HasPrefix(x[start:], "<?") && !strings.HasPrefix(x[start:], "<!") {
			break
		}
		start++
	}
	end := strings.IndexByte(x[start:], '>')
	if end < 0 || strings.Contains(x[start:start+end], "xmlns:r=") {
		return x
	}
	end += start
	if x[end-1] == '/' {
		end--
	}
	return x[:end] + ` xmlns:r="` + relNamespace + `"` + x[end:]
}

// workbookPart is the workbook part named in the content types
// (/xl/workbook.xml as a rule).
func workbookPart(types string) string {
	for _, o := range override.FindAllString(types, -1) {
		if ct := contentType.FindStringSubmatch(o); ct != nil && strings.HasSuffix(ct[1], ".main+xml") {
			if pn := partName.FindStringSubmatch(o); pn != nil {
				return pn[1]
			}
		}
	}
	return "/xl/workbook.xml"
}

// workbookRels is the relationships part of the workbook named in the
// content types (xl/_rels/workbook.xml.rels as a rule).
func workbookRels(types string) string {
	dir, name := path.Split(strings.TrimPrefix(workbookPart(types), "/"))
	return dir + "_rels/" + name + ".rels"
}

var (
	override    = regexp.MustCompile(`<Override\s[^>]*>`)
	contentType = regexp.MustCompile(`\sContentType="([^"]*)"`)
	partName    = regexp.MustCompile(`\sPartName="([^"]*)"`)
)

func insertBefore(s, end, add string) string {
	i := strings.LastIndex(s, end)
	if i < 0 {
		return s
	}
	return s[:i] + add + s[i:]
}
