package sheets

import (
	"encoding/binary"
	"unicode/utf16"
)

// More BIFF8 record types ([MS-XLS] 2.3).
const (
	biffContinue    = 0x003C
	biffBoundSheet  = 0x0085
	biffSST         = 0x00FC
	biffLabelSST    = 0x00FD
	biffLabel       = 0x0204
	biffRString     = 0x00D6
	biffRK          = 0x027E
	biffMulRK       = 0x00BD
	biffNumber      = 0x0203
	biffBoolErr     = 0x0205
	biffFormula     = 0x0006
	biffString      = 0x0207
	biffMergedCells = 0x00E5
	biffXF          = 0x00E0
	biffFormat      = 0x041E
	biffRow         = 0x0208
	biffColInfo     = 0x007D
	biffShrFmla     = 0x04BC
	biffArray       = 0x0221
	biffTable       = 0x0236
)

// biffStream walks the records of a workbook stream. A record that runs
// past the end of the stream ends it.
type biffStream struct {
	data []byte
	pos  int
}

// next returns the type and body of the next record; the body is a slice
// of the stream, not a copy.
func (s *biffStream) next() (typ uint16, body []byte, ok bool) {
	if s.pos < 0 || s.pos+4 > len(s.data) {
		return 0, nil, false
	}
	typ = binary.LittleEndian.Uint16(s.data[s.pos:])
	end := s.pos + 4 + int(binary.LittleEndian.Uint16(s.data[s.pos+2:]))
	if end > len(s.data) {
		s.pos = len(s.data)
		return 0, nil, false
	}
	body = s.data[s.pos+4 : end]
	s.pos = end
	return typ, body, true
}

// continued returns body followed by the bodies of the CONTINUE records
// after it, which carry the rest of a long record.
func (s *biffStream) continued(body []byte) [][]byte {
	segs := [][]byte{body}
	for {
		save := s.pos
		typ, more, ok := s.next()
		if !ok || typ != biffContinue {
			s.pos = save
			return segs
		}
		segs = append(segs, more)
	}
}

// bytesReader reads little-endian fields and strings from a record and its
// CONTINUE records, as one sequence of bytes.
type bytesReader struct {
	segs [][]byte
	i    int // current segment
	pos  int // position in it
	left int // bytes left in all segments
}

func newBytesReader(segs ...[]byte) *bytesReader {
	r := &bytesReader{segs: segs}
	for _, s := range segs {
		r.left += len(s)
	}
	return r
}

// take returns the next n bytes, which may span segments.
func (r *bytesReader) take(n int) ([]byte, bool) {
	if n < 0 || n > r.left {
		r.left, r.i = 0, len(r.segs)
		return nil, false
	}
	var out []byte
	for n > 0 {
		seg := r.segs[r.i][r.pos:]
		k := min(n, len(seg))
		if out == nil && k == n {
			out = seg[:k] // within one segment: no copy
		} else {
			out = append(out, seg[:k]...)
		}
		r.pos += k
		r.left -= k
		n -= k
		r.skipEmpty()
	}
	return out, true
}

// skipEmpty moves past the end of the current segment and past empty ones.
func (r *bytesReader) skipEmpty() {
	for r.i < len(r.segs) && r.pos >= len(r.segs[r.i]) {
		r.i++
		r.pos = 0
	}
}

func (r *bytesReader) u8() (int, bool) {
	b, ok := r.take(1)
	if !ok {
		return 0, false
	}
	return int(b[0]), true
}

func (r *bytesReader) u16() (int, bool) {
	b, ok := r.take(2)
	if !ok {
		return 0, false
	}
	return int(binary.LittleEndian.Uint16(b)), true
}

func (r *bytesReader) u32() (int, bool) {
	b, ok := r.take(4)
	if !ok {
		return 0, false
	}
	return int(binary.LittleEndian.Uint32(b)), true
}

// String flags of XLUnicodeRichExtendedString ([MS-XLS] 2.5.293).
const (
	strHighByte = 0x01 // characters are UTF-16, not compressed to one byte
	strExtSt    = 0x04 // phonetic data follows the characters
	strRichSt   = 0x08 // formatting runs follow the characters
)

// str reads a string: its character count (lenSize bytes), flags, the
// counts of formatting runs and phonetic data, the characters, then skips
// the runs and phonetic data. Where the characters continue in the next
// segment, that segment starts with the flags again (compressed or not).
func (r *bytesReader) str(lenSize int) (string, bool) {
	var cch, flags, runs, ext int
	ok := true
	if lenSize == 1 {
		cch, ok = r.u8()
	} else {
		cch, ok = r.u16()
	}
	if !ok {
		return "", false
	}
	if flags, ok = r.u8(); !ok {
		return "", false
	}
	if flags&strRichSt != 0 {
		runs, ok = r.u16()
	}
	if ok && flags&strExtSt != 0 {
		ext, ok = r.u32()
	}
	if !ok || cch > r.left {
		return "", false
	}
	units, ok := r.chars(cch, flags&strHighByte != 0)
	if !ok {
		return "", false
	}
	if _, ok = r.take(4 * runs); ok {
		_, ok = r.take(ext)
	}
	return string(utf16.Decode(units)), ok
}

// chars reads cch characters, one or two bytes each.
func (r *bytesReader) chars(cch int, high bool) ([]uint16, bool) {
	units := make([]uint16, 0, min(cch, r.left))
	for len(units) < cch {
		if r.i >= len(r.segs) {
			return nil, false
		}
		if r.pos == 0 && r.i > 0 {
			f, _ := r.u8() // a new segment says again how the characters are stored
			high = f&strHighByte != 0
			continue
		}
		seg := r.segs[r.i][r.pos:]
		size := 1
		if high {
			size = 2
		}
		k := min(cch-len(units), len(seg)/size)
		if k == 0 {
			r.take(len(seg)) // half a character before the next segment: skip it
			continue
		}
		b, _ := r.take(k * size)
		for j := 0; j < k; j++ {
			if high {
				units = append(units, binary.LittleEndian.Uint16(b[2*j:]))
			} else {
				units = append(units, uint16(b[j]))
			}
		}
	}
	return units, true
}
