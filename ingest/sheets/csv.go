package sheets

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// CSVReader reads comma- or tab-separated text, in UTF-8 (with or without a
// byte-order mark) or in GB18030/GBK as Excel on a Chinese Windows saves it.
// The whole file is one sheet.
type CSVReader struct {
	Limits Limits
	Sheet  string // the name the sheet is shown under
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Read parses data as CSV, as Excel and Python's csv module read it: a
// quoted field may hold delimiters, line breaks and doubled quotes; a quote
// inside an unquoted field is a character; text after a field's closing
// quote belongs to the field ("美丽南宁"乡村建设). A quote left open to the
// end of the file is an error naming the line where it opened: never a
// silent cut. Lines with more fields than the file's lines have (an
// unquoted 1,234) are marked for the table's reader (Sheet.Ragged).
func (x CSVReader) Read(data []byte) (*Workbook, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	recs, err := parseCSV(string(text), sniffDelimiter(text))
	if err != nil {
		return nil, err
	}
	s := &Sheet{Name: x.Sheet, Index: 1, Ragged: ragged(recs)}
	cells := 0
	for _, rec := range recs {
		if stopped(x.Limits.Stop) {
			return nil, ErrStopped
		}
		if rec, err = trimWide(rec, x.Sheet); err != nil {
			return nil, err
		}
		cells += len(rec)
		if len(s.Rows) >= x.Limits.Rows || cells > x.Limits.Cells {
			return nil, fmt.Errorf("%w：超过%d行或%d个单元格", ErrTooLarge, x.Limits.Rows, x.Limits.Cells)
		}
		row := make([]Cell, len(rec))
		for j, v := range rec {
			row[j] = Cell{Text: v}
		}
		s.Rows = append(s.Rows, row)
	}
	return &Workbook{Sheets: []*Sheet{s}}, nil
}

// parseCSV splits text into records.
func parseCSV(text string, comma rune) ([][]string, error) {
	var recs [][]string
	var rec []string
	var field strings.Builder
	line := 1
	quoted, open, openLine := false, false, 0 // in a quoted field; the quote not yet closed
	atStart := true                           // at the start of a field
	endField := func() {
		rec = append(rec, field.String())
		field.Reset()
		quoted, atStart = false, true
	}
	endRecord := func() {
		endField()
		recs = append(recs, rec)
		rec = nil
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case open:
			switch {
			case r == '"' && strings.HasPrefix(text[i+size:], `"`):
				field.WriteByte('"')
				size++
			case r == '"':
				open = false // the field goes on unquoted until a delimiter
			default:
				if r == '\n' {
					line++
				}
				field.WriteRune(r)
			}
		case atStart && r == '"':
			open, quoted, openLine, atStart = true, true, line, false
		case r == comma:
			endField()
		case r == '\r' && strings.HasPrefix(text[i+size:], "\n"):
		case r == '\n' || r == '\r':
			line++
			endRecord()
		default:
			field.WriteRune(r)
			atStart = false
		}
		i += size
	}
	if open {
		return nil, fmt.Errorf("%w：第%d行的引号没有配对，这一行以后的内容无法确定", ErrDamaged, openLine)
	}
	if field.Len() > 0 || len(rec) > 0 || quoted {
		endRecord()
	}
	return recs, nil
}

// ragged lists the records with more filled fields than the file's lines
// commonly have: where a number typed with an unquoted thousands separator
// (1,234) pushed the fields after it one column to the right. Whether that
// matters is for the reader of the table to say.
func ragged(recs [][]string) map[int]bool {
	counts := map[int]int{}
	for _, rec := range recs {
		counts[len(rec)]++
	}
	common, most := 0, 0
	for n, c := range counts {
		if c > most || (c == most && n > common) {
			common, most = n, c
		}
	}
	var out map[int]bool
	for i, rec := range recs {
		if len(rec) <= common {
			continue
		}
		for _, extra := range rec[common:] {
			if strings.TrimSpace(extra) != "" {
				if out == nil {
					out = map[int]bool{}
				}
				out[i] = true
				break
			}
		}
	}
	return out
}

// decodeText returns data as UTF-8: without its byte-order mark when it has
// one, as is when it is valid UTF-8, else decoded from GB18030 (a superset
// of GBK and GB2312).
func decodeText(data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, utf8BOM) {
		return data[len(utf8BOM):], nil
	}
	if utf8.Valid(data) {
		return data, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("%w：文字编码无法识别（不是 UTF-8 或 GBK）", ErrDamaged)
	}
	return out, nil
}

// sniffDelimiter picks tab when the first lines hold more tabs than commas.
func sniffDelimiter(text []byte) rune {
	head := text
	for i, n := 0, 0; i < len(text); i++ {
		if text[i] == '\n' {
			if n++; n == 10 {
				head = text[:i]
				break
			}
		}
	}
	if bytes.Count(head, []byte("\t")) > bytes.Count(head, []byte(",")) {
		return '\t'
	}
	return ','
}
