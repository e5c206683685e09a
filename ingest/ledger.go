package ingest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Record is what a rollup keeps of a submission once its work-area rows
// have been counted: where it came from, its month's figures and its
// findings. It is a few hundred bytes, so that a country's year of sheets
// is held in a few MiB while each sheet's cells are let go as soon as it has
// been read.
type Record struct {
	File       string
	SHA256     [32]byte // of the file's bytes
	Sheet      string
	SheetIndex int32
	Unit       string
	Period     Period
	// Counts are the month's figures, one per configured metric in
	// configuration order.
	Counts []int64
	// Cells maps a metric id to the cell its figure came from; shared
	// between records like Submission.Sources.
	Cells map[string]string
	// Cumulative holds the 累计 figures in metric order, nil when the sheet
	// has none; CumulativeCells names their cells.
	Cumulative      []int64
	CumulativeCells map[string]string
	// AreaRows is the number of work-area rows the sheet had (0 for a
	// totals-only list).
	AreaRows    int32
	DuplicateOf string
	Findings    []Finding
	areas       [16]byte // digest of the work-area rows
}

// NewRecord keeps what a rollup needs of s; ids are the metric ids in
// configuration order.
func NewRecord(s *Submission, ids []string) *Record {
	rec := &Record{File: s.File, Sheet: s.Sheet, SheetIndex: int32(s.SheetIndex), Unit: s.Unit, Period: s.Period,
		Counts: dense(s.Total, ids), Cells: s.Sources, CumulativeCells: s.CumulativeCells,
		AreaRows: int32(len(s.Areas)), DuplicateOf: s.DuplicateOf, Findings: s.Findings}
	hex.Decode(rec.SHA256[:], []byte(s.SHA256))
	if s.Cumulative != nil {
		rec.Cumulative = dense(s.Cumulative, ids)
	}
	rec.areas = areaDigest(s.Areas)
	return rec
}

func dense(f Figures, ids []string) []int64 {
	out := make([]int64, len(ids))
	for j, id := range ids {
		out[j] = f[id]
	}
	return out
}

// areaDigest condenses the work-area rows (names and counts, in order) so
// that two sheets can be told apart without keeping their rows.
func areaDigest(areas []AreaFigures) [16]byte {
	h := sha256.New()
	var b [8]byte
	for _, a := range areas {
		binary.LittleEndian.PutUint64(b[:], uint64(len(a.Area)))
		h.Write(b[:])
		h.Write([]byte(a.Area))
		binary.LittleEndian.PutUint64(b[:], uint64(len(a.Counts)))
		h.Write(b[:])
		for _, c := range a.Counts {
			binary.LittleEndian.PutUint64(b[:], uint64(c))
			h.Write(b[:])
		}
	}
	var out [16]byte
	copy(out[:], h.Sum(nil))
	return out
}

// OK reports whether the record has no errors (warnings allowed).
func (r *Record) OK() bool { return !hasError(r.Findings) }

// Counted reports whether the record's figures count: it has no errors and
// repeats no other sheet.
func (r *Record) Counted() bool { return r.OK() && r.DuplicateOf == "" }

// Hash is the SHA-256 of the file in hexadecimal.
func (r *Record) Hash() string { return hex.EncodeToString(r.SHA256[:]) }

func (r *Record) fail(e *CellError) { r.Findings = append(r.Findings, Finding{Error, e}) }

func (r *Record) warn(e *CellError) { r.Findings = append(r.Findings, Finding{Warning, e}) }

func hasError(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// sameFigures reports whether two records hold the same month's figures and
// the same work-area rows.
func sameFigures(a, b *Record) bool {
	return slices.Equal(a.Counts, b.Counts) && a.AreaRows == b.AreaRows && a.areas == b.areas
}

// Ledger looks at records together as they arrive, one at a time. Two
// accepted sheets for the same unit and month with different figures are a
// conflict: neither counts. Identical ones count once, under the first file
// by name; the others are marked DuplicateOf with a warning. When all have
// arrived, Finish also warns when a figure jumps far above the unit's
// previous month and when a 累计 column disagrees with the months present.
// A ledger keeps only the records it is given, so a run holds no sheet's
// cells longer than it takes to read it.
type Ledger struct {
	r       *Reader
	first   map[unitMonth]*Record // the first accepted record of each unit and month
	groups  map[unitMonth]*group  // the unit-months with more than one
	records []*Record             // accepted on arrival, in order
	done    bool
}

type unitMonth struct {
	unit   string
	period Period
}

// group is the accepted records of a unit and month that has several.
type group struct {
	members  []*Record
	counted  *Record // whose figures count while all members agree
	conflict bool
}

// NewLedger starts an empty ledger for the reader's configuration.
func (r *Reader) NewLedger() *Ledger {
	return &Ledger{r: r, first: map[unitMonth]*Record{}, groups: map[unitMonth]*group{}}
}

// Add files rec and says how the counted figures change: count is true when
// rec's figures now count (the first accepted sheet of its unit and month),
// and uncount is an earlier record whose figures no longer count because
// rec disagrees with it. A record with errors changes nothing.
func (l *Ledger) Add(rec *Record) (count bool, uncount *Record) {
	if !rec.OK() {
		return false, nil
	}
	l.records = append(l.records, rec)
	k := unitMonth{rec.Unit, rec.Period}
	first, seen := l.first[k]
	if !seen {
		l.first[k] = rec
		return true, nil
	}
	g := l.groups[k]
	if g == nil {
		g = &group{members: []*Record{first}, counted: first}
		l.groups[k] = g
	}
	g.members = append(g.members, rec)
	if g.conflict || sameFigures(g.counted, rec) {
		return false, nil
	}
	g.conflict, uncount, g.counted = true, g.counted, nil
	return false, uncount
}

// Finish marks the conflicts and duplicates and adds the checks across
// months. It is to be called once, after the last Add.
func (l *Ledger) Finish() {
	if l.done {
		return
	}
	l.done = true
	keys := make([]unitMonth, 0, len(l.groups))
	for k := range l.groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].unit < keys[j].unit || (keys[i].unit == keys[j].unit && keys[i].period.Before(keys[j].period))
	})
	for _, k := range keys {
		l.groups[k].resolve()
	}
	byUnit := l.counted()
	l.checkSwings(byUnit)
	l.checkCumulative(byUnit)
}

// resolve marks the members of a group of two or more: all conflicting, or
// all but the first by file name duplicates.
func (g *group) resolve() {
	m := g.members
	sort.SliceStable(m, func(i, j int) bool { return m[i].File < m[j].File })
	if g.conflict {
		for _, rec := range m {
			var others []string
			for _, o := range m {
				if o != rec {
					others = append(others, o.File)
				}
			}
			rec.fail(&CellError{File: rec.File, Err: fmt.Errorf("%w：%s%s另有%s，数字不同，两份均未计入",
				ErrConflict, rec.Unit, rec.Period.Chinese(), strings.Join(others, "、"))})
		}
		return
	}
	for _, rec := range m[1:] {
		rec.DuplicateOf = m[0].File
		rec.warn(&CellError{File: rec.File, Err: fmt.Errorf("%w：与%s相同", ErrDuplicate, m[0].File)})
	}
}

// counted returns the counted records by unit and month.
func (l *Ledger) counted() map[string]map[Period]*Record {
	out := map[string]map[Period]*Record{}
	for _, rec := range l.records {
		if !rec.Counted() {
			continue
		}
		if out[rec.Unit] == nil {
			out[rec.Unit] = map[Period]*Record{}
		}
		out[rec.Unit][rec.Period] = rec
	}
	return out
}

// checkSwings warns when a figure is more than SwingFactor times the same
// unit's figure of the month before (when that was at least SwingMin).
func (l *Ledger) checkSwings(byUnit map[string]map[Period]*Record) {
	factor, floor := l.r.cfg.Checks.SwingFactor, l.r.cfg.Checks.SwingMin
	if factor <= 0 {
		return
	}
	for _, rec := range l.records {
		prev, ok := byUnit[rec.Unit][rec.Period.Prev()]
		if !ok || !rec.Counted() {
			continue
		}
		for j, id := range l.r.ids {
			before, now := prev.Counts[j], rec.Counts[j]
			if before >= floor && now > factor*before {
				rec.warn(&CellError{File: rec.File, Sheet: rec.Sheet, Index: int(rec.SheetIndex), Cell: rec.Cells[id],
					Err: fmt.Errorf("%w：%s本月%d，上月%d", ErrSwing, l.r.headers.name(id), now, before)})
			}
		}
	}
}

// checkCumulative compares a sheet's 累计 column with the sum of the unit's
// accepted months of the year, when all of them are present.
func (l *Ledger) checkCumulative(byUnit map[string]map[Period]*Record) {
	for _, rec := range l.records {
		if rec.Cumulative == nil || !rec.OK() {
			continue
		}
		sum, complete := make([]int64, len(l.r.ids)), true
		for m := 1; m <= rec.Period.Month && complete; m++ {
			got, ok := byUnit[rec.Unit][Period{rec.Period.Year, m}]
			for j := range sum {
				if ok {
					sum[j] += got.Counts[j]
				}
			}
			complete = ok
		}
		if !complete {
			continue
		}
		for j, id := range l.r.ids {
			if rec.Cumulative[j] != sum[j] {
				rec.warn(&CellError{File: rec.File, Sheet: rec.Sheet, Index: int(rec.SheetIndex), Cell: rec.CumulativeCells[id],
					Err: fmt.Errorf("%w：%s累计填%d，1—%d月各月之和为%d", ErrCumulative, l.r.headers.name(id), rec.Cumulative[j], rec.Period.Month, sum[j])})
			}
		}
	}
}

// Reconcile looks at the submissions together, as a Ledger does, and
// records the outcome on them: findings and DuplicateOf.
func (r *Reader) Reconcile(subs []*Submission) {
	l := r.NewLedger()
	recs := make([]*Record, len(subs))
	for i, s := range subs {
		recs[i] = NewRecord(s, r.ids)
		l.Add(recs[i])
	}
	l.Finish()
	for i, s := range subs {
		s.Findings, s.DuplicateOf = recs[i].Findings, recs[i].DuplicateOf
	}
}
