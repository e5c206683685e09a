package sheets

import (
	"bytes"
	"encoding/xml"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Reading values needs only the streaming pass over a worksheet. Merged
// ranges and formulas without a cached value are visible in the sheet's raw
// XML, so excelize's full (reflective) parse of the sheet is only needed when
// such a formula is really there. These helpers look at the raw XML.

// sheetXML maps sheet names to their raw XML as held in the package, from
// xl/workbook.xml and its relationships. It returns nil when anything is
// unusual (another workbook path, a part kept on disk), and the caller then
// takes the general path.
func sheetXML(f *excelize.File) map[string][]byte {
	wb, rels := pkgPart(f, "xl/workbook.xml"), pkgPart(f, "xl/_rels/workbook.xml.rels")
	if wb == nil || rels == nil {
		return nil
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rel struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(wb, &book) != nil || xml.Unmarshal(rels, &rel) != nil {
		return nil
	}
	targets := map[string]string{}
	for _, r := range rel.Rels {
		t := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(t, "xl/") {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string][]byte{}
	for _, s := range book.Sheets {
		if b := pkgPart(f, targets[s.RID]); b != nil {
			out[s.Name] = b
		}
	}
	return out
}

func pkgPart(f *excelize.File, name string) []byte {
	v, ok := f.Pkg.Load(name)
	if !ok {
		return nil
	}
	b, _ := v.([]byte)
	return b
}

var mergeRef = regexp.MustCompile(`^[A-Z]+[0-9]+:[A-Z]+[0-9]+$`)

// rawMerges lists the merged ranges of a sheet's XML, as "A1:J1": the ref
// attribute of every mergeCell element, with or without a namespace prefix.
func rawMerges(raw []byte) []string {
	var out []string
	for i := 0; ; {
		j := bytes.Index(raw[i:], []byte("mergeCell"))
		if j < 0 {
			return out
		}
		i += j + len("mergeCell")
		if i >= len(raw) || (raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r') {
			continue // mergeCells, or the name inside text
		}
		end := bytes.IndexByte(raw[i:], '>')
		if end < 0 {
			return out
		}
		if ref := tagAttr(raw[i:i+end], "ref"); mergeRef.MatchString(ref) {
			out = append(out, ref)
		}
	}
}

// tagAttr returns the value of attribute name in the inside of a tag.
func tagAttr(tag []byte, name string) string {
	key := []byte(name + `="`)
	k := -1
	for from := 0; ; {
		j := bytes.Index(tag[from:], key)
		if j < 0 {
			return ""
		}
		if p := from + j; p > 0 && (tag[p-1] == ' ' || tag[p-1] == '\t' || tag[p-1] == '\n' || tag[p-1] == '\r') {
			k = p
			break
		}
		from += j + 1
	}
	v := tag[k+len(key):]
	q := bytes.IndexByte(v, '"')
	if q < 0 {
		return ""
	}
	return string(v[:q])
}

// uncomputedFormula reports whether a sheet's XML has a cell with a formula
// (<f>) but no cached value (<v> or an inline string).
func uncomputedFormula(raw []byte) bool {
	inCell, hasF, hasV := false, false, false
	for i := 0; i < len(raw); {
		j := bytes.IndexByte(raw[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		name, closing, selfClosing := tagAt(raw[i:])
		switch {
		case name == "c" && !closing:
			inCell, hasF, hasV = !selfClosing, false, false
		case name == "c" && closing:
			if inCell && hasF && !hasV {
				return true
			}
			inCell = false
		case inCell && name == "f" && !closing:
			hasF = true
		case inCell && name == "is" && !closing:
			hasV = true
		case inCell && name == "v" && !closing && !selfClosing:
			// an empty cached value (<v></v>) is no value
			if end := bytes.IndexByte(raw[i:], '>'); end >= 0 {
				rest := bytes.TrimLeft(raw[i+end+1:], " \t\r\n")
				hasV = len(rest) > 0 && rest[0] != '<'
			}
		}
	}
	return false
}

// tagAt reads the tag starting just after '<': its local name (without a
// namespace prefix), whether it is a closing tag, and whether it closes
// itself.
func tagAt(b []byte) (name string, closing, selfClosing bool) {
	if len(b) > 0 && b[0] == '/' {
		closing, b = true, b[1:]
	}
	end := bytes.IndexAny(b, " \t\r\n/>")
	if end < 0 {
		return "", closing, false
	}
	n := b[:end]
	if k := bytes.IndexByte(n, ':'); k >= 0 {
		n = n[k+1:]
	}
	if gt := bytes.IndexByte(b, '>'); gt > 0 && b[gt-1] == '/' {
		selfClosing = true
	}
	return string(n), closing, selfClosing
}

// sharedStringsPart is where a workbook keeps the texts its cells share.
const sharedStringsPart = "xl/sharedStrings.xml"

// sharedStringCount counts the texts of a shared-strings part.
func sharedStringCount(b []byte) int {
	return bytes.Count(b, []byte("<si>")) + bytes.Count(b, []byte("<si "))
}

// sharedCell finds a cell and its numeric value in a sheet's XML.
var sharedCell = regexp.MustCompile(`<c\b([^>]*)>\s*<v>\s*(\d+)\s*</v>`)

// badSharedIndex names the first cell of a sheet's XML that refers to a
// shared string the workbook does not have, or returns "". Such a cell
// would read as blank, and so as 0; Excel calls the file damaged.
func badSharedIndex(raw []byte, n int) string {
	if raw == nil {
		return ""
	}
	for _, m := range sharedCell.FindAllSubmatch(raw, -1) {
		if tagAttr(append([]byte("<c"), m[1]...), "t") != "s" {
			continue
		}
		if i, err := strconv.Atoi(string(m[2])); err != nil || i >= n {
			return tagAttr(append([]byte("<c"), m[1]...), "r")
		}
	}
	return ""
}

// asksRecalc reports whether a workbook part asks the program opening it
// to compute every formula again (<calcPr fullCalcOnLoad="1"/>), as files
// written by some programs do: their cached results are then not to be
// trusted (xlsxwriter writes 0 for every one).
func asksRecalc(book []byte) bool {
	i := bytes.Index(book, []byte("<calcPr"))
	if i < 0 {
		return false
	}
	end := bytes.IndexByte(book[i:], '>')
	if end < 0 {
		return false
	}
	v := tagAttr(book[i:i+end], "fullCalcOnLoad")
	return v == "1" || strings.EqualFold(v, "true")
}

// trustedFormula matches the formulas this program computes itself: sums
// and arithmetic of numbers, cells and ranges of one sheet (=SUM(C5:C12),
// =C5+C6-2). Other functions, whole columns or rows, and references to
// other sheets or files are left uncomputed, never guessed.
var trustedFormula = regexp.MustCompile(`^(?:SUM\(|[A-Z]{1,3}\$?[0-9]{1,7}|\$|[0-9.]+|[-+*/(),: ])*$`)

// formulaTrusted reports whether f is a formula computed here.
func formulaTrusted(f string) bool {
	f = strings.ToUpper(strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(f), "="), " ", ""))
	return f != "" && trustedFormula.MatchString(f) && !wholeRange.MatchString(f)
}

// wholeRange finds a range of whole columns or rows (A:A, 1:1), or one
// reaching past row 100000.
var wholeRange = regexp.MustCompile(`(?:^|[^A-Z$0-9])\$?[A-Z]{1,3}:\$?[A-Z]{1,3}(?:[^0-9]|$)|(?:^|[^A-Z$0-9])\$?[0-9]+:\$?[0-9]+|[A-Z]\$?[0-9]{6,7}`)

// formulaRef finds the cells and ranges a formula refers to: C5, $C$5,
// C5:C12.
var formulaRef = regexp.MustCompile(`\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?`)

// maxRangeCells bounds the cells of one range followed for cycles; a
// larger range is not followed, and its formula is left uncomputed.
const maxRangeCells = 100000

// inCycles marks the formulas (keyed by 0-based row and column) that
// depend, directly or not, on themselves: a circular reference has no
// value, whatever a calculator makes of it. A formula whose references
// cannot be followed is marked too.
func inCycles(formulas map[[2]int]string) map[[2]int]bool {
	deps := map[[2]int][][2]int{}
	bad := map[[2]int]bool{}
	for at, f := range formulas {
		for _, m := range formulaRef.FindAllStringSubmatch(strings.ToUpper(f), -1) {
			c1, err1 := excelize.ColumnNameToNumber(m[1])
			r1, err2 := strconv.Atoi(m[2])
			if err1 != nil || err2 != nil {
				bad[at] = true
				continue
			}
			c2, r2 := c1, r1
			if m[3] != "" {
				c2, err1 = excelize.ColumnNameToNumber(m[3])
				r2, err2 = strconv.Atoi(m[4])
				if err1 != nil || err2 != nil {
					bad[at] = true
					continue
				}
			}
			if r2 < r1 {
				r1, r2 = r2, r1
			}
			if c2 < c1 {
				c1, c2 = c2, c1
			}
			if (r2-r1+1)*(c2-c1+1) > maxRangeCells {
				bad[at] = true
				continue
			}
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					if _, ok := formulas[[2]int{r - 1, c - 1}]; ok {
						deps[at] = append(deps[at], [2]int{r - 1, c - 1})
					}
				}
			}
		}
	}
	// A formula is circular when following its references leads back to a
	// formula on the current path; one that reaches a circular or bad one
	// is marked as well.
	const (
		unseen = iota
		onPath
		done
	)
	state := map[[2]int]int{}
	var visit func(at [2]int) bool
	visit = func(at [2]int) bool {
		switch state[at] {
		case onPath:
			return true
		case done:
			return bad[at]
		}
		state[at] = onPath
		for _, d := range deps[at] {
			if visit(d) {
				bad[at] = true
			}
		}
		state[at] = done
		return bad[at]
	}
	for at := range formulas {
		visit(at)
	}
	return bad
}
