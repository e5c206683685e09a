package ingest

import (
	"fmt"
	"slices"
	"strings"
)

// Ledger looks at the records of a table together as they arrive, one at a
// time. Of several accepted sheets for the same unit and month with
// different figures, the one that says it is the later, corrected one
// counts (see version and Day for what says so, ledger.order for the rule);
// the others are marked as superseded by it, with a warning naming what
// the correction changes; a later one with errors leaves a warning on the
// one that counts. When nothing orders them, they are a conflict: none
// counts. Identical sheets count once, under the first file by name;
// the others are marked as duplicates with a warning. When all have
// arrived, Finish also warns when a figure jumps far above the unit's
// previous month and when a 累计 column disagrees with the months present.
// The findings are added to the records.
type Ledger struct {
	r      *Reader
	recs   *Records
	units  map[string]uint32
	first  map[uint64]int    // the first accepted record of each unit and month; the counted one after Finish
	groups map[uint64]*group // the unit-months with more than one
	reread func(i int) *Submission
	done   bool
}

// group is the accepted records of a unit and month that has several.
type group struct {
	members []int
	counted int // whose figures count now, or -1 when nothing orders the members
}

// NewLedger starts a ledger over recs for the reader's configuration.
func (r *Reader) NewLedger(recs *Records) *Ledger {
	return &Ledger{r: r, recs: recs, units: map[string]uint32{}, first: map[uint64]int{}, groups: map[uint64]*group{}}
}

// Reread sets how record i is read again, with its layout (see
// Reader.ReadFileLaidOut), so that Finish can name the cells a correction
// changes. Without it, or when what is read is not what was counted, the
// changes are given by work area without their cells.
func (l *Ledger) Reread(f func(i int) *Submission) { l.reread = f }

// key packs a unit and month into a map key.
func (l *Ledger) key(unit string, p Period) uint64 {
	u, ok := l.units[unit]
	if !ok {
		u = uint32(len(l.units))
		l.units[unit] = u
	}
	return uint64(u)<<32 | uint64(uint32(p.Year*16+p.Month))
}

// Add files record i and says how the counted figures change: count is true
// when its figures now count (the first accepted sheet of its unit and
// month, or a later correction of those before it), and uncount is an
// earlier record whose figures no longer count, because record i corrects
// it or nothing orders the two, or -1. A record with errors changes
// nothing.
func (l *Ledger) Add(i int) (count bool, uncount int) {
	if !l.recs.OK(i) {
		return false, -1
	}
	k := l.key(l.recs.units[i], l.recs.Period(i))
	first, seen := l.first[k]
	if !seen {
		l.first[k] = i
		return true, -1
	}
	g := l.groups[k]
	if g == nil {
		g = &group{members: []int{first}, counted: first}
		l.groups[k] = g
	}
	g.members = append(g.members, i)
	was := g.counted
	w := l.latest(g.members)
	if w >= 0 && was >= 0 && l.recs.sameFigures(w, was) {
		return false, -1 // what counts keeps its figures
	}
	// A record added makes no earlier one the latest that was not (it is
	// one more to be later than): the latest is record i, or none.
	g.counted = w
	return w == i, was
}

// order says which of records a and b, of one unit and month, is the later:
// 1 when a is, -1 when b is, 0 when nothing orders them. The version the
// file names give and the days the sheets were filled in each have a say
// when they differ (a day when both sheets state one); the later is the
// one a say points to, unless the other points the opposite way. why says
// in words what makes the later the later.
func (l *Ledger) order(a, b int) (later int, why string) {
	t := l.recs
	va, vb := l.r.corr.version(t.files[a]), l.r.corr.version(t.files[b])
	da, db := t.filledOn(a), t.filledOn(b)
	byName, byDay := cmpInt(va.n, vb.n), 0
	if !da.IsZero() && !db.IsZero() {
		byDay = cmpInt(int(da.packed()), int(db.packed()))
	}
	switch {
	case byName != 0 && byDay != 0 && byName != byDay:
		return 0, ""
	case byName != 0:
		later = byName
	default:
		later = byDay
	}
	if later == 0 {
		return 0, ""
	}
	newer, older, dn, do := va, vb, da, db
	if later < 0 {
		newer, older, dn, do = vb, va, db, da
	}
	var says []string
	if byName != 0 {
		s := fmt.Sprintf("文件名中的“%s”表明是更正后的版本", newer.mark)
		if older.mark != "" {
			s = fmt.Sprintf("文件名中的“%s”晚于“%s”", newer.mark, older.mark)
		}
		says = append(says, s)
	}
	if byDay != 0 {
		says = append(says, fmt.Sprintf("填报日期%s晚于%s", dn.Chinese(), do.Chinese()))
	}
	return later, strings.Join(says, "，")
}

func cmpInt(a, b int) int {
	switch {
	case a > b:
		return 1
	case a < b:
		return -1
	}
	return 0
}

// latest returns the first of members that is later than every member
// with other figures, or -1 when none is.
func (l *Ledger) latest(members []int) int {
	for _, c := range members {
		ok := true
		for _, o := range members {
			if o != c && !l.recs.sameFigures(c, o) {
				if later, _ := l.order(c, o); later <= 0 {
					ok = false
					break
				}
			}
		}
		if ok {
			return c
		}
	}
	return -1
}

// Finish marks the conflicts and duplicates and adds the checks across
// months. It is to be called once, after the last Add.
func (l *Ledger) Finish() {
	if l.done {
		return
	}
	l.done = true
	keys := make([]uint64, 0, len(l.groups))
	for k := range l.groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if counted := l.resolve(l.groups[k]); counted >= 0 {
			l.first[k] = counted
		} else {
			delete(l.first, k)
		}
	}
	l.checkRefusedCorrections()
	l.checkSwings()
	l.checkCumulative()
	l.checkEarlier()
}

// checkRefusedCorrections warns on a counted sheet when a sheet for the
// same unit and month that says it is later has errors: the unit meant to
// correct the figures that count.
func (l *Ledger) checkRefusedCorrections() {
	t := l.recs
	for i := range t.Len() {
		if t.OK(i) || t.units[i] == "" || t.Period(i).IsZero() {
			continue
		}
		c, ok := l.counted(t.units[i], t.Period(i))
		if !ok {
			continue
		}
		if later, why := l.order(i, c); later > 0 {
			t.add(c, Finding{Warning, &CellError{File: t.files[c], Err: fmt.Errorf("%w：“%s”（%s）有错误未采用，仍按本表计入", ErrCorrectionRefused, t.files[i], why)}})
		}
	}
}

// checkEarlier compares the earlier months' sheets of a workbook kept with
// one sheet per month with the sheets accepted for those months: a
// difference means the unit has revised a past month, and is a warning
// naming the cells.
func (l *Ledger) checkEarlier() {
	t := l.recs
	for i := range t.Len() {
		n := t.notes[i]
		if n == nil || len(n.earlier) == 0 || !t.OK(i) {
			continue
		}
		for _, e := range n.earlier {
			got, ok := l.counted(t.units[i], e.Period)
			if !ok || got == i {
				continue
			}
			for j, id := range l.r.ids {
				if was := t.Counts(got)[j]; e.Total[id] != was {
					t.add(i, Finding{Warning, &CellError{File: t.files[i], Sheet: e.Sheet, Cell: e.Sources[id],
						Err: fmt.Errorf("%w：%s在「%s」中为%s，已采用的%s报表（%s）为%s", ErrPastRevised, l.r.headers.name(id), e.Sheet, l.r.values.Text(id, e.Total[id]), e.Period.Chinese(), t.files[got], l.r.values.Text(id, was))}})
				}
			}
		}
	}
}

// resolve marks the members of a group, taken in order of file name: all
// conflicting when nothing makes one the latest; otherwise those with the
// latest's figures, but the first of them, duplicates, and the others
// superseded by it. It returns the one that counts, or -1.
func (l *Ledger) resolve(g *group) int {
	t, m := l.recs, g.members
	slices.SortFunc(m, func(a, b int) int {
		if c := strings.Compare(t.files[a], t.files[b]); c != 0 {
			return c
		}
		return a - b
	})
	w := l.latest(m)
	if w < 0 {
		for _, i := range m {
			var others []string
			for _, o := range m {
				if o != i {
					others = append(others, t.files[o])
				}
			}
			all := "两份"
			if len(m) > 2 {
				all = fmt.Sprintf("%d份", len(m))
			}
			t.add(i, Finding{Error, &CellError{File: t.files[i], Err: fmt.Errorf("%w：%s%s另有%s，数字不同，看不出哪一份是更正后的，%s均未计入",
				ErrConflict, t.units[i], t.Period(i).Chinese(), strings.Join(others, "、"), all)}})
		}
		return -1
	}
	var latest *Submission
	for _, i := range m {
		switch {
		case i == w:
		case t.sameFigures(i, w):
			t.note(i).duplicateOf = t.files[w]
			t.add(i, Finding{Warning, &CellError{File: t.files[i], Err: fmt.Errorf("%w：与%s相同", ErrDuplicate, t.files[w])}})
		default:
			if latest == nil {
				latest = l.laidOut(w)
			}
			l.supersede(i, w, latest)
		}
	}
	return w
}

// laidOut reads record i again with its layout, or gives nil when it
// cannot be read as it was counted.
func (l *Ledger) laidOut(i int) *Submission {
	if l.reread == nil {
		return nil
	}
	s := l.reread(i)
	if s == nil || s.SHA256 != l.recs.At(i).Hash() || !s.OK() || !slices.Equal(l.figures(s), l.recs.Counts(i)) {
		return nil
	}
	return s
}

// figures are a submission's month figures in metric order.
func (l *Ledger) figures(s *Submission) []int64 {
	out := make([]int64, len(l.r.ids))
	for j, id := range l.r.ids {
		out[j] = s.Total[id]
	}
	return out
}

// supersede marks record i as corrected by record w, whose submission
// read again (with its layout) is latest, or nil: what changes, figure by
// figure and in the month's figures, and a warning saying it.
func (l *Ledger) supersede(i, w int, latest *Submission) {
	t := l.recs
	_, why := l.order(w, i)
	sup := &Supersession{By: t.files[w], Sheet: t.sheets[w], OldSheet: t.sheets[i], Reason: why}
	for j, id := range l.r.ids {
		if o, n := t.Counts(i)[j], t.Counts(w)[j]; o != n {
			sup.Totals = append(sup.Totals, TotalChange{Metric: id, Old: o, New: n})
		}
	}
	if old := l.laidOut(i); old != nil && latest != nil {
		sup.Changes = l.r.changes(old, latest)
	}
	t.note(i).superseded = sup
	t.add(i, Finding{Warning, &CellError{File: t.files[i], Err: fmt.Errorf("%w：%s", ErrSuperseded, sup.Text(t.units[i], t.Period(i), l.r.headers.name))}})
}

// counted returns the counted record of a unit and month, after Finish.
func (l *Ledger) counted(unit string, p Period) (int, bool) {
	i, ok := l.first[l.key(unit, p)]
	return i, ok
}

// checkSwings warns when a figure is more than its swing factor times the
// same unit's figure of the month before (when that was at least the
// floor): the metric's own swing rule, or swing_factor and swing_min.
func (l *Ledger) checkSwings() {
	t := l.recs
	for i := range t.Len() {
		if !t.Counted(i) {
			continue
		}
		prev, ok := l.counted(t.units[i], t.Period(i).Prev())
		if !ok {
			continue
		}
		for j, id := range l.r.ids {
			m := l.r.cfg.Metrics[j]
			factor, floor := l.r.cfg.Checks.Swing(id)
			before, now, least := t.Counts(prev)[j], t.Counts(i)[j], floor*m.Scale()
			// A stock that falls as steeply is as doubtful as one that
			// rises: a month's level is not a month's activity.
			var p *Problem
			switch {
			case factor <= 0:
			case before >= least && now > factor*before:
				p = ErrSwing
			case m.Stock() && now >= least && before > factor*now:
				p = ErrFall
			}
			if p != nil {
				t.add(i, Finding{Warning, &CellError{File: t.files[i], Sheet: t.sheets[i], Index: int(t.meta[i].sheetIndex), Cell: t.cells[i][id],
					Err: fmt.Errorf("%w：%s本月%s，上月%s", p, l.r.headers.name(id), m.Text(now), m.Text(before))}})
			}
		}
	}
}

// checkCumulative compares a sheet's 累计 column with the sum of the unit's
// accepted months of the year, when all of them are present.
func (l *Ledger) checkCumulative() {
	t := l.recs
	for i := range t.Len() {
		rec := t.At(i)
		if rec.Cumulative == nil || !rec.OK() {
			continue
		}
		l.checkStockCumulative(i, rec)
		sum, complete := make([]int64, len(l.r.ids)), true
		for m := 1; m <= rec.Period.Month && complete; m++ {
			var got int
			if got, complete = l.counted(rec.Unit, Period{rec.Period.Year, m}); complete {
				for j, c := range t.Counts(got) {
					sum[j] += c
				}
			}
		}
		if !complete {
			continue
		}
		for j, id := range l.r.ids {
			if l.r.cfg.Metrics[j].Stock() {
				continue // checked by checkStockCumulative
			}
			if m := l.r.cfg.Metrics[j]; rec.Cumulative[j] != sum[j] {
				t.add(i, Finding{Warning, &CellError{File: rec.File, Sheet: rec.Sheet, Index: rec.SheetIndex, Cell: rec.CumulativeCells[id],
					Err: fmt.Errorf("%w：%s累计填%s，1—%d月各月之和为%s", ErrCumulative, l.r.headers.name(id), m.Text(rec.Cumulative[j]), rec.Period.Month, m.Text(sum[j]))}})
			}
		}
	}
}

// checkStockCumulative compares the 累计 figure of each stock metric (a
// value at the end of the month, kind: stock) with the sheet's own figure
// of the month: the level at the end of the months so far is the level at
// the end of this month, not a sum of months.
func (l *Ledger) checkStockCumulative(i int, rec Record) {
	for j, id := range l.r.ids {
		m := l.r.cfg.Metrics[j]
		if !m.Stock() {
			continue
		}
		if _, ok := rec.CumulativeCells[id]; !ok {
			continue
		}
		if now := rec.Counts[j]; rec.Cumulative[j] != now {
			l.recs.add(i, Finding{Warning, &CellError{File: rec.File, Sheet: rec.Sheet, Index: rec.SheetIndex, Cell: rec.CumulativeCells[id],
				Err: fmt.Errorf("%w：%s是月末数，累计应与本月数相同，累计填%s，本月为%s", ErrCumulative, l.r.headers.name(id), m.Text(rec.Cumulative[j]), m.Text(now))}})
		}
	}
}

// Reconcile looks at the submissions together, as a Ledger does, and
// records the outcome on them: findings and DuplicateOf.
func (r *Reader) Reconcile(subs []*Submission) {
	recs := NewRecords(r.ids, len(subs))
	l := r.NewLedger(recs)
	l.Reread(func(i int) *Submission { return subs[i] })
	for i, s := range subs {
		recs.Set(i, s)
		l.Add(i)
	}
	l.Finish()
	for i, s := range subs {
		rec := recs.At(i)
		s.Findings, s.DuplicateOf, s.Superseded = rec.Findings, rec.DuplicateOf, rec.Superseded
	}
}

// Check reads the named files as ReadFiles does and reconciles them as
// Reconcile does, but keeps of each only what a report on it shows: file,
// sheet, unit, month, findings and the file it repeats. Each sheet's cells
// are let go as soon as it has been read, so checking a whole country's
// folder holds a few hundred bytes per file.
func (r *Reader) Check(names []string, locate func(string) string, workers int) []*Submission {
	recs := NewRecords(r.ids, len(names))
	l := r.NewLedger(recs)
	l.Reread(func(i int) *Submission { return r.ReadFileLaidOut(locate(names[i]), names[i]) })
	opened := make([]bool, len(names))
	r.ReadEach(names, locate, workers, func(i int, s *Submission) {
		recs.Set(i, s)
		opened[i] = s.opened
		l.Add(i)
	})
	l.Finish()
	out := make([]*Submission, recs.Len())
	for i := range out {
		rec := recs.At(i)
		out[i] = &Submission{File: rec.File, SHA256: rec.Hash(), Sheet: rec.Sheet, SheetIndex: rec.SheetIndex,
			Unit: rec.Unit, Period: rec.Period, DuplicateOf: rec.DuplicateOf, Superseded: rec.Superseded,
			FilledOn: rec.FilledOn, Findings: rec.Findings, opened: opened[i]}
	}
	return out
}
