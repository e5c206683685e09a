package desk

import (
	"fmt"
	"strings"

	"jianbao/ingest"
	"jianbao/templates"
)

// versionDiff is what a version of a unit's month changes from the version
// before it: the figures of the sheet that differ, cell by cell, and the
// unit's figures of the month and of the year to date before and after.
type versionDiff struct {
	// Unread says that this version could not be read as a sheet: there is
	// nothing to compare, and it counts no figures.
	Unread bool
	Prev   *version // the version before, nil for the month's first
	// PrevUnread says that the version before could not be read: it is
	// taken as having no figures.
	PrevUnread bool
	// PrevErrors says that the version before has errors: it could not
	// be sent, and counts no figures.
	PrevErrors bool
	Cells      []cellDiff
	Figures    []figureEffect
	// Errors says that this version has errors: it cannot be sent and
	// counts no figures, so its effect is not worked out.
	Errors bool
	Span   string // the months of the year to date: 1—10月
	// Missing are the earlier months of the year that count no figures:
	// no version sent, or the one sent could not be read. "" when none.
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

// figureEffect is one metric of the unit before and after the version.
type figureEffect struct {
	Metric      string
	MonthBefore string // 无 when the month had no figures before
	MonthAfter  string
	MonthChange string
	YTDBefore   string
	YTDAfter    string
	YTDChange   string
	Changed     bool
	Stock       bool // a level at the end of the month: its year to date is its latest month's
}

// readable reports whether a submission was read as a sheet with a table,
// so that it has figures to compare.
func readable(sub *ingest.Submission) bool {
	return sub != nil && sub.Opened() && sub.Table != nil && !sub.Unread()
}

// versionDiff compares version v, checked as c, with the version before it
// among history (the versions of its unit's month). Its error is the
// store's.
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
	var before ingest.Figures // nil: the month had no figures before this version
	if d.Prev != nil {
		data, err := s.st.blob(d.Prev.SHA256)
		if err != nil {
			return nil, err
		}
		old := checkSheet(s.cfg, v.Unit, p, uploadExt(d.Prev.FileName), data).sub
		if readable(old) {
			d.PrevErrors = !old.OK()
			if !d.PrevErrors {
				before = old.Total
			}
			d.Cells = cellDiffs(s.cfg, ingest.NewReader(s.cfg).Changes(old, c.sub), errorCells(old), errorCells(c.sub))
		} else {
			d.PrevUnread = true
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

// errorCells are the cells of a sheet that have an error of their own: a
// figure there was not read, and is never shown as one.
func errorCells(sub *ingest.Submission) map[string]bool {
	out := map[string]bool{}
	for _, f := range sub.Findings {
		if f.Severity == ingest.Error && f.Cell != "" && !strings.Contains(f.Cell, ":") && f.Sheet == sub.Sheet {
			out[strings.ReplaceAll(f.Cell, "$", "")] = true
		}
	}
	return out
}

// faultyText stands for a figure in a cell with an error.
const faultyText = "有错误"

// cellDiffs says the changes of a sheet's figures with the metrics' names
// and their decimals. A cell with an error in either sheet says so, with no
// figure and no change.
func cellDiffs(cfg *templates.Config, cs []ingest.CellChange, oldBad, newBad map[string]bool) []cellDiff {
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
		if oldBad[c.OldCell] {
			d.Old, d.Change = faultyText, "—"
		}
		if newBad[c.Cell] {
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
// p: of each month, the latest version sent, when it can be read.
func (s *server) yearBefore(unit string, p ingest.Period) (yearSoFar, error) {
	y := yearSoFar{sum: ingest.Figures{}}
	for m := 1; m < p.Month; m++ {
		q := ingest.Period{Year: p.Year, Month: m}
		vs, err := s.st.versions(unit, q.String())
		if err != nil {
			return y, err
		}
		var sent *version
		for _, v := range vs {
			if v.Sent() {
				sent = v
				break
			}
		}
		var f ingest.Figures
		if sent != nil {
			if f, err = s.figuresOf(sent); err != nil {
				return y, err
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
// the year to date before the version (the month's figures before) and
// after it (after).
func effects(cfg *templates.Config, before, after ingest.Figures, year yearSoFar) []figureEffect {
	var out []figureEffect
	for _, m := range cfg.Metrics {
		b, a := before[m.ID], after[m.ID]
		e := figureEffect{Metric: m.Name, MonthBefore: "无", MonthAfter: m.Text(a), MonthChange: signed(m, a-b),
			Changed: a != b, Stock: m.Stock()}
		if before != nil {
			e.MonthBefore = m.Text(b)
		}
		var yb, ya int64
		if m.Stock() {
			// A stock's year to date is its latest month's level.
			ya, yb = a, b
			if before == nil {
				yb = year.latest[m.ID]
			}
		} else {
			yb, ya = year.sum[m.ID]+b, year.sum[m.ID]+a
		}
		e.YTDBefore, e.YTDAfter, e.YTDChange = m.Text(yb), m.Text(ya), signed(m, ya-yb)
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
