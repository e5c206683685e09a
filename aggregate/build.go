package aggregate

import (
	"fmt"
	"sort"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

func build(cfg *templates.Config, recs *ingest.Records, areas areaSums, period ingest.Period, generatedAt time.Time) (*Report, error) {
	if period.IsZero() {
		return nil, ErrNoPeriod
	}
	r := &Report{Config: cfg, Period: period, From: ingest.Period{Year: period.Year, Month: 1}, GeneratedAt: generatedAt}
	accepted := acceptedIn(recs, r.From, period)
	year := NewFacts(cfg.MetricIDs(), recs, accepted)
	month := year.Month(period.Month)
	r.Month, r.YearToDate = month.Sum(), year.ToDate(cfg.Metrics)
	r.MonthRate, r.YTDRate = rate(cfg, r.Month), rate(cfg, r.YearToDate)
	if period.Month > 1 {
		if prev := year.Month(period.Month - 1); prev.Len() > 0 {
			r.PrevMonth = prev.Sum()
		}
	}
	for m := 1; m <= period.Month; m++ {
		f := year.Month(m)
		r.ByMonth = append(r.ByMonth, MonthTotals{Period: ingest.Period{Year: period.Year, Month: m}, Totals: f.Sum(), Units: f.Len()})
	}
	r.Areas = areaTotals(cfg, areas.facts(cfg.MetricIDs(), r.From, period), period)
	r.LastYear = lastYear(cfg, recs, period)
	lastFrom, lastTo := ingest.Period{Year: period.Year - 1, Month: 1}, ingest.Period{Year: period.Year - 1, Month: period.Month}
	r.Units = unitRows(cfg, recs, accepted, acceptedIn(recs, lastFrom, lastTo), period)
	rank(cfg, r.Units)
	for _, u := range r.Units {
		if u.Status != Accepted {
			r.Missing = append(r.Missing, u.Name)
		}
	}
	r.Sources = sources(recs, accepted)
	r.Excluded, r.Findings = excludedAndFindings(recs, r.From, period)
	r.Unread = unread(recs)
	r.Superseded = superseded(recs, r.From, period)
	r.Findings = append(r.Findings, yearChecks(cfg, r)...)
	return r, nil
}

// relevant reports whether a record bears on the months from..to: it is
// for one of them, or its month could not be read.
func relevant(s ingest.Record, from, to ingest.Period) bool {
	return s.Period.IsZero() || s.Period.Within(from, to)
}

// acceptedIn lists the counted records of months from..to, by index.
func acceptedIn(recs *ingest.Records, from, to ingest.Period) []int {
	var out []int
	for i := range recs.Len() {
		if p := recs.Period(i); recs.Counted(i) && !p.IsZero() && p.Within(from, to) {
			out = append(out, i)
		}
	}
	return out
}

// rate is the configured headline rate of some figures: the first derived
// rate, or a rate that is never valid when none is configured.
func rate(cfg *templates.Config, f ingest.Figures) Rate {
	def, ok := cfg.HeadlineRate()
	if !ok {
		return Rate{}
	}
	return Rate{Num: f[def.Left], Den: f[def.Right]}
}

// unitRows gives each configured unit its figures. Each unit's table is
// built from its own sheets, so that only one unit's is held at a time.
// The same month and months of the year before (lastYear, accepted
// records) give each unit the figures it is compared with like for like.
func unitRows(cfg *templates.Config, recs *ingest.Records, accepted, lastYear []int, period ingest.Period) []UnitRow {
	rejected, conflicting := map[string]bool{}, map[string]bool{}
	for i := range recs.Len() {
		if !recs.OK(i) && recs.Period(i) == period && !recs.Unread(i) {
			rejected[recs.Unit(i)] = true
			if hasCode(recs.At(i).Findings, ingest.ErrConflict.Code) {
				conflicting[recs.Unit(i)] = true
			}
		}
	}
	rows := make([]UnitRow, 0, len(cfg.Units))
	byUnit, byUnitLast := map[string][]int{}, map[string][]int{}
	for _, i := range accepted {
		byUnit[recs.Unit(i)] = append(byUnit[recs.Unit(i)], i)
	}
	for _, i := range lastYear {
		byUnitLast[recs.Unit(i)] = append(byUnitLast[recs.Unit(i)], i)
	}
	for _, u := range cfg.Units {
		uf := NewFacts(cfg.MetricIDs(), recs, byUnit[u.Name])
		month := uf.Month(period.Month)
		row := UnitRow{Name: u.Name, Kind: u.Kind, Month: month.Sum(), YearToDate: uf.ToDate(cfg.Metrics)}
		row.MonthRate, row.YTDRate = rate(cfg, row.Month), rate(cfg, row.YearToDate)
		for _, m := range uf.Months() {
			row.Months = append(row.Months, ingest.Period{Year: period.Year, Month: m})
		}
		if prev := uf.Month(period.Month - 1); period.Month > 1 && prev.Len() > 0 {
			row.PrevMonth = prev.Sum()
		}
		if len(byUnitLast[u.Name]) > 0 {
			lf := NewFacts(cfg.MetricIDs(), recs, byUnitLast[u.Name])
			if m := lf.Month(period.Month); m.Len() > 0 {
				row.LastYearMonth = m.Sum()
			}
			if len(lf.Months()) == period.Month {
				row.LastYearToDate = lf.ToDate(cfg.Metrics)
			}
		}
		switch {
		case month.Len() > 0:
			row.Status = Accepted
		case conflicting[u.Name]:
			row.Status = Conflict
		case rejected[u.Name]:
			row.Status = Excluded
		default:
			row.Status = Missing
		}
		rows = append(rows, row)
	}
	return rows
}

// rank orders units by the year-to-date value of the derived figure that
// asks for a ranking, best first by its direction; equal values share a
// rank (1, 2, 2, 4). Without such a figure no unit is ranked. A unit
// with nothing to divide by (a rate) or no accepted month (a difference)
// has no rank.
func rank(cfg *templates.Config, rows []UnitRow) {
	def, ok := cfg.Ranked()
	if !ok {
		return
	}
	value := func(u UnitRow) Rate {
		if def.IsRate() {
			return Rate{Num: u.YearToDate[def.Left], Den: u.YearToDate[def.Right]}
		}
		return Rate{Num: u.YearToDate[def.Left] - u.YearToDate[def.Right], Den: 1}
	}
	idx := make([]int, 0, len(rows))
	for i, r := range rows {
		if v := value(r); v.Valid() && (def.IsRate() || len(r.Months) > 0) {
			idx = append(idx, i)
		}
	}
	better := func(a, b Rate) int {
		if def.LowerIsBetter() {
			return -cmpRate(a, b)
		}
		return cmpRate(a, b)
	}
	sort.SliceStable(idx, func(a, b int) bool { return better(value(rows[idx[a]]), value(rows[idx[b]])) > 0 })
	for k, i := range idx {
		if k > 0 && cmpRate(value(rows[i]), value(rows[idx[k-1]])) == 0 {
			rows[i].Rank = rows[idx[k-1]].Rank
		} else {
			rows[i].Rank = k + 1
		}
	}
}

// cmpRate compares two valid rates exactly, by cross-multiplication.
func cmpRate(a, b Rate) int {
	l, r := a.Num*b.Den, b.Num*a.Den
	switch {
	case l < r:
		return -1
	case l > r:
		return 1
	}
	return 0
}

// sources are the accepted sheets by month, then file.
func sources(recs *ingest.Records, accepted []int) Sources {
	idx := append([]int(nil), accepted...)
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if recs.Period(i) != recs.Period(j) {
			return recs.Period(i).Before(recs.Period(j))
		}
		return recs.File(i) < recs.File(j)
	})
	return Sources{recs: recs, idx: idx}
}

func excludedAndFindings(recs *ingest.Records, from, to ingest.Period) ([]ExcludedSheet, []Finding) {
	excluded := []ExcludedSheet{}
	var findings []Finding
	for i := range recs.Len() {
		s := recs.At(i)
		if !relevant(s, from, to) || s.Unread() {
			continue
		}
		for _, f := range s.Findings {
			fd := flatten(f)
			fd.Unit = s.Unit
			findings = append(findings, fd)
		}
		if s.OK() {
			continue
		}
		e := ExcludedSheet{File: s.File, Unit: s.Unit, Period: s.Period.String()}
		for _, f := range s.Findings {
			if f.Severity != ingest.Error {
				continue
			}
			e.Reasons = append(e.Reasons, reason(f))
			e.Codes = append(e.Codes, f.Code())
		}
		excluded = append(excluded, e)
	}
	return excluded, findings
}

// unread lists the files not read as sheets, in the order of the records.
func unread(recs *ingest.Records) []UnreadFile {
	out := []UnreadFile{}
	for i := range recs.Len() {
		if !recs.Unread(i) {
			continue
		}
		s := recs.At(i)
		u := UnreadFile{File: s.File, Unit: s.Unit, Period: s.Period.String()}
		for _, f := range s.Findings {
			if f.Severity == ingest.Error {
				u.Reason, u.Code = f.Message(), f.Code()
				break
			}
		}
		out = append(out, u)
	}
	return out
}

// superseded lists the sheets of months from..to that a later one
// corrects, by month then file.
func superseded(recs *ingest.Records, from, to ingest.Period) []SupersededSheet {
	var out []SupersededSheet
	for i := range recs.Len() {
		if s := recs.At(i); s.Superseded != nil && relevant(s, from, to) {
			out = append(out, SupersededSheet{File: s.File, Unit: s.Unit, Period: s.Period, Supersession: s.Superseded})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Period != out[b].Period {
			return out[a].Period.Before(out[b].Period)
		}
		return out[a].File < out[b].File
	})
	return out
}

// reason says what is wrong in a sentence without the file name, which the
// outputs show beside it.
func reason(f ingest.Finding) string {
	where := ""
	if f.Cell != "" {
		where = f.Cell + "："
	}
	return where + f.Message()
}

func flatten(f ingest.Finding) Finding {
	return Finding{File: f.File, Sheet: f.Sheet, Cell: f.Cell, Value: f.Value, Code: f.Code(),
		Severity: f.Severity.String(), Message: f.Message(), Fix: f.Fix()}
}

// hasCode reports whether any finding is of the problem with code.
func hasCode(fs []ingest.Finding, code string) bool {
	for _, f := range fs {
		if f.Code() == code {
			return true
		}
	}
	return false
}

// yearChecks applies the configured rules to each unit's year-to-date
// figures (a month may rectify problems found earlier; the year should not).
func yearChecks(cfg *templates.Config, r *Report) []Finding {
	var out []Finding
	for _, u := range r.Units {
		for _, rule := range cfg.Checks.Rules {
			l, rt := rule.Sides(u.YearToDate)
			if len(u.Months) > 0 && rule.Compares() && !rule.Holds(l, rt) {
				out = append(out, Finding{Unit: u.Name, Code: rule.Code, Severity: ingest.Warning.String(), Fix: rule.Fix,
					Message: fmt.Sprintf("%s%d—%d月累计：%s（%d，对比%d）", u.Name, r.From.Month, r.Period.Month, rule.Message, l, rt)})
			}
		}
	}
	return out
}

// areaTotals adds up the work-area rows: the configured areas in order (zero
// when no sheet has them), then any other label seen, in code-point order
// (which does not depend on the order the files were read in), 未分类 last.
func areaTotals(cfg *templates.Config, facts Facts, period ingest.Period) []AreaTotals {
	var out []AreaTotals
	known := map[string]bool{}
	add := func(name string, configured bool) {
		f := facts.Area(name)
		out = append(out, AreaTotals{Area: name, Configured: configured, Month: f.Month(period.Month).Sum(), YearToDate: f.ToDate(cfg.Metrics)})
	}
	for _, a := range cfg.Areas {
		known[a.Name] = true
		add(a.Name, true)
	}
	var unclassified bool
	labels := facts.Areas()
	sort.Strings(labels)
	for _, a := range labels {
		switch {
		case known[a]:
		case a == cfg.Labels.Unclassified:
			unclassified = true
		default:
			add(a, false)
		}
	}
	if unclassified {
		add(cfg.Labels.Unclassified, false)
	}
	return out
}

// lastYear sums the accepted sheets of the same months a year before.
func lastYear(cfg *templates.Config, recs *ingest.Records, period ingest.Period) LastYear {
	from := ingest.Period{Year: period.Year - 1, Month: 1}
	to := ingest.Period{Year: period.Year - 1, Month: period.Month}
	facts := NewFacts(cfg.MetricIDs(), recs, acceptedIn(recs, from, to))
	var ly LastYear
	if m := facts.Month(period.Month); m.Len() > 0 {
		ly.Month = m.Sum()
	}
	if len(facts.Months()) == period.Month {
		ly.YearToDate = facts.ToDate(cfg.Metrics)
	}
	return ly
}
