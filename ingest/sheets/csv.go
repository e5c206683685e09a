package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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

// Read parses data as CSV.
func (x CSVReader) Read(data []byte) (*Workbook, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.Comma = sniffDelimiter(text)
	s := &Sheet{Name: x.Sheet, Index: 1}
	cells := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w（%v）", ErrDamaged, err)
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
