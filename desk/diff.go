package desk

import (
	"fmt"
	"strings"

	"jianbao/ingest"
	"jianbao/templates"
)

// versionDiff is what a version of a unit's month changes: the figures
// of the sheet that differ from the version before it, cell by cell; and
// the unit's figures of the month and of the year to date as they count
// now (by the month's accepted version) and with this version instead.
type versionDiff struct {
	// Unread says that this version could not be read as a sheet: there is
	// nothing to compare, and it counts no figures.
	Unread bool
	Prev   *version // the version before, nil for the month's first
	// PrevUnread says that the version before could not be read: its
	// cells are not compared.
	PrevUnread bool
	// PrevErrors says that the version before has errors: its cells in
	// error are shown as such.
	PrevErrors bool
	Cells      []cellDiff
	// Errors says that this version has errors: it cannot be sent and
	// counts no figures, so its effect is not worked out.
	Errors bool
	// Counted is the version of the month the unit's figures count now,
	// its accepted version; nil when none.
	Counted *version
	// CountedVoid says that the accepted version, checked again, cannot be
	// read as a sheet or has errors: the month counts nothing now.
	CountedVoid bool
	// Self says that this version is the accepted one.
	Self    bool
	Figures []figureEffect
	Span    string // the months of the year to date: 1—10月
	// Missing are the earlier months of the year that count no figures:
	// no accepted version, or the accepted one cannot be read or has
	// errors. "" when none.
	Missing string
}

// cellDiff is one figure of the sheet that differs from the version before.
type cellDiff struct {
	Where  string // the cell: D5; D5→D6 when its row moved; 原D5 when this version has no such row
	Area   string // the work area
	Metric string
	Old    string
	New    string
	Change string
}

// figureEffect is one metric of the unit as it counts now and with this
// version. A figure nothing counts for is 无, never 0.
type figureEffect struct {
	Metric      string
	MonthBefore string // 无 when the month counts nothing now
	MonthAfter  string
	MonthChange string
	YTDBefore   string // 无 when no month of the year to date counts
	YTDAfter    string
	YTDChange   string
	Stock       bool // a level at the end of the month: its year to date is its latest month's
}

// readable reports whether a submission was read as a sheet with a table,
// so that it has figures to compare.
func readable(sub *ingest.Submission) bool {
	return sub != nil && sub.Opened() && sub.Table != nil && !sub.Unread()
}

// versionDiff compares version v, checked as c, with the version before it
// among history (the versions of its unit's month), and works out its
// effect on the unit's figures against the month's accepted version. Its
// error is the store's.
func (s *server) versionDiff(v *version, c *checked, history []*version) (*versionDiff, error) {
	d := &versionDiff{}
	if !readable(c.sub) {
		d.Unread = true
		return d, nil
	}
	d.Errors = !c.OK
	p, _ := ingest.ParsePeriod(v.Period)
	for _, h := range history {
		if h.Seq == v.Seq-1 {
			d.Prev = h
		}
	}
	if d.Prev != nil {
		data, err := s.st.blob(d.Prev.SHA256)
		if err != nil {
			return nil, err
		}
		old := checkSheet(s.cfg, v.Unit, p, uploadExt(d.Prev.FileName), data).sub
		if readable(old) {
			d.PrevErrors = !old.OK()
			d.Cells = cellDiffs(s.cfg, ingest.NewReader(s.cfg).Changes(old, c.sub), sideOf(s.cfg, old), sideOf(s.cfg, c.sub))
		} else {
			d.PrevUnread = true
		}
	}
	var before ingest.Figures // nil: the month counts nothing now
	if d.Counted = acceptedOf(history); d.Counted != nil {
		d.Self = d.Counted.ID == v.ID
		if d.Self {
			before = c.sub.Total
		} else {
			f, err := s.figuresOf(d.Counted)
			if err != nil {
				return nil, err
			}
			before, d.CountedVoid = f, f == nil
		}
	}
	year, err := s.yearBefore(v.Unit, p)
	if err != nil {
		return nil, err
	}
	d.Figures = effects(s.cfg, before, c.sub.Total, year)
	d.Span = fmt.Sprintf("1—%d月", p.Month)
	if p.Month == 1 {
		d.Span = "1月"
	}
	d.Missing = monthList(year.missing)
	return d, nil
}

// sheetSide is what cellDiffs needs of one of the two sheets compared: the
// cells whose figure was not read, and its work areas (a sheet without
// work-area rows has one, unclassified, as ingest compares it).
type sheetSide struct {
	bad   map[[2]int]bool
	areas map[string]bool
}

func sideOf(cfg *templates.Config, sub *ingest.Submission) sheetSide {
	s := sheetSide{bad: errorCells(sub), areas: map[string]bool{}}
	for _, a := range sub.Areas {
		s.areas[a.Area] = true
	}
	if len(sub.Areas) == 0 {
		s.areas[cfg.Labels.Unclassified] = true
	}
	return s
}

// faulty reports whether the figure of a change's area in cells (one
// cell, or the cells of the area's rows: C3、C4) was not read: one of the
// cells has an error of its own, or the sheet has the area's row but no
// cell for the figure (its metric's column is missing).
func (s sheetSide) faulty(cells, area string) bool {
	if cells == "" {
		return s.areas[area]
	}
	for _, ref := range strings.Split(cells, "、") {
		if r, c, ok := parseRef(ref); ok && s.bad[[2]int{r, c}] {
			return true
		}
	}
	return false
}

// errorCells are the cells of a sheet whose value was not read or does
// not count, by an error of their own (a range's every cell, as a sheet
// not filled in names them). A total, subtotal or part that disagrees
// with the rows it checks names its own cell, which a work area's figure
// never is; the rows' figures were read.
func errorCells(sub *ingest.Submission) map[[2]int]bool {
	out := map[[2]int]bool{}
	for _, f := range sub.Findings {
		if f.Severity != ingest.Error || f.Cell == "" || f.Sheet != sub.Sheet || checksFigures(f) {
			continue
		}
		for _, rc := range cellsOf(f.Cell) {
			out[rc] = true
		}
	}
	return out
}

// checksFigures reports whether a finding says that a figure checking
// others disagrees with them, rather than that a figure was not read.
func checksFigures(f ingest.Finding) bool {
	switch f.Code() {
	case ingest.ErrTotalMismatch.Code, ingest.ErrPartExceeds.Code:
		return true
	}
	return false
}

// faultyText stands for a figure in a cell with an error.
const faultyText = "有错误"

// cellDiffs says the changes of a sheet's figures with the metrics' names
// and their decimals. A figure not read in either sheet says so, with no
// figure and no change.
func cellDiffs(cfg *templates.Config, cs []ingest.CellChange, old, new sheetSide) []cellDiff {
	var out []cellDiff
	for _, c := range cs {
		m, _ := cfg.MetricByID(c.Metric)
		where := c.Cell
		switch {
		case c.Cell == "":
			where = "原" + c.OldCell
		case c.OldCell != "" && c.OldCell != c.Cell:
			where = c.OldCell + "→" + c.Cell
		}
		d := cellDiff{Where: where, Area: c.Area, Metric: m.Name,
			Old: m.Text(c.Old), New: m.Text(c.New), Change: signed(m, c.New-c.Old)}
		if old.faulty(c.OldCell, c.Area) {
			d.Old, d.Change = faultyText, "—"
		}
		if new.faulty(c.Cell, c.Area) {
			d.New, d.Change = faultyText, "—"
		}
		out = append(out, d)
	}
	return out
}

// yearSoFar is what the months of a year before one month count.
type yearSoFar struct {
	sum     ingest.Figures // each metric summed over the months counted
	latest  ingest.Figures // the figures of the latest month counted, nil when none
	missing []int          // the months that count nothing
}

// yearBefore adds up the unit's figures of the months of p's year before
// p as a briefing does: of each month, its accepted version, when it can
// be read and has no errors.
func (s *server) yearBefore(unit string, p ingest.Period) (yearSoFar, error) {
	y := yearSoFar{sum: ingest.Figures{}}
	if p.Month == 1 {
		return y, nil
	}
	vs, err := s.st.acceptedVersions(ingest.Period{Year: p.Year, Month: 1}, ingest.Period{Year: p.Year, Month: p.Month - 1})
	if err != nil {
		return y, err
	}
	for m := 1; m < p.Month; m++ {
		q := ingest.Period{Year: p.Year, Month: m}.String()
		var f ingest.Figures
		for _, v := range vs {
			if v.Unit == unit && v.Period == q {
				if f, err = s.figuresOf(v); err != nil {
					return y, err
				}
			}
		}
		if f == nil {
			y.missing = append(y.missing, m)
			continue
		}
		y.sum.Add(f)
		y.latest = f
	}
	return y, nil
}

// effects says, metric by metric, the unit's figures of the month and of
// the year to date as they count now, the month's by before (nil when it
// counts nothing), and with the version's figures after instead.
func effects(cfg *templates.Config, before, after ingest.Figures, year yearSoFar) []figureEffect {
	var out []figureEffect
	for _, m := range cfg.Metrics {
		b, a := before[m.ID], after[m.ID]
		e := figureEffect{Metric: m.Name, MonthBefore: "无", MonthAfter: m.Text(a), MonthChange: signed(m, a-b), Stock: m.Stock()}
		if before != nil {
			e.MonthBefore = m.Text(b)
		}
		var yb, ya int64
		counted := before != nil // whether any month counts for the year to date before
		if m.Stock() {
			// A stock's year to date is its latest month's level.
			ya, yb = a, b
			if before == nil && year.latest != nil {
				yb, counted = year.latest[m.ID], true
			}
		} else {
			yb, ya = year.sum[m.ID]+b, year.sum[m.ID]+a
			counted = counted || year.latest != nil
		}
		e.YTDBefore, e.YTDAfter, e.YTDChange = "无", m.Text(ya), signed(m, ya-yb)
		if counted {
			e.YTDBefore = m.Text(yb)
		}
		out = append(out, e)
	}
	return out
}

// signed writes a change with its sign: +4, -2, 0.
func signed(m templates.Metric, d int64) string {
	if d > 0 {
		return "+" + m.Text(d)
	}
	return m.Text(d)
}

// monthList writes months of a year, runs of months as spans: 1—8月、10月.
func monthList(ms []int) string {
	var out []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j]+1 {
			j++
		}
		if j > i {
			out = append(out, fmt.Sprintf("%d—%d月", ms[i], ms[j]))
		} else {
			out = append(out, fmt.Sprintf("%d月", ms[i]))
		}
		i = j + 1
	}
	return strings.Join(out, "、")
}
