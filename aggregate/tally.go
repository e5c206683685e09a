package aggregate

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"jianbao/ingest"
	"jianbao/problem"
	"jianbao/templates"
)

// Tally adds submissions up as they are read, one at a time. Of each it
// keeps only an ingest.Record; work-area rows are summed per area and month
// as they arrive and then let go, so that what a rollup holds grows by a
// small record per file, not by the cells of the sheets. When a later sheet
// conflicts with one already counted, or corrects it, the counted one's
// rows are taken out again, which reads its file once more; so does
// naming the cells a correction changes.
type Tally struct {
	cfg    *templates.Config
	ids    []string
	recs   *ingest.Records
	ledger *ingest.Ledger // nil when the submissions come reconciled
	reread func(file string) *ingest.Submission
	areas  areaSums
	err    error
	// skipped is the number of lock, hidden and system files passed over.
	skipped int
}

// NewTally starts a tally of n submissions. With a reader, it reconciles
// them as they arrive (see ingest.Ledger) and reread reads a file again by
// the name it was first read under; without one, the submissions are taken
// as already reconciled.
func NewTally(cfg *templates.Config, rd *ingest.Reader, n int, reread func(file string) *ingest.Submission) *Tally {
	t := &Tally{cfg: cfg, ids: cfg.MetricIDs(), reread: reread, areas: newAreaSums()}
	t.recs = ingest.NewRecords(t.ids, n)
	if rd != nil {
		t.ledger = rd.NewLedger(t.recs)
		t.ledger.Reread(func(i int) *ingest.Submission { return t.reread(t.recs.File(i)) })
	}
	return t
}

// ReadDir reads every submission under dir into a tally with rd, a few
// at a time (see ingest.Reader.ReadEach), so that no sheet is held after it
// has been counted; a file is read again by the same reader, with its
// layout, when a conflict or a correction takes its rows out and to name
// the cells a correction changes.
func ReadDir(cfg *templates.Config, rd *ingest.Reader, dir string, workers int) (*Tally, error) {
	folder, err := ingest.ScanFolder(dir)
	if err != nil {
		return nil, FolderError(dir, err)
	}
	files := folder.Files
	locate := func(name string) string { return ingest.Locate(dir, name) }
	t := NewTally(cfg, rd, len(files), func(name string) *ingest.Submission { return rd.ReadFileLaidOut(locate(name), name) })
	t.skipped = folder.Skipped
	rd.ReadEach(files, locate, workers, t.Add)
	return t, nil
}

// Add counts submission i of n, in any order, each once. A problem of the
// run rather than of the sheet (another configuration, a file changed while
// being read) is kept and returned by Report; the submissions after it are
// still taken. When several such problems occur, which one is returned
// depends on the order the submissions arrive in.
func (t *Tally) Add(i int, s *ingest.Submission) {
	if err := t.sameMetrics(s); err != nil && t.err == nil {
		t.err = err
	}
	t.recs.Set(i, s)
	count, uncount := t.recs.Counted(i), -1
	if t.ledger != nil {
		count, uncount = t.ledger.Add(i)
	}
	if s.Period.IsZero() {
		return // in no month's figures (and in the same group as uncount)
	}
	if count {
		t.addAreas(s, t.recs.Counts(i), 1)
	}
	if uncount >= 0 {
		t.takeOut(t.recs.At(uncount))
	}
}

// sameMetrics checks that every work-area row has one count per configured
// metric, as the reader of the same configuration gives.
func (t *Tally) sameMetrics(s *ingest.Submission) error {
	for _, a := range s.Areas {
		if len(a.Counts) != len(t.ids) {
			return &problem.Error{File: s.File, Err: fmt.Errorf("%w：表中有%d个指标，配置有%d个", ErrOtherConfiguration, len(a.Counts), len(t.ids))}
		}
	}
	return nil
}

// addAreas adds (sign 1) or takes out (sign -1) a sheet's work-area rows; a
// sheet without them (a totals-only list) counts its month's figures, total,
// under 未分类.
func (t *Tally) addAreas(s *ingest.Submission, total []int64, sign int64) {
	if len(s.Areas) == 0 {
		t.areas.add(t.cfg.Labels.Unclassified, s.Period, total, sign)
	}
	for _, a := range s.Areas {
		t.areas.add(a.Area, s.Period, a.Counts, sign)
	}
}

// takeOut removes the work-area rows of a record counted earlier, reading
// its file again when it had rows.
func (t *Tally) takeOut(rec ingest.Record) {
	if rec.AreaRows == 0 {
		t.areas.add(t.cfg.Labels.Unclassified, rec.Period, rec.Counts, -1)
		return
	}
	s := t.reread(rec.File)
	if s.SHA256 != rec.Hash() || len(s.Areas) != rec.AreaRows {
		if t.err == nil {
			t.err = &problem.Error{File: rec.File, Err: ErrChanged}
		}
		return
	}
	t.addAreas(s, nil, -1)
}

// Files is the number of submissions the tally was made for.
func (t *Tally) Files() int { return t.recs.Len() }

// Latest returns the latest month any submission names, or the zero period.
func (t *Tally) Latest() ingest.Period {
	var p ingest.Period
	for i := range t.recs.Len() {
		if q := t.recs.Period(i); !q.IsZero() && p.Before(q) {
			p = q
		}
	}
	return p
}

// Report finishes the reconciliation and computes the report of period: the
// month and the year to date (January..period of the same year), per unit
// and in all. Only accepted, non-duplicate sheets are counted.
func (t *Tally) Report(period ingest.Period, generatedAt time.Time) (*Report, error) {
	if t.ledger != nil {
		t.ledger.Finish()
	}
	if t.err != nil {
		return nil, t.err
	}
	r, err := build(t.cfg, t.recs, t.areas, period, generatedAt)
	if r != nil {
		r.Skipped = t.skipped
	}
	return r, err
}

// Sheets is the number of files the tally was made for that are
// spreadsheets (or meant to be), leaving out those not read as sheets.
func (t *Tally) Sheets() int {
	n := 0
	for i := range t.recs.Len() {
		if !t.recs.Unread(i) {
			n++
		}
	}
	return n
}

// areaSums are the work-area rows summed per area and month, with the
// number of sheet rows in each sum (a sum of no rows is left out).
type areaSums struct {
	index map[areaMonth]int
	rows  []areaSum
}

type areaSum struct {
	area   string
	period ingest.Period
	rows   int
	counts []int64
}

type areaMonth struct {
	area   string
	period ingest.Period
}

func newAreaSums() areaSums { return areaSums{index: map[areaMonth]int{}} }

func (a *areaSums) add(area string, p ingest.Period, counts []int64, sign int64) {
	k := areaMonth{area, p}
	i, ok := a.index[k]
	if !ok {
		i = len(a.rows)
		a.index[k] = i
		a.rows = append(a.rows, areaSum{area: area, period: p, counts: make([]int64, len(counts))})
	}
	sum := &a.rows[i]
	sum.rows += int(sign)
	for j, c := range counts {
		sum.counts[j] += sign * c
	}
}

// facts is the table of the sums of months from..to: one row per work area
// and month, the unit column empty.
func (a *areaSums) facts(metrics []string, from, to ingest.Period) Facts {
	var rows []fact
	for _, s := range a.rows {
		if s.rows > 0 && s.period.Within(from, to) {
			rows = append(rows, fact{area: s.area, period: s.period, counts: s.counts})
		}
	}
	return newFacts(metrics, rows)
}

// FolderError is the error of a folder of submissions that could not be
// listed (by ingest.Scan): ErrFolder, placed at the path the cause names
// (a folder inside dir may be the one that failed), or at dir.
func FolderError(dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != "" {
		dir = pe.Path
	}
	return &problem.Error{File: dir, Err: problem.Wrap(ErrFolder, err)}
}
