package sheets

import "encoding/binary"

// boundSheet is a BOUNDSHEET8 record: where a sheet's records start in the
// stream, its name, and whether it is hidden.
type boundSheet struct {
	name      string
	offset    int
	hidden    bool
	worksheet bool // not a chart, macro sheet or VBA module
}

// xlsGlobals is what the reader needs of the workbook globals.
type xlsGlobals struct {
	sheets []boundSheet
	sst    []string // the shared strings LABELSST cells point into
	xf     []int    // the indent of each XF record, by index, with dateFormat set for a date format; nil when none has either
}

// readGlobals reads the records after the opening BOF up to the globals'
// EOF. In BIFF8 all text is Unicode, so CODEPAGE does not matter: strings
// stored one byte per character are Latin-1.
func readGlobals(stream []byte) *xlsGlobals {
	s := &biffStream{data: stream}
	s.next() // BOF, checked by scanGlobals
	g := &xlsGlobals{}
	var formats []int           // the number format of each XF
	dateCodes := map[int]bool{} // custom number formats that show a date or a time
	for {
		typ, body, ok := s.next()
		if !ok || typ == biffEOF {
			g.markDates(formats, dateCodes)
			return g
		}
		switch typ {
		case biffFormat:
			if len(body) > 2 {
				if code, ok := newBytesReader(body[2:]).str(2); ok && dateCode(code) {
					dateCodes[int(le16(body))] = true
				}
			}
		case biffXF:
			g.xf = append(g.xf, xfIndent(body))
			formats = append(formats, xfFormat(body))
		case biffBoundSheet:
			if bs, ok := parseBoundSheet(body); ok {
				g.sheets = append(g.sheets, bs)
			}
		case biffSST:
			g.sst = readSST(s.continued(body))
		}
	}
}

// parseBoundSheet reads a BOUNDSHEET8 record: lbPlyPos, hsState, dt, and
// the name as a ShortXLUnicodeString.
func parseBoundSheet(body []byte) (boundSheet, bool) {
	if len(body) < 8 {
		return boundSheet{}, false
	}
	name, ok := newBytesReader(body[6:]).str(1)
	if !ok {
		return boundSheet{}, false
	}
	return boundSheet{
		name:      name,
		offset:    int(binary.LittleEndian.Uint32(body)),
		hidden:    body[4]&0x03 != 0,
		worksheet: body[5] == 0,
	}, true
}

// xfIndent reads the indent level of an XF record ([MS-XLS] 2.4.353): the
// low four bits (cIndent) of the byte after the alignment and rotation.
func xfIndent(body []byte) int {
	if len(body) < 9 {
		return 0
	}
	return int(body[8] & 0x0F)
}

// readSST reads the shared string table: two counts, then the strings, which
// may be split across the CONTINUE records that follow the SST record. The
// counts are not trusted: the strings are read while the data lasts.
func readSST(segs [][]byte) []string {
	r := newBytesReader(segs...)
	if _, ok := r.take(8); !ok {
		return nil
	}
	var out []string
	for r.left > 0 {
		s, ok := r.str(2)
		if !ok {
			break
		}
		out = append(out, s)
	}
	return out
}

// xfFormat reads the number format (ifmt) of an XF record.
func xfFormat(body []byte) int {
	if len(body) < 4 {
		return 0
	}
	return int(le16(body[2:]))
}

// markDates sets dateFormat on the XFs whose number format, built in or
// custom, shows a date or a time, and drops the XFs when none is indented
// or a date.
func (g *xlsGlobals) markDates(formats []int, dateCodes map[int]bool) {
	used := false
	for i, f := range formats {
		if builtinDate(f) || dateCodes[f] {
			g.xf[i] |= dateFormat
		}
		used = used || g.xf[i] != 0
	}
	if !used {
		g.xf = nil
	}
}
