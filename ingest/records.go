package ingest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
)

// Record is what a rollup keeps of a submission once its work-area rows
// have been counted: where it came from, its month's figures and its
// findings. Records hands them out as values; their slices and maps are
// shared with the table, so read them, do not change them.
type Record struct {
	File       string
	SHA256     [32]byte // of the file's bytes
	Sheet      string
	SheetIndex int // 1-based position of the sheet in the workbook
	Unit       string
	Period     Period
	// Counts are the month's figures, one per configured metric in
	// configuration order.
	Counts []int64
	// Cells maps a metric id to the cell its figure came from.
	Cells map[string]string
	// Cumulative holds the 累计 figures in metric order, nil when the sheet
	// has none; CumulativeCells names their cells.
	Cumulative      []int64
	CumulativeCells map[string]string
	// AreaRows is the number of work-area rows the sheet had (0 for a
	// totals-only list).
	AreaRows    int
	DuplicateOf string
	// FilledOn is the day the sheet says it was filled in, zero when none.
	FilledOn Day
	// Superseded, when set, names the later sheet that corrects this one.
	Superseded *Supersession
	Findings   []Finding
}

// OK reports whether the record has no errors (warnings allowed).
func (r Record) OK() bool { return !hasError(r.Findings) }

// Counted reports whether the record's figures count: it has no errors,
// repeats no other sheet and is not corrected by a later one.
func (r Record) Counted() bool { return r.OK() && r.DuplicateOf == "" && r.Superseded == nil }

// Hash is the SHA-256 of the file in hexadecimal, or "" when unknown.
func (r Record) Hash() string {
	if r.SHA256 == ([32]byte{}) {
		return ""
	}
	return hex.EncodeToString(r.SHA256[:])
}

func hasError(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Records is a table of records kept column by column: a few flat arrays
// rather than many small objects, so that a country's year of sheets (tens
// of thousands) takes a few MiB and little of the collector's time. What
// few records have (findings, 累计 figures, a file they repeat) is kept
// aside for those alone.
type Records struct {
	n      int // metrics per record
	ids    []string
	files  []string
	sheets []string // one copy of each distinct name, see names
	units  []string
	cells  []map[string]string
	meta   []recordMeta
	counts []int64 // n per record
	notes  map[int]*recordNotes
	names  map[string]string
}

// recordMeta is the part of a record without pointers.
type recordMeta struct {
	sha        [32]byte
	areas      [16]byte // digest of the work-area rows
	period     Period
	sheetIndex int32
	areaRows   int32
	filled     int32 // the day of filling-in, YYYYMMDD, or 0
}

type recordNotes struct {
	cumulative      []int64
	cumulativeCells map[string]string
	duplicateOf     string
	superseded      *Supersession
	findings        []Finding
	earlier         []EarlierSheet
}

// NewRecords makes a table of n records for the metric ids, in
// configuration order; Set fills them in.
func NewRecords(ids []string, n int) *Records {
	return &Records{n: len(ids), ids: ids, files: make([]string, n), sheets: make([]string, n),
		units: make([]string, n), cells: make([]map[string]string, n), meta: make([]recordMeta, n),
		counts: make([]int64, n*len(ids)), notes: map[int]*recordNotes{}, names: map[string]string{}}
}

// Len is the number of records.
func (t *Records) Len() int { return len(t.files) }

// Set keeps what a rollup needs of s as record i.
func (t *Records) Set(i int, s *Submission) {
	t.files[i], t.sheets[i], t.units[i], t.cells[i] = s.File, t.name(s.Sheet), s.Unit, s.Sources
	m := recordMeta{areas: areaDigest(s.Areas), period: s.Period, sheetIndex: int32(s.SheetIndex), areaRows: int32(len(s.Areas)), filled: s.FilledOn.packed()}
	if sha, err := hex.DecodeString(s.SHA256); err == nil && len(sha) == len(m.sha) {
		copy(m.sha[:], sha)
	}
	t.meta[i] = m
	for j, id := range t.ids {
		t.counts[i*t.n+j] = s.Total[id]
	}
	if s.Cumulative != nil || s.DuplicateOf != "" || s.Superseded != nil || len(s.Findings) > 0 || len(s.Earlier) > 0 {
		n := &recordNotes{cumulativeCells: s.CumulativeCells, duplicateOf: s.DuplicateOf, superseded: s.Superseded, findings: s.Findings, earlier: s.Earlier}
		if s.Cumulative != nil {
			n.cumulative = make([]int64, t.n)
			for j, id := range t.ids {
				n.cumulative[j] = s.Cumulative[id]
			}
		}
		t.notes[i] = n
	}
}

// name returns the one copy kept of a sheet name: most sheets of a rollup
// have the same few names.
func (t *Records) name(s string) string {
	if kept, ok := t.names[s]; ok {
		return kept
	}
	t.names[s] = s
	return s
}

// At returns record i.
func (t *Records) At(i int) Record {
	m := &t.meta[i]
	r := Record{File: t.files[i], SHA256: m.sha, Sheet: t.sheets[i], SheetIndex: int(m.sheetIndex),
		Unit: t.units[i], Period: m.period, Counts: t.Counts(i), Cells: t.cells[i], AreaRows: int(m.areaRows), FilledOn: unpackDay(m.filled)}
	if n := t.notes[i]; n != nil {
		r.Cumulative, r.CumulativeCells, r.DuplicateOf, r.Findings = n.cumulative, n.cumulativeCells, n.duplicateOf, n.findings
		r.Superseded = n.superseded
	}
	return r
}

// Counts are the month's figures of record i.
func (t *Records) Counts(i int) []int64 { return t.counts[i*t.n : (i+1)*t.n : (i+1)*t.n] }

// File is the file of record i, as it was read.
func (t *Records) File(i int) string { return t.files[i] }

// Unit is the unit of record i.
func (t *Records) Unit(i int) string { return t.units[i] }

// Period is the month of record i.
func (t *Records) Period(i int) Period { return t.meta[i].period }

// OK reports whether record i has no errors.
func (t *Records) OK(i int) bool {
	n := t.notes[i]
	return n == nil || !hasError(n.findings)
}

// Counted reports whether the figures of record i count.
func (t *Records) Counted(i int) bool {
	n := t.notes[i]
	return n == nil || (!hasError(n.findings) && n.duplicateOf == "" && n.superseded == nil)
}

// filledOn is the day record i says it was filled in, zero when none.
func (t *Records) filledOn(i int) Day { return unpackDay(t.meta[i].filled) }

// sameFigures reports whether records i and j hold the same month's figures
// and the same work-area rows.
func (t *Records) sameFigures(i, j int) bool {
	return slices.Equal(t.Counts(i), t.Counts(j)) && t.meta[i].areaRows == t.meta[j].areaRows && t.meta[i].areas == t.meta[j].areas
}

func (t *Records) note(i int) *recordNotes {
	n := t.notes[i]
	if n == nil {
		n = &recordNotes{}
		t.notes[i] = n
	}
	return n
}

func (t *Records) add(i int, f Finding) {
	n := t.note(i)
	n.findings = append(n.findings, f)
}

// areaDigest condenses the work-area rows (names and counts, in order) so
// that two sheets can be told apart without keeping their rows.
func areaDigest(areas []AreaFigures) [16]byte {
	h := sha256.New()
	var b [8]byte
	put := func(v uint64) {
		binary.LittleEndian.PutUint64(b[:], v)
		h.Write(b[:])
	}
	for _, a := range areas {
		put(uint64(len(a.Area)))
		h.Write([]byte(a.Area))
		put(uint64(len(a.Counts)))
		for _, c := range a.Counts {
			put(uint64(c))
		}
	}
	var out [16]byte
	copy(out[:], h.Sum(nil))
	return out
}
