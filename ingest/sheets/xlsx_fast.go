package sheets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// The fast reader handles plain workbooks without excelize: it unzips the
// package itself and reads the shared strings and each worksheet in one
// token-level pass, producing the same cell texts as the excelize path
// (with RawCellValue). Whatever it is not sure about makes it decline with
// errNotFast, and the caller then takes the excelize path.

// errNotFast says the fast reader declines the file.
var errNotFast = errors.New("xlsx: not handled by the fast reader")

const (
	relWorksheet      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relNamespace      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	maxXMLPart        = 64 << 20 // parts above this are too large for the fast reader too
	maxSheetRow       = 1048576
)

// fastPackage is an opened zip package with a budget of unpacked bytes.
type fastPackage struct {
	files  map[string]*zip.File
	budget int64
	stop   <-chan struct{}
}

// readFast reads the workbook in data, or returns errNotFast.
func (x XLSXReader) readFast(data []byte) (wb *Workbook, err error) {
	defer func() {
		// A surprise in a strange file is left to the excelize path.
		if v := recover(); v != nil {
			wb, err = nil, fmt.Errorf("%w: %v", errNotFast, v)
		}
	}()
	pkg, err := openFastPackage(data, x.Limits.UnzippedBytes)
	if err != nil {
		return nil, err
	}
	pkg.stop = x.Limits.Stop
	entries, err := pkg.workbookSheets()
	if err != nil {
		return nil, err
	}
	sst, err := pkg.sharedStrings()
	if err != nil {
		return nil, err
	}
	xf := pkg.xfIndents()
	wb = &Workbook{}
	book := tally{limits: x.Limits}
	for i, e := range entries {
		s, err := x.readFastSheet(pkg, e, i+1, sst, xf)
		if err != nil {
			return nil, err
		}
		if err := book.add(s); err != nil {
			return nil, err
		}
		wb.Sheets = append(wb.Sheets, s)
	}
	return wb, nil
}

// openFastPackage opens the zip and checks that its names and sizes are
// plain: no backslashes, no names that differ only by case where excelize
// folds case, and a total unpacked size within limit.
func openFastPackage(data []byte, limit int64) (*fastPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotFast, err)
	}
	pkg := &fastPackage{files: make(map[string]*zip.File, len(zr.File)), budget: limit}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		lower := strings.ToLower(f.Name)
		switch {
		case strings.Contains(f.Name, "\\"),
			lower == "xl/sharedstrings.xml" && f.Name != "xl/sharedStrings.xml",
			lower == "[content_types].xml" && f.Name != "[Content_Types].xml":
			return nil, errNotFast
		}
		if _, dup := pkg.files[f.Name]; dup {
			return nil, errNotFast
		}
		pkg.files[f.Name] = f
	}
	if limit <= 0 || total > uint64(limit) || pkg.files["[Content_Types].xml"] == nil {
		return nil, errNotFast
	}
	return pkg, nil
}

// part returns the unpacked bytes of a part, nil if there is none.
func (p *fastPackage) part(name string) ([]byte, error) {
	f := p.files[name]
	if f == nil {
		return nil, nil
	}
	size := f.UncompressedSize64
	if size > maxXMLPart || int64(size) > p.budget || f.FileInfo().IsDir() {
		return nil, errNotFast
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotFast, err)
	}
	defer rc.Close()
	// The declared size is checked: one byte more is asked for, and the
	// zip reader verifies the CRC at the end of the part (an error). The
	// runs are checked as the part is unpacked, so that a hostile one is
	// refused before it is held.
	var buf bytes.Buffer
	buf.Grow(int(min(size, 1<<20)))
	runs := &runCheck{name: name, limit: maxXMLRun, stop: p.stop}
	_, err = io.Copy(io.MultiWriter(runs, &buf), io.LimitReader(rc, int64(size)+1))
	if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrStopped) {
		return nil, err
	}
	if err != nil || uint64(buf.Len()) != size {
		return nil, errNotFast
	}
	b := buf.Bytes()
	p.budget -= int64(len(b))
	if bytes.Contains(b, []byte("purl.oclc.org")) {
		return nil, errNotFast
	}
	return b, nil
}

// fastSheetEntry is one sheet of the workbook: its name, visibility and the
// path of its XML.
type fastSheetEntry struct {
	name   string
	hidden bool
	path   string
}

// workbookSheets lists the sheets in workbook order, from xl/workbook.xml
// and its relationships.
func (p *fastPackage) workbookSheets() ([]fastSheetEntry, error) {
	if err := p.checkRootRels(); err != nil {
		return nil, err
	}
	book, err := p.part("xl/workbook.xml")
	if err != nil || book == nil || asksRecalc(book) {
		return nil, errNotFast // formulas to be computed: excelize's path does
	}
	sheets, err := parseBookSheets(book)
	if err != nil || len(sheets) == 0 {
		return nil, errNotFast
	}
	targets, err := p.worksheetTargets()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := make([]fastSheetEntry, 0, len(sheets))
	for _, s := range sheets {
		key := strings.ToLower(s.Name)
		target, ok := targets[s.RID]
		if !ok || seen[key] || !plainSheetName(s.Name) || p.files[target] == nil {
			return nil, errNotFast
		}
		seen[key] = true
		out = append(out, fastSheetEntry{name: s.Name, hidden: s.State != "" && s.State != "visible", path: target})
	}
	return out, nil
}

// checkRootRels requires the package's main part to be xl/workbook.xml.
func (p *fastPackage) checkRootRels() error {
	b, err := p.part("_rels/.rels")
	if err != nil || b == nil {
		return errNotFast
	}
	rels, err := parseRels(b)
	if err != nil {
		return err
	}
	for _, r := range rels {
		if r.Type == relOfficeDocument {
			if strings.TrimPrefix(r.Target, "/") == "xl/workbook.xml" {
				return nil
			}
			return errNotFast
		}
	}
	return errNotFast
}

type fastRel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

// parseRels reads the <Relationship> children of a relationships part's
// root, as xml.Unmarshal into a struct would but without its reflection:
// attributes are matched by their local name, the last one wins.
func parseRels(b []byte) ([]fastRel, error) {
	var out []fastRel
	err := walkElements(b, func(path []string, t xml.StartElement) {
		if len(path) != 2 || path[1] != "Relationship" {
			return
		}
		var r fastRel
		for _, a := range t.Attr {
			switch a.Name.Local {
			case "Id":
				r.ID = a.Value
			case "Type":
				r.Type = a.Value
			case "Target":
				r.Target = a.Value
			}
		}
		out = append(out, r)
	})
	return out, err
}

// bookSheet is a <sheet> of xl/workbook.xml.
type bookSheet struct {
	Name, State, RID string
}

// parseBookSheets reads the sheets>sheet elements of xl/workbook.xml: the
// name, state and relationship id (r:id, by its namespace) of each.
func parseBookSheets(b []byte) ([]bookSheet, error) {
	var out []bookSheet
	err := walkElements(b, func(path []string, t xml.StartElement) {
		if len(path) != 3 || path[1] != "sheets" || path[2] != "sheet" {
			return
		}
		var s bookSheet
		for _, a := range t.Attr {
			switch {
			case a.Name.Local == "name":
				s.Name = a.Value
			case a.Name.Local == "state":
				s.State = a.Value
			case a.Name.Local == "id" && a.Name.Space == relNamespace:
				s.RID = a.Value
			}
		}
		out = append(out, s)
	})
	return out, err
}

// walkElements calls fn with each start element of the document's root
// element and the local names of the elements down to it (path[0] is the
// root's), up to the root's end. As with xml.Unmarshal, the elements must
// nest properly, and the prefixes of attributes are resolved to their
// namespaces; it is done here over raw tokens, which costs less.
func walkElements(b []byte, fn func(path []string, t xml.StartElement)) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	var (
		open []xml.Name // the elements open, as written
		path []string
		ns   []nsDecl
	)
	for {
		tok, err := d.RawToken()
		if err != nil {
			return fmt.Errorf("%w: %v", errNotFast, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open, path = append(open, t.Name), append(path, t.Name.Local)
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" {
					ns = append(ns, nsDecl{len(open), a.Name.Local, a.Value})
				}
			}
			for i, a := range t.Attr {
				if a.Name.Space != "" && a.Name.Space != "xmlns" {
					t.Attr[i].Name.Space = resolvePrefix(ns, a.Name.Space)
				}
			}
			fn(path, t)
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return errNotFast
			}
			for len(ns) > 0 && ns[len(ns)-1].depth == len(open) {
				ns = ns[:len(ns)-1]
			}
			open, path = open[:len(open)-1], path[:len(path)-1]
			if len(open) == 0 {
				return nil
			}
		}
	}
}

// nsDecl is a namespace prefix declared on an element at some depth.
type nsDecl struct {
	depth       int
	prefix, url string
}

// resolvePrefix is the namespace of a prefix, the innermost declaration
// winning; an undeclared prefix stands for itself, as in encoding/xml.
func resolvePrefix(ns []nsDecl, prefix string) string {
	if prefix == "xml" {
		return "http://www.w3.org/XML/1998/namespace"
	}
	for i := len(ns) - 1; i >= 0; i-- {
		if ns[i].prefix == prefix {
			return ns[i].url
		}
	}
	return prefix
}

// worksheetTargets maps relationship ids of the workbook to worksheet paths;
// any other kind of sheet (chart, dialog, macro) makes the reader decline.
func (p *fastPackage) worksheetTargets() (map[string]string, error) {
	b, err := p.part("xl/_rels/workbook.xml.rels")
	if err != nil || b == nil {
		return nil, errNotFast
	}
	rels, err := parseRels(b)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range rels {
		if _, dup := out[r.ID]; dup {
			return nil, errNotFast
		}
		if r.Type != relWorksheet {
			out[r.ID] = ""
			continue
		}
		out[r.ID] = worksheetPath(r.Target)
	}
	return out, nil
}

// worksheetPath resolves a relationship target against xl/, as excelize does.
func worksheetPath(target string) string {
	if strings.Contains(target, "\\") {
		return ""
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean("xl/"+target), "/")
}

// plainSheetName reports whether excelize accepts name as a sheet name.
func plainSheetName(name string) bool {
	if name == "" || len(utf16.Encode([]rune(name))) > 31 {
		return false
	}
	if strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
		return false
	}
	return !strings.ContainsAny(name, ":\\/?*[]")
}

// sharedStrings reads xl/sharedStrings.xml, the <si> items in order.
func (p *fastPackage) sharedStrings() ([]string, error) {
	b, err := p.part("xl/sharedStrings.xml")
	if err != nil || b == nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var out []string
	for depth := 0; ; {
		tok, err := d.RawToken()
		if err == io.EOF {
			if depth != 0 {
				return nil, errNotFast
			}
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNotFast, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 1 && t.Name.Local == "si" {
				s, err := readStringItem(d, t)
				if err != nil {
					return nil, err
				}
				out = append(out, s)
				continue
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
}

// xfIndents reads the indents of the cell formats from xl/styles.xml, once
// for the workbook; nil when no format is indented or the part cannot be
// read (the indents are then unknown, as on the excelize path, and the
// values are read as before).
func (p *fastPackage) xfIndents() []int {
	b, err := p.part(stylesPart)
	if err != nil || b == nil {
		return nil
	}
	xf, err := xfIndents(b)
	if err != nil {
		return nil
	}
	return xf
}

// stringItem gathers the text of an <si> or <is>: its own <t> and the <t>
// of each rich-text run <r>; phonetic runs <rPh> are left out.
type stringItem struct {
	own, runs strings.Builder
	hasOwn    bool
}

// readStringItem reads the element opened by start (an <si> or <is>) to
// its end and returns its text as excelize gives it.
func readStringItem(d *xml.Decoder, start xml.StartElement) (string, error) {
	var it stringItem
	stack := []xml.Name{start.Name}
	for len(stack) > 0 {
		tok, err := d.RawToken()
		if err != nil {
			return "", fmt.Errorf("%w: %v", errNotFast, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := it.start(d, t, stack); err != nil {
				return "", err
			}
			if t.Name.Local != "t" {
				stack = append(stack, t.Name)
			}
		case xml.EndElement:
			if t.Name != stack[len(stack)-1] {
				return "", errNotFast
			}
			stack = stack[:len(stack)-1]
		}
	}
	return decodeEscapes(it.own.String() + it.runs.String()), nil
}

// start handles a child element of a string item; a <t> is read whole.
func (it *stringItem) start(d *xml.Decoder, t xml.StartElement, stack []xml.Name) error {
	if t.Name.Local != "t" {
		return nil
	}
	switch {
	case len(stack) == 1:
		if it.hasOwn {
			return errNotFast
		}
		it.hasOwn = true
		return readText(d, t, &it.own)
	case len(stack) == 2 && stack[1].Local == "r":
		return readText(d, t, &it.runs)
	case len(stack) >= 2 && stack[1].Local == "rPh":
		return readText(d, t, &strings.Builder{})
	}
	return errNotFast
}

// readText appends the character data of the element opened by start, which
// must hold no elements.
func readText(d *xml.Decoder, start xml.StartElement, w *strings.Builder) error {
	for {
		tok, err := d.RawToken()
		if err != nil {
			return fmt.Errorf("%w: %v", errNotFast, err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			w.Write(t)
		case xml.StartElement:
			return errNotFast
		case xml.EndElement:
			if t.Name != start.Name {
				return errNotFast
			}
			return nil
		}
	}
}

var escapeCode = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// decodeEscapes turns the _xHHHH_ escapes of OOXML strings into the
// characters they stand for, and _x005F_ into "_".
func decodeEscapes(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for _, m := range escapeCode.FindAllStringIndex(s, -1) {
		b.WriteString(s[cursor:m[0]])
		cursor = m[1]
		if s[m[0]:m[1]] == "_x005F_" {
			b.WriteByte('_')
			continue
		}
		v, _ := strconv.Unquote(`"\u` + s[m[0]+2:m[1]-1] + `"`)
		b.WriteString(v)
	}
	b.WriteString(s[cursor:])
	return b.String()
}

// readFastSheet reads one worksheet; it declines when a formula has no
// cached value or a limit is passed (the excelize path then says so). xf are
// the indents of the cell formats.
func (x XLSXReader) readFastSheet(p *fastPackage, e fastSheetEntry, index int, sst []string, xf []int) (*Sheet, error) {
	raw, err := p.part(e.path)
	if err != nil || raw == nil {
		return nil, errNotFast
	}
	rows, lay, err := scanSheet(raw, sst, xf, x.Limits.Rows, x.Limits.Stop)
	if err != nil {
		return nil, err
	}
	s := &Sheet{Name: e.name, Index: index, Hidden: e.hidden, Rows: make([][]Cell, 0, len(rows))}
	cells := 0
	for _, cols := range rows {
		if cols, err = trimWide(cols, e.name); err != nil {
			return nil, errNotFast
		}
		cells += len(cols)
		if len(s.Rows) >= x.Limits.Rows || cells > x.Limits.Cells {
			return nil, errNotFast
		}
		row := make([]Cell, len(cols))
		for j, v := range cols {
			row[j] = Cell{Text: v}
		}
		s.Rows = append(s.Rows, row)
	}
	lay.setIndents(s)
	lay.setDates(s)
	lay.checkFormulas(s)
	x.resolveMerges(s, rawMerges(raw))
	s.setHidden(lay.hiddenRows, lay.hiddenCols)
	s.trimBlankTail()
	return s, nil
}

// sheetScan is the state of one pass over a worksheet's XML.
type sheetScan struct {
	d      *xml.Decoder
	sst    []string
	xf     []int // indents of the cell formats, nil when none is indented
	stack  []xml.Name
	rows   [][]string
	lay    layout
	inRow  bool
	curRow int
	col    int
	max    int
	beyond bool // the current row is past max: only empty cells may follow
}

// scanSheet reads the cell values of a worksheet up to the end of its
// <sheetData>, row by row (row i of the result is row i+1 of the sheet),
// with its hidden rows and columns and the indents of its cells.
func scanSheet(raw []byte, sst []string, xf []int, maxRows int, stop <-chan struct{}) ([][]string, layout, error) {
	sc := &sheetScan{d: xml.NewDecoder(bytes.NewReader(raw)), sst: sst, xf: xf, max: maxRows}
	for n := 1; ; n++ {
		if n%4096 == 0 && stopped(stop) {
			return nil, layout{}, ErrStopped
		}
		tok, err := sc.d.RawToken()
		if err == io.EOF {
			return sc.rows, sc.lay, nil
		}
		if err != nil {
			return nil, layout{}, fmt.Errorf("%w: %v", errNotFast, err)
		}
		done, err := sc.token(tok)
		if err != nil {
			return nil, layout{}, err
		}
		if done {
			return sc.rows, sc.lay, nil
		}
	}
}

// token handles one token; done is true at the end of <sheetData>.
func (sc *sheetScan) token(tok xml.Token) (done bool, err error) {
	switch t := tok.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "row":
			err = sc.startRow(t)
		case "c":
			return false, sc.cell(t)
		case "col":
			err = sc.colInfo(t)
		case "v", "f", "is", "t", "si":
			return false, errNotFast
		}
		sc.stack = append(sc.stack, t.Name)
	case xml.EndElement:
		if len(sc.stack) == 0 || sc.stack[len(sc.stack)-1] != t.Name {
			return false, errNotFast
		}
		sc.stack = sc.stack[:len(sc.stack)-1]
		switch t.Name.Local {
		case "row":
			sc.inRow = false
		case "sheetData":
			return true, nil
		}
	}
	return false, err
}

// startRow opens a row, numbered by its r or following the previous one.
func (sc *sheetScan) startRow(t xml.StartElement) error {
	if sc.inRow {
		return errNotFast
	}
	n, hidden := sc.curRow+1, false
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "r":
			r, err := strconv.Atoi(a.Value)
			if err != nil || r < 0 {
				return errNotFast
			}
			if r != 0 {
				n = r
			}
		case "hidden":
			h, ok := xmlBool(a.Value)
			if !ok {
				return errNotFast
			}
			hidden = h
		}
	}
	if n <= sc.curRow || n > maxSheetRow {
		return errNotFast
	}
	if n > sc.max {
		// A row past the limit counts only if it holds something: an empty
		// or merely formatted row far down is passed over.
		sc.curRow, sc.col, sc.inRow, sc.beyond = n, 0, true, true
		return nil
	}
	if hidden {
		sc.lay.hideRow(n)
	}
	for len(sc.rows) < n {
		sc.rows = append(sc.rows, nil)
	}
	sc.curRow, sc.col, sc.inRow = n, 0, true
	return nil
}

// colInfo reads a <col> of <cols>: a hidden range of columns is noted.
func (sc *sheetScan) colInfo(t xml.StartElement) error {
	first, last, hidden := 0, 0, false
	for _, a := range t.Attr {
		var err error
		switch a.Name.Local {
		case "min":
			first, err = strconv.Atoi(a.Value)
		case "max":
			last, err = strconv.Atoi(a.Value)
		case "hidden":
			var ok bool
			if hidden, ok = xmlBool(a.Value); !ok {
				return errNotFast
			}
		}
		if err != nil {
			return errNotFast
		}
	}
	if first < 1 || last < first {
		return errNotFast
	}
	if hidden {
		sc.lay.hideCols(first, last)
	}
	return nil
}

// fastCell is what a <c> element holds.
type fastCell struct {
	ref, typ, v, inline string
	f                   string // the formula's text, when the cell holds it (not a shared formula's follower)
	style               int64
	hasF, hasV, hasIS   bool
}

// cell reads a <c> element whole and places its value in the current row.
func (sc *sheetScan) cell(start xml.StartElement) error {
	if !sc.inRow || len(sc.stack) == 0 || sc.stack[len(sc.stack)-1].Local != "row" {
		return errNotFast
	}
	c, err := sc.readCell(start)
	if err != nil {
		return err
	}
	if c.hasF && (!c.hasV || strings.TrimSpace(c.v) == "") && !c.hasIS {
		return errNotFast // a formula without its value: excelize computes it
	}
	sc.col++
	if c.ref != "" {
		col, _, err := excelize.CellNameToCoordinates(c.ref)
		if err != nil {
			return errNotFast
		}
		sc.col = col
	}
	if sc.xf != nil && c.style >= 0 && c.style < int64(len(sc.xf)) && sc.xf[c.style] > 0 {
		if n := indentOf(sc.xf, int(c.style)); n > 0 {
			sc.lay.indents = append(sc.lay.indents, cellIndent{sc.curRow - 1, sc.col - 1, n})
		}
		if isDate(sc.xf, int(c.style)) && c.typ != "s" && c.typ != "inlineStr" && c.typ != "str" {
			sc.lay.dates = append(sc.lay.dates, cellIndent{sc.curRow - 1, sc.col - 1, 0})
		}
	}
	val, err := sc.value(c)
	if err != nil || (val == "" && !c.hasF) {
		return err
	}
	if sc.beyond {
		return errNotFast // something past the row limit: too large
	}
	row := sc.rows[sc.curRow-1]
	if sc.col <= len(row) {
		return errNotFast
	}
	for len(row) < sc.col-1 {
		row = append(row, "")
	}
	sc.rows[sc.curRow-1] = append(row, val)
	if c.f != "" && c.typ != "s" && c.typ != "str" && c.typ != "inlineStr" {
		sc.lay.formulas = append(sc.lay.formulas, cellFormula{sc.curRow - 1, sc.col - 1, c.f})
	}
	return nil
}

// value is the cell's text as excelize returns it with RawCellValue.
func (sc *sheetScan) value(c fastCell) (string, error) {
	switch c.typ {
	case "s":
		if c.v == "" {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(c.v))
		if err != nil || i < 0 || i >= len(sc.sst) {
			return "", errNotFast
		}
		return sc.sst[i], nil
	case "inlineStr":
		if c.hasIS {
			return c.inline, nil
		}
	case "b":
		return boolText(c.v), nil // shown as TRUE or FALSE, never read as a count
	}
	return c.v, nil
}

// readCell reads the attributes and children (<v>, <f>, <is>) of a cell.
func (sc *sheetScan) readCell(start xml.StartElement) (fastCell, error) {
	var c fastCell
	for _, a := range start.Attr {
		switch a.Name.Local {
		case "r":
			c.ref = a.Value
		case "t":
			c.typ = a.Value
		case "s":
			s, err := strconv.ParseInt(a.Value, 10, 64)
			if err != nil {
				return c, errNotFast
			}
			c.style = s
		}
	}
	for {
		tok, err := sc.d.RawToken()
		if err != nil {
			return c, fmt.Errorf("%w: %v", errNotFast, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := sc.cellChild(&c, t); err != nil {
				return c, err
			}
		case xml.EndElement:
			if t.Name != start.Name {
				return c, errNotFast
			}
			return c, nil
		}
	}
}

// cellChild reads one child element of a cell.
func (sc *sheetScan) cellChild(c *fastCell, t xml.StartElement) error {
	switch t.Name.Local {
	case "v":
		if c.hasV {
			return errNotFast
		}
		var b strings.Builder
		c.hasV = true
		err := readText(sc.d, t, &b)
		c.v = b.String()
		return err
	case "f":
		var b strings.Builder
		c.hasF = true
		err := readText(sc.d, t, &b)
		c.f = b.String()
		return err
	case "is":
		if c.hasIS {
			return errNotFast
		}
		s, err := readStringItem(sc.d, t)
		c.inline, c.hasIS = s, true
		return err
	}
	return errNotFast
}

// attr returns the value of an attribute by local name.
func attr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}
