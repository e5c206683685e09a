package sheets

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestRKValue(t *testing.T) {
	integer := func(n int32, x100 bool) uint32 {
		rk := uint32(n)<<2 | 0x02
		if x100 {
			rk |= 0x01
		}
		return rk
	}
	ieee := func(f float64, x100 bool) uint32 {
		rk := uint32(math.Float64bits(f) >> 32)
		if x100 {
			rk |= 0x01
		}
		return rk
	}
	cases := []struct {
		rk   uint32
		want string
	}{
		{integer(-3, false), "-3"},
		{integer(12, false), "12"},
		{integer(0, false), "0"},
		{integer(1234567, false), "1234567"},
		{integer(536870911, false), "536870911"}, // the largest RK integer
		{integer(-536870912, false), "-536870912"},
		{integer(1250, true), "12.5"},
		{integer(1, true), "0.01"},
		{integer(-1, true), "-0.01"},
		{integer(123456789, true), "1234567.89"},
		{ieee(12.5, false), "12.5"},
		{ieee(-3, false), "-3"},
		{ieee(1099511627776, false), "1099511627776"},
		{ieee(4294967296, false), "4294967296"},
		{ieee(0.5, false), "0.5"},
		{ieee(-0.0, false), "0"},
		{ieee(1250, true), "12.5"},
	}
	for _, c := range cases {
		if got := numberText(rkValue(c.rk)); got != c.want {
			t.Errorf("RK %#08x = %s, want %s", c.rk, got, c.want)
		}
	}
}

func TestNumberText(t *testing.T) {
	cases := map[float64]string{12: "12", 12.5: "12.5", -3: "-3", 0.1: "0.1", 70012: "70012", 1234567: "1234567",
		9007199254740993: "9007199254740992", 1e20: "100000000000000000000", 0.000001: "0.000001"}
	for f, want := range cases {
		if got := numberText(f); got != want {
			t.Errorf("%v = %s, want %s", f, got, want)
		}
	}
}

// xlsStream builds a BIFF8 workbook stream: globals with the given records
// (BOUNDSHEET offsets are patched to point at the sheets), then one
// worksheet per element of sheets.
func xlsStream(globals [][]byte, sheets ...[][]byte) []byte {
	bof := func(dt uint16) []byte { return biffRecord(biffBOF, 0x00, 0x06, byte(dt), byte(dt>>8)) }
	var subs [][]byte
	for _, recs := range sheets {
		subs = append(subs, bytes.Join(append(append([][]byte{bof(0x10)}, recs...), biffRecord(biffEOF)), nil))
	}
	var names [][]byte
	for i := range sheets {
		names = append(names, biffRecord(biffBoundSheet, append([]byte{0, 0, 0, 0, 0, 0, 2, 0}, 'S', byte('1'+i))...))
	}
	head := bytes.Join(append(append([][]byte{bof(0x05)}, globals...), append(names, biffRecord(biffEOF))...), nil)
	pos := len(head)
	for i, sub := range subs {
		at := bytes.Index(head, names[i]) + 4
		binary.LittleEndian.PutUint32(head[at:], uint32(pos))
		pos += len(sub)
	}
	return bytes.Join(append([][]byte{head}, subs...), nil)
}

// cellRec encodes a cell record: row, column, XF index 0, then rest.
func cellRec(typ uint16, row, col int, rest ...byte) []byte {
	return biffRecord(typ, append([]byte{byte(row), byte(row >> 8), byte(col), byte(col >> 8), 0, 0}, rest...)...)
}

func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
func le64(f float64) []byte {
	return binary.LittleEndian.AppendUint64(nil, math.Float64bits(f))
}

// compressed and wide encode the characters of an XLUnicodeString.
func compressed(s string) []byte { return append([]byte{0}, s...) }
func wide(s string) []byte       { return append([]byte{1}, utf16le(s)...) }

func TestXLSRecords(t *testing.T) {
	// SST: "abc"; "统计表" split over a CONTINUE that starts with the flags
	// again; "ok" with a formatting run and 4 bytes of phonetic data, split
	// over an empty CONTINUE and the next; "xyz", wide then compressed.
	sst := bytes.Join([][]byte{le32(4), le32(4),
		{3, 0}, compressed("abc"),
		{3, 0}, wide("统")}, nil)
	cont1 := bytes.Join([][]byte{wide("计表"),
		{2, 0, 0x0C, 1, 0}, le32(4), []byte("ok"), {0, 0}}, nil)
	cont2 := bytes.Join([][]byte{{1, 0, 0, 0, 0, 0}, {3, 0, 1}, utf16le("x")}, nil)
	cont3 := bytes.Join([][]byte{compressed("yz")}, nil)
	globals := [][]byte{biffRecord(biffSST, sst...), biffRecord(biffContinue, cont1...), biffRecord(biffContinue), biffRecord(biffContinue, cont2...), biffRecord(biffContinue, cont3...)}
	formula := func(row, col int, value []byte) []byte {
		// =SUM(A1:B1): an area and the SUM form of PtgAttr.
		return cellRec(biffFormula, row, col, append(append(value, 0, 0, 0, 0, 0, 0), 13, 0, 0x25, 0, 0, 0, 0, 0, 0xC0, 1, 0xC0, 0x19, 0x10, 0, 0)...)
	}
	sheet := [][]byte{
		cellRec(biffLabelSST, 0, 0, le32(0)...),
		cellRec(biffLabelSST, 0, 1, le32(1)...),
		cellRec(biffLabelSST, 0, 2, le32(2)...),
		cellRec(biffLabelSST, 0, 3, le32(3)...),
		cellRec(biffLabelSST, 0, 4, le32(99)...), // no such string
		cellRec(biffNumber, 1, 0, le64(12.5)...),
		cellRec(biffRK, 1, 1, le32(0xFFFFFFF4|2)...), // the integer -3
		// 1250 as an integer ×100, then 1.0 as an IEEE double's upper bits.
		cellRec(biffMulRK, 1, 2, append(le32(1250<<2|3), 0, 0, 0x00, 0x00, 0xF0, 0x3F, 3, 0)...),
		cellRec(biffBoolErr, 2, 0, 1, 0),
		cellRec(biffBoolErr, 2, 1, 0x17, 1),
		cellRec(biffLabel, 2, 2, append([]byte{2, 0}, wide("合计")...)...),
		formula(3, 0, le64(70012)),
		formula(3, 1, []byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}), // string result, in STRING
		biffRecord(biffShrFmla, 1, 2, 3),
		biffRecord(biffString, append([]byte{3, 0}, compressed("yes")...)...),
		formula(3, 2, []byte{3, 0, 0, 0, 0, 0, 0xFF, 0xFF}), // empty: kept as formula
		formula(3, 3, []byte{2, 0, 7, 0, 0, 0, 0xFF, 0xFF}),
		formula(3, 4, []byte{1, 0, 1, 0, 0, 0, 0xFF, 0xFF}),
		// An embedded chart's records are not the sheet's.
		biffRecord(biffBOF, 0, 6, 0x20, 0), cellRec(biffNumber, 9, 9, le64(1)...), biffRecord(biffEOF),
		biffRecord(biffMergedCells, append([]byte{1, 0}, 5, 0, 6, 0, 0, 0, 1, 0)...),
		cellRec(biffLabelSST, 5, 0, le32(0)...),
	}
	wb, err := XLSReader{}.readBIFF8(xlsStream(globals, sheet))
	if err != nil {
		t.Fatal(err)
	}
	s := wb.Sheets[0]
	want := map[[2]int]string{
		{0, 0}: "abc", {0, 1}: "统计表", {0, 2}: "ok", {0, 3}: "xyz", {0, 4}: "",
		{1, 0}: "12.5", {1, 1}: "-3", {1, 2}: "12.5", {1, 3}: "1",
		{2, 0}: "TRUE", {2, 1}: "#REF!", {2, 2}: "合计",
		{3, 0}: "70012", {3, 1}: "yes", {3, 2}: "=SUM(A1:B1)", {3, 3}: "#DIV/0!", {3, 4}: "TRUE",
		{5, 0}: "abc", {5, 1}: "abc*", {6, 0}: "abc*", {6, 1}: "abc*", {9, 9}: "",
	}
	for at, w := range want {
		if got := cellText(s, at[0], at[1]); got != w {
			t.Errorf("%s = %q, want %q", Ref(at[0], at[1]), got, w)
		}
	}
	if len(s.Rows) != 7 {
		t.Errorf("%d rows", len(s.Rows))
	}
}

func TestXLSLimits(t *testing.T) {
	number := func(row, col int) []byte { return cellRec(biffNumber, row, col, le64(1)...) }
	many := func(n int) [][]byte {
		var recs [][]byte
		for i := 0; i < n; i++ {
			recs = append(recs, number(i, 0))
		}
		return recs
	}
	// Point every sheet at the first one's records.
	overlapping := xlsStream(nil, many(3), nil, nil, nil)
	first := -1
	setOffsets(overlapping, func(i, off int) int {
		if first < 0 {
			first = off
		}
		return first
	})
	lost := xlsStream(nil, many(1))
	setOffsets(lost, func(i, off int) int { return 0xFFFF })
	cases := []struct {
		name   string
		stream []byte
		want   error
	}{
		{"rows", xlsStream(nil, many(11)), ErrTooLarge},
		{"cells", xlsStream(nil, [][]byte{number(0, 0), number(0, 1), number(0, 2), number(1, 0), number(1, 1), number(1, 2), number(2, 48)}), ErrTooLarge},
		{"wide", xlsStream(nil, [][]byte{number(0, MaxColumns)}), ErrTooLarge},
		{"overlapping sheets", overlapping, ErrDamaged},
		{"no BOF at the sheet", lost, ErrDamaged},
		{"within the limits", xlsStream(nil, many(10), many(10)), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := XLSReader{Limits: Limits{Rows: 10, Cells: 50}}.readBIFF8(c.stream)
			if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

// setOffsets changes the stream offsets of the BOUNDSHEET records of a
// stream made by xlsStream.
func setOffsets(stream []byte, to func(i, off int) int) {
	s := &biffStream{data: stream}
	for i := 0; ; {
		typ, body, ok := s.next()
		if !ok || typ == biffEOF {
			return
		}
		if typ == biffBoundSheet {
			binary.LittleEndian.PutUint32(body, uint32(to(i, int(binary.LittleEndian.Uint32(body)))))
			i++
		}
	}
}

func TestFormulaText(t *testing.T) {
	rgce := func(tokens ...byte) []byte { return append([]byte{byte(len(tokens)), 0}, tokens...) }
	cases := []struct {
		rgce []byte
		want string
	}{
		{rgce(0x25, 3, 0, 4, 0, 1, 0xC0, 1, 0xC0, 0x19, 0x10, 0, 0), "SUM(B4:B5)"},
		{rgce(0x44, 3, 0, 1, 0xC0, 0x44, 4, 0, 1, 0xC0, 0x03), "B4+B5"},
		{rgce(0x24, 3, 0, 1, 0, 0x1E, 2, 0, 0x05, 0x15), "($B$4*2)"},
		{rgce(0x1E, 1, 0, 0x1E, 0, 0, 0x06), "1/0"},
		{rgce(0x42, 2, 4, 0, 0x1E, 1, 0, 0x1E, 2, 0), unknownFormula}, // SUM of 2 with 3 on the stack
		{rgce(0x01, 0, 0, 0, 0), unknownFormula},                      // shared formula
		{rgce(0x03), unknownFormula},
		{[]byte{200, 0, 0x1E}, unknownFormula},
		{nil, unknownFormula},
	}
	for _, c := range cases {
		if got := formulaText(c.rgce); got != c.want {
			t.Errorf("% x = %q, want %q", c.rgce, got, c.want)
		}
	}
}

// FuzzXLS feeds arbitrary bytes to the .xls reader, seeded with the
// fixtures: it must not panic (the reader's own recover is bypassed by
// reading the stream directly) and must stay within its limits.
func FuzzXLS(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "xls", "*.xls"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		if stream, err := workbookStream(data); err == nil && !strings.Contains(p, "encrypted") {
			f.Add(stream)
		}
	}
	x := XLSReader{Limits: Limits{Rows: 1000, Cells: 5000}}
	f.Fuzz(func(t *testing.T, data []byte) {
		// As a whole file, through the OLE container.
		if wb, err := x.Read(data); err == nil {
			checkXLSLimits(t, wb, x.Limits)
		}
		// As a workbook stream, without the container's panics in the way.
		if len(data) >= 4 && binary.LittleEndian.Uint16(data) == biffBOF {
			if wb, err := x.readBIFF8(data); err == nil {
				checkXLSLimits(t, wb, x.Limits)
			}
		}
	})
}

func checkXLSLimits(t *testing.T, wb *Workbook, l Limits) {
	for _, s := range wb.Sheets {
		cells := 0
		for _, r := range s.Rows {
			cells += len(r)
			if len(r) > MaxColumns {
				t.Fatalf("sheet %q: %d columns", s.Name, len(r))
			}
		}
		if len(s.Rows) > l.Rows || cells > l.Cells {
			t.Fatalf("sheet %q: %d rows, %d cells", s.Name, len(s.Rows), cells)
		}
	}
}

// xfRec is a BIFF8 XF record with the given indent level.
func xfRec(indent byte) []byte {
	body := make([]byte, 20)
	body[6] = 0x01 // left-aligned
	body[8] = indent
	return biffRecord(biffXF, body...)
}

// rowRec is a ROW record for a 0-based row with the given option flags.
func rowRec(row int, flags uint16) []byte {
	body := make([]byte, 16)
	binary.LittleEndian.PutUint16(body, uint16(row))
	binary.LittleEndian.PutUint16(body[12:], flags|0x0100)
	return biffRecord(biffRow, body...)
}

// colInfoRec is a COLINFO record for 0-based columns first to last.
func colInfoRec(first, last int, flags uint16) []byte {
	body := make([]byte, 12)
	binary.LittleEndian.PutUint16(body, uint16(first))
	binary.LittleEndian.PutUint16(body[2:], uint16(last))
	binary.LittleEndian.PutUint16(body[4:], 0x0900)
	binary.LittleEndian.PutUint16(body[8:], flags)
	return biffRecord(biffColInfo, body...)
}

// withXF sets the XF index of a record made by cellRec.
func withXF(rec []byte, xf int) []byte {
	binary.LittleEndian.PutUint16(rec[4+4:], uint16(xf))
	return rec
}

func TestXLSLayout(t *testing.T) {
	number := func(row, col, xf int) []byte { return withXF(cellRec(biffNumber, row, col, le64(1)...), xf) }
	// XF 0 plain, 1 indented twice, 2 plain, 3 indented 15 with other bits
	// set around it; a short XF record counts with no indent.
	xfs := [][]byte{xfRec(0), xfRec(2), xfRec(0), xfRec(0xFF), biffRecord(biffXF, 1, 2, 3)}
	cases := []struct {
		name    string
		globals [][]byte
		sheet   [][]byte
		rows    map[int]bool
		cols    map[int]bool
		indents map[string]int
		texts   map[string]string // some cells' text
	}{
		{name: "nothing hidden or indented", globals: [][]byte{xfRec(0), xfRec(0)},
			sheet: [][]byte{rowRec(0, 0), colInfoRec(0, 3, 0), number(0, 0, 1), number(1, 3, 0)}},
		{name: "hidden rows", globals: xfs,
			sheet: [][]byte{rowRec(0, 0), rowRec(1, 0x20), rowRec(2, 0x10), rowRec(3, 0x20|0x07), rowRec(60, 0x20),
				number(0, 0, 0), number(5, 0, 0)},
			rows: map[int]bool{1: true, 3: true}},
		{name: "hidden columns", globals: xfs,
			sheet: [][]byte{colInfoRec(1, 2, 1), colInfoRec(3, 3, 2), colInfoRec(5, 255, 1|0x0100), number(0, 6, 0)},
			cols:  map[int]bool{1: true, 2: true, 5: true, 6: true}},
		{name: "indents", globals: xfs,
			sheet: [][]byte{
				number(0, 0, 1), number(0, 1, 3), number(0, 2, 4), number(0, 3, 9),
				// Two RK cells of 1.0, with XF 1 and 3, and the last column.
				withXF(cellRec(biffMulRK, 1, 0, 0, 0, 0xF0, 0x3F, 3, 0, 0, 0, 0xF0, 0x3F, 1, 0), 1),
				withXF(cellRec(biffFormula, 2, 0, append([]byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}, 0, 0, 0, 0, 0, 0, 3, 0, 0x1E, 1, 0)...), 3),
				biffRecord(biffString, append([]byte{2, 0}, compressed("ok")...)...),
			},
			indents: map[string]int{"A1": 2, "B1": 15, "A2": 2, "B2": 15, "A3": 15},
			texts:   map[string]string{"A2": "1", "B2": "1", "A3": "ok"}},
		{name: "short records", globals: xfs,
			sheet: [][]byte{biffRecord(biffRow, 1, 0), biffRecord(biffColInfo, 0, 0, 1, 0), number(0, 0, 0)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wb, err := XLSReader{Limits: Limits{Rows: 50, Cells: 500}}.readBIFF8(xlsStream(c.globals, c.sheet))
			if err != nil {
				t.Fatal(err)
			}
			s := wb.Sheets[0]
			if !reflect.DeepEqual(s.HiddenRows, c.rows) || !reflect.DeepEqual(s.HiddenCols, c.cols) {
				t.Errorf("hidden rows %v, columns %v; want %v, %v", s.HiddenRows, s.HiddenCols, c.rows, c.cols)
			}
			if got := indents(s); !reflect.DeepEqual(got, c.indents) {
				t.Errorf("indents %v, want %v", got, c.indents)
			}
			for ref, want := range c.texts {
				col, row, _ := excelize.CellNameToCoordinates(ref)
				if got := cellText(s, row-1, col-1); got != want {
					t.Errorf("%s = %q, want %q", ref, got, want)
				}
			}
		})
	}
}

// TestXLSDates marks the numbers whose cell format shows a date or a time,
// built in or custom (a FORMAT record), as .xlsx does: such a value is a
// day, never a count. Text in a date format and numbers in other formats
// are not marked.
func TestXLSDates(t *testing.T) {
	xf := func(format uint16) []byte {
		rec := xfRec(0)
		binary.LittleEndian.PutUint16(rec[4+2:], format)
		return rec
	}
	format := func(id uint16, code string) []byte {
		body := binary.LittleEndian.AppendUint16(nil, id)
		body = binary.LittleEndian.AppendUint16(body, uint16(len(code)))
		return biffRecord(biffFormat, append(body, compressed(code)...)...)
	}
	globals := [][]byte{format(164, `yyyy"-"m"-"d`), format(165, `0"人"`), xf(0), xf(14), xf(164), xf(165), xf(3)}
	number := func(row, col, x int) []byte { return withXF(cellRec(biffNumber, row, col, le64(43405)...), x) }
	sheet := [][]byte{
		number(0, 0, 0), number(0, 1, 1), number(0, 2, 2), number(0, 3, 3), number(0, 4, 4),
		withXF(cellRec(biffMulRK, 1, 0, 0, 0, 0xF0, 0x3F, 3, 0, 0, 0, 0xF0, 0x3F, 1, 0), 1),
		withXF(cellRec(biffFormula, 2, 0, append(le64(43405), 0, 0, 0, 0, 0, 0)...), 2),
		withXF(cellRec(biffLabel, 3, 0, append([]byte{2, 0}, compressed("ok")...)...), 1),
	}
	wb, err := XLSReader{Limits: Limits{Rows: 50, Cells: 500}}.readBIFF8(xlsStream(globals, sheet))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for r, row := range wb.Sheets[0].Rows {
		for c, cell := range row {
			if cell.Date {
				got = append(got, Ref(r, c))
			}
			if cell.Indent != 0 {
				t.Errorf("%s: indent %d", Ref(r, c), cell.Indent)
			}
		}
	}
	if want := []string{"B1", "C1", "A2", "A3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("dates at %v, want %v", got, want)
	}
}
