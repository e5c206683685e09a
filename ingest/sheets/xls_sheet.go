package sheets

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
)

// xlsCell is a cell as found in a record, before the grid is built.
type xlsCell struct {
	row, col int
	cell     Cell
}

// mergeRange is a merged range, 0-based and inclusive.
type mergeRange struct{ r1, r2, c1, c2 int }

// sheetReader collects the cells of one worksheet's records.
type sheetReader struct {
	name     string
	sst      []string
	xf       []int // indent of each XF, nil when none is indented
	lay      layout
	rows     int // limits
	cells    int
	found    []xlsCell
	merges   []mergeRange
	pending  int // index in found of a formula whose text is in a STRING record, or -1
	tooLarge bool
}

// readSheet reads the worksheet whose records start at bs.offset, up to its
// EOF record, skipping the substreams of charts embedded in it. It counts
// the bytes it walks against budget.
func (x XLSReader) readSheet(stream []byte, bs boundSheet, index int, g *xlsGlobals, budget *int) (*Sheet, error) {
	rows, cells := x.sheetLimits()
	sr := &sheetReader{name: bs.name, sst: g.sst, xf: g.xf, rows: rows, cells: cells, pending: -1}
	s := &biffStream{data: stream, pos: bs.offset}
	if typ, _, ok := s.next(); !ok || typ != biffBOF {
		return nil, fmt.Errorf("%w（工作表「%s」的数据位置无效）", ErrDamaged, bs.name)
	}
	for depth, n := 0, 1; ; n++ {
		if n%4096 == 0 && stopped(x.Limits.Stop) {
			return nil, ErrStopped
		}
		start := s.pos
		typ, body, ok := s.next()
		if *budget -= s.pos - start; !ok || *budget < 0 {
			return nil, fmt.Errorf("%w（工作表「%s」的数据不完整或相互重叠）", ErrDamaged, bs.name)
		}
		switch {
		case typ == biffBOF:
			depth++
		case typ == biffEOF && depth == 0:
			return sr.sheet(index, bs.hidden)
		case typ == biffEOF:
			depth--
		case depth == 0:
			sr.record(typ, body, s)
		}
		if sr.tooLarge {
			return nil, sr.errTooLarge()
		}
	}
}

func (sr *sheetReader) errTooLarge() error {
	return fmt.Errorf("%w：工作表「%s」超过%d行或%d个单元格", ErrTooLarge, sr.name, sr.rows, sr.cells)
}

// record takes the cells of one record of the worksheet.
func (sr *sheetReader) record(typ uint16, body []byte, s *biffStream) {
	if typ == biffString {
		sr.formulaString(s.continued(body))
		return
	}
	if typ != biffShrFmla && typ != biffArray && typ != biffTable && typ != biffContinue {
		sr.pending = -1 // the STRING record must follow its FORMULA record
	}
	switch typ {
	case biffMergedCells:
		sr.mergedCells(body)
		return
	case biffRow:
		sr.rowInfo(body)
		return
	case biffColInfo:
		sr.colInfo(body)
		return
	}
	if len(body) < 6 {
		return
	}
	row, col, style := int(le16(body)), int(le16(body[2:])), sr.style(body[4:])
	indent, date := style&^dateFormat, style&dateFormat != 0
	switch typ {
	case biffLabelSST:
		if len(body) >= 10 {
			if i := int(binary.LittleEndian.Uint32(body[6:])); i < len(sr.sst) {
				sr.add(row, col, Cell{Text: sr.sst[i], Indent: indent})
			}
		}
	case biffLabel, biffRString:
		if text, ok := newBytesReader(body[6:]).str(2); ok {
			sr.add(row, col, Cell{Text: text, Indent: indent})
		}
	case biffNumber:
		if len(body) >= 14 {
			sr.add(row, col, Cell{Text: numberText(math.Float64frombits(binary.LittleEndian.Uint64(body[6:]))), Indent: indent, Date: date})
		}
	case biffRK:
		if len(body) >= 10 {
			sr.add(row, col, Cell{Text: numberText(rkValue(binary.LittleEndian.Uint32(body[6:]))), Indent: indent, Date: date})
		}
	case biffMulRK:
		for i, p := 0, 4; p+6 <= len(body)-2; i, p = i+1, p+6 {
			s := sr.style(body[p:])
			sr.add(row, col+i, Cell{Text: numberText(rkValue(binary.LittleEndian.Uint32(body[p+2:]))), Indent: s &^ dateFormat, Date: s&dateFormat != 0})
		}
	case biffBoolErr:
		if len(body) >= 8 {
			sr.add(row, col, Cell{Text: boolErrText(body[6], body[7] != 0), Indent: indent})
		}
	case biffFormula:
		sr.formula(row, col, body, indent, date)
	}
}

// style is the XF whose index starts b: its indent, with dateFormat set
// when its number format shows a date or a time.
func (sr *sheetReader) style(b []byte) int {
	if sr.xf == nil || len(b) < 2 {
		return 0
	}
	if i := int(le16(b)); i < len(sr.xf) {
		return sr.xf[i]
	}
	return 0
}

// rowInfo reads a ROW record ([MS-XLS] 2.4.221): the row, and in the flags
// at offset 12, fDyZero (0x20), set when the row is hidden. Rows past the
// limit are not kept.
func (sr *sheetReader) rowInfo(body []byte) {
	if len(body) >= 14 && le16(body[12:])&0x20 != 0 {
		if row := int(le16(body)); row < sr.rows {
			sr.lay.hideRow(row + 1)
		}
	}
}

// colInfo reads a COLINFO record ([MS-XLS] 2.4.53): the first and last
// column it describes, and in the flags at offset 8, fHidden (bit 0).
func (sr *sheetReader) colInfo(body []byte) {
	if len(body) >= 10 && le16(body[8:])&0x01 != 0 {
		sr.lay.hideCols(int(le16(body))+1, int(le16(body[2:]))+1)
	}
}

func le16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }

// add records a cell, unless it is empty, and enforces the limits. As with
// .xlsx, a value beyond MaxColumns makes the sheet too large.
func (sr *sheetReader) add(row, col int, c Cell) {
	if c.Text == "" && c.Formula == "" {
		return
	}
	if row >= sr.rows || col >= MaxColumns || len(sr.found) >= sr.cells {
		sr.tooLarge = true
		return
	}
	sr.found = append(sr.found, xlsCell{row, col, c})
}

// formula reads a FORMULA record's cached result ([MS-XLS] 2.5.133
// FormulaValue): a number, or when its last two bytes are 0xFFFF, a string
// (in the STRING record that follows), a boolean, an error or an empty
// string, by its first byte. A formula whose result is empty is kept as its
// formula with no Text, as the .xlsx reader keeps it.
func (sr *sheetReader) formula(row, col int, body []byte, indent int, date bool) {
	if len(body) < 20 {
		return
	}
	v := body[6:14]
	if le16(v[6:]) != 0xFFFF {
		sr.add(row, col, Cell{Text: numberText(math.Float64frombits(binary.LittleEndian.Uint64(v))), Indent: indent, Date: date})
		return
	}
	switch v[0] {
	case 0, 3: // a string, in the STRING record that follows, or empty
		// A formula without a value keeps its text, as in .xlsx: so do those
		// of programs that write no results, which mark them as empty.
		n := len(sr.found)
		sr.add(row, col, Cell{Formula: formulaText(body[20:]), Indent: indent})
		if len(sr.found) > n && v[0] == 0 {
			sr.pending = n
		}
	case 1:
		sr.add(row, col, Cell{Text: boolErrText(v[2], false), Indent: indent})
	case 2:
		sr.add(row, col, Cell{Text: boolErrText(v[2], true), Indent: indent})
	}
}

// formulaString takes the string result of the formula before it.
func (sr *sheetReader) formulaString(segs [][]byte) {
	if sr.pending < 0 {
		return
	}
	if text, ok := newBytesReader(segs...).str(2); ok && text != "" {
		c := &sr.found[sr.pending].cell
		*c = Cell{Text: text, Indent: c.Indent}
	}
	sr.pending = -1
}

// mergedCells reads a MERGEDCELLS record: a count, then Ref8 ranges.
func (sr *sheetReader) mergedCells(body []byte) {
	if len(body) < 2 {
		return
	}
	n := min(int(le16(body)), (len(body)-2)/8)
	for i := 0; i < n; i++ {
		p := body[2+8*i:]
		sr.merges = append(sr.merges, mergeRange{int(le16(p)), int(le16(p[2:])), int(le16(p[4:])), int(le16(p[6:]))})
	}
}

// rkValue decodes an RK number ([MS-XLS] 2.5.217): bit 1 says whether the
// upper 30 bits are a signed integer or the upper 30 bits of an IEEE double;
// bit 0 says the value was multiplied by 100.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&0x02 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&0xFFFFFFFC) << 32)
	}
	if rk&0x01 != 0 {
		v /= 100
	}
	return v
}

// numberText writes a number as it was stored: 12, 12.5, -3, 0.1.
func numberText(f float64) string {
	if f == 0 {
		return "0" // also -0
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// boolErrText writes a BOOLERR value: TRUE or FALSE, or the error's text,
// which the value parser reports as not a number.
func boolErrText(b byte, isErr bool) string {
	if !isErr {
		if b != 0 {
			return "TRUE"
		}
		return "FALSE"
	}
	switch b {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2A:
		return "#N/A"
	case 0x2B:
		return "#GETTING_DATA"
	}
	return "#ERROR!"
}
