package sheets

import (
	"bytes"
	"encoding/xml"
	"errors"
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Besides values, an .xlsx says which rows and columns are hidden and how
// far each cell is indented: a row in <row hidden="1">, columns in
// <cols><col min=".." max=".." hidden="1"/> (1-based, inclusive), and a
// cell's indent in the alignment of its cell format, the xf at the cell's
// style index s in the cellXfs of xl/styles.xml. The fast reader takes them
// in its pass over the sheet; for the excelize path, rawLayout reads them
// from the sheet's XML, and fileLayout asks excelize when that XML is not at
// hand.

// stylesPart is where excelize, and so this package, looks for the styles.
const stylesPart = "xl/styles.xml"

// xfIndents reads, for each cell format of a styles part, the indent level
// of its alignment (cellXfs/xf/alignment/@indent) and whether its number
// format shows a date or a time (dateFormat, or'ed in). It returns nil when
// no format is indented or a date, so that the cells' styles need not be
// looked at, and an error when the part cannot be read.
func xfIndents(b []byte) ([]int, error) {
	if !bytes.Contains(b, []byte("indent")) && !mayShowDates(b) {
		return nil, nil
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var out []int
	marked := false
	custom := map[int]bool{} // custom numFmtIds that are dates
	depth, xfs := 0, 0       // depth of the current element, and of <cellXfs>
scan:
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 3 && t.Name.Local == "numFmt":
				id, _ := attr(t, "numFmtId")
				code, _ := attr(t, "formatCode")
				if n, err := strconv.Atoi(strings.TrimSpace(id)); err == nil && dateCode(code) {
					custom[n] = true
				}
			case xfs == 0 && depth == 2 && t.Name.Local == "cellXfs":
				xfs = depth
			case xfs > 0 && depth == xfs+1 && t.Name.Local == "xf":
				out = append(out, 0)
				if v, ok := attr(t, "numFmtId"); ok {
					if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && (builtinDate(n) || custom[n]) {
						out[len(out)-1] |= dateFormat
						marked = true
					}
				}
			case xfs > 0 && depth == xfs+2 && t.Name.Local == "alignment" && len(out) > 0:
				v, ok := attr(t, "indent")
				if !ok {
					break
				}
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || n < 0 || n >= dateFormat {
					return nil, errBadIndent
				}
				out[len(out)-1] |= n
				marked = marked || n > 0
			}
		case xml.EndElement:
			if xfs > 0 && depth == xfs {
				break scan // the cell formats are all read
			}
			depth--
		}
	}
	if !marked {
		return nil, nil
	}
	return out, nil
}

// mayShowDates reports, from the bytes of a styles part, whether any of its
// number formats could show a date: a built-in date format's id, or a
// custom format code with date letters. Most styles parts have none, and
// are then not parsed.
func mayShowDates(b []byte) bool {
	for rest := b; ; {
		i := bytes.Index(rest, []byte(`numFmtId="`))
		if i < 0 {
			break
		}
		rest = rest[i+len(`numFmtId="`):]
		j := bytes.IndexByte(rest, '"')
		if j < 0 {
			break
		}
		if n, err := strconv.Atoi(string(rest[:j])); err == nil && builtinDate(n) {
			return true
		}
	}
	for rest := b; ; {
		i := bytes.Index(rest, []byte(`formatCode="`))
		if i < 0 {
			return false
		}
		rest = rest[i+len(`formatCode="`):]
		j := bytes.IndexByte(rest, '"')
		if j < 0 {
			return false
		}
		if dateCode(html.UnescapeString(string(rest[:j]))) {
			return true
		}
	}
}

// dateFormat marks a cell format that shows a date or a time.
const dateFormat = 1 << 16

// builtinDate reports whether a built-in number format shows a date or a
// time: 14–22 and 45–47, and the East Asian ones 27–36 and 50–58.
func builtinDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// dateCode reports whether a custom number format shows a date or a time:
// it has y, m, d, h or s outside quotes, brackets and escapes (yyyy年m月,
// m/d/yy, [$-804]yyyy"年"m"月"), and is not only a colour or an elapsed
// count.
func dateCode(code string) bool {
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '[':
			inBracket = true
		case c == ']':
			inBracket = false
		case inBracket:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is shown as it is
		case strings.IndexByte("ymdhsYMDHS", c) >= 0:
			return true
		}
	}
	return false
}

var errBadIndent = errors.New("xlsx: an indent in the styles is not a number")

// indentOf is the indent of cell format s, 0 when there is none.
func indentOf(xf []int, s int) int {
	if s < 0 || s >= len(xf) {
		return 0
	}
	return xf[s] &^ dateFormat
}

// isDate reports whether cell format s shows a date or a time.
func isDate(xf []int, s int) bool { return s >= 0 && s < len(xf) && xf[s]&dateFormat != 0 }

// xmlBool reads an XML boolean as encoding/xml does.
func xmlBool(v string) (b, ok bool) {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	return b, err == nil
}

// rawLayout reads hidden rows and columns and the indents of cells from a
// sheet's XML, numbering rows and cells as excelize's row iterator does. It
// looks at tags only, up to the end of <sheetData>.
func rawLayout(raw []byte, xf []int) layout {
	var l layout
	row, col := 0, 0
	textCell := false // the current cell holds text: its formula gives no count
	for i := 0; i < len(raw); {
		j := bytes.IndexByte(raw[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		if skip := markupEnd(raw[i:]); skip != 0 {
			if skip < 0 {
				break
			}
			i += skip
			continue
		}
		end := bytes.IndexByte(raw[i:], '>')
		if end < 0 {
			break
		}
		tag := raw[i : i+end]
		i += end + 1
		name, attrs, closing := splitTag(tag)
		switch {
		case string(name) == "sheetData" && (closing || bytes.HasSuffix(tag, []byte("/"))):
			return l
		case closing:
		case string(name) == "row":
			row++
			if n, err := strconv.Atoi(tagValue(attrs, "r")); err == nil && n != 0 {
				row = n
			}
			col = 0
			if h, _ := xmlBool(tagValue(attrs, "hidden")); h && row > 0 {
				l.hideRow(row)
			}
		case string(name) == "f" && !bytes.HasSuffix(tag, []byte("/")):
			if stop := bytes.Index(raw[i:], []byte("</")); stop > 0 && !textCell {
				l.formulas = append(l.formulas, cellFormula{row - 1, col - 1, xmlUnescape.Replace(string(raw[i : i+stop]))})
			}
		case string(name) == "c":
			col++
			t := tagValue(attrs, "t")
			textCell = t == "s" || t == "str" || t == "inlineStr"
			if ref := tagValue(attrs, "r"); ref != "" {
				if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
					col = c
				}
			}
			if tagValue(attrs, "t") == "b" {
				l.bools = append(l.bools, cellIndent{row - 1, col - 1, 0})
			}
			if xf == nil {
				continue
			}
			if s, err := strconv.Atoi(tagValue(attrs, "s")); err == nil {
				if indentOf(xf, s) > 0 {
					l.indents = append(l.indents, cellIndent{row - 1, col - 1, indentOf(xf, s)})
				}
				if isDate(xf, s) && tagValue(attrs, "t") != "s" && tagValue(attrs, "t") != "inlineStr" && tagValue(attrs, "t") != "str" {
					l.dates = append(l.dates, cellIndent{row - 1, col - 1, 0})
				}
			}
		case string(name) == "col":
			first, err1 := strconv.Atoi(tagValue(attrs, "min"))
			last, err2 := strconv.Atoi(tagValue(attrs, "max"))
			if h, _ := xmlBool(tagValue(attrs, "hidden")); h && err1 == nil && err2 == nil && first >= 1 {
				l.hideCols(first, last)
			}
		}
	}
	return l
}

// markupEnd returns, for the text after a '<', how far a comment, CDATA
// section or declaration runs (0 if it is a tag, -1 if it never ends).
func markupEnd(b []byte) int {
	var close string
	switch {
	case bytes.HasPrefix(b, []byte("!--")):
		close = "-->"
	case bytes.HasPrefix(b, []byte("![CDATA[")):
		close = "]]>"
	case bytes.HasPrefix(b, []byte("?")), bytes.HasPrefix(b, []byte("!")):
		close = ">"
	default:
		return 0
	}
	k := bytes.Index(b, []byte(close))
	if k < 0 {
		return -1
	}
	return k + len(close)
}

// splitTag splits the inside of a tag into its local name (without a
// namespace prefix) and its attributes, and says whether it closes.
func splitTag(tag []byte) (name, attrs []byte, closing bool) {
	if len(tag) > 0 && tag[0] == '/' {
		closing, tag = true, tag[1:]
	}
	end := bytes.IndexAny(tag, " \t\r\n/")
	if end < 0 {
		end = len(tag)
	}
	name, attrs = tag[:end], tag[end:]
	if k := bytes.IndexByte(name, ':'); k >= 0 {
		name = name[k+1:]
	}
	return name, attrs, closing
}

// tagValue returns the value of the attribute with the given local name in
// the attributes of a tag, "" when there is none. Entities are not decoded.
func tagValue(attrs []byte, name string) string {
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n/")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		key := bytes.TrimRight(attrs[:eq], " \t\r\n")
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		q := bytes.IndexByte(rest[1:], rest[0])
		if q < 0 {
			return ""
		}
		if k := bytes.IndexByte(key, ':'); k >= 0 {
			key = key[k+1:]
		}
		if string(key) == name {
			return string(rest[1 : 1+q])
		}
		attrs = rest[2+q:]
	}
	return ""
}

// fileLayout asks excelize for the hidden rows and columns of a sheet and
// the indents of its cells, for when the sheet's XML is not at hand.
func fileLayout(f *excelize.File, s *Sheet, xf []int) layout {
	var l layout
	for r := range s.Rows {
		if visible, err := f.GetRowVisible(s.Name, r+1); err == nil && !visible {
			l.hideRow(r + 1)
		}
	}
	for c := 0; c < s.Width(); c++ {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if visible, err := f.GetColVisible(s.Name, name); err == nil && !visible {
			l.hideCols(c+1, c+1)
		}
	}
	for r, row := range s.Rows {
		for c, cell := range row {
			if cell.Text == "" {
				continue
			}
			if t, err := f.GetCellType(s.Name, Ref(r, c)); err == nil && t == excelize.CellTypeBool {
				l.bools = append(l.bools, cellIndent{r, c, 0})
			}
		}
	}
	if xf == nil {
		return l
	}
	for r, row := range s.Rows {
		for c, cell := range row {
			if cell.Text == "" && cell.Formula == "" {
				continue
			}
			if id, err := f.GetCellStyle(s.Name, Ref(r, c)); err == nil {
				if indentOf(xf, id) > 0 {
					l.indents = append(l.indents, cellIndent{r, c, indentOf(xf, id)})
				}
				if t, err := f.GetCellType(s.Name, Ref(r, c)); err == nil && isDate(xf, id) && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset || t == excelize.CellTypeDate) {
					l.dates = append(l.dates, cellIndent{r, c, 0})
				}
			}
		}
	}
	return l
}

// xmlUnescape turns the entities XML text may hold back into characters.
var xmlUnescape = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")
