package ingest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// check adds the warnings that do not keep a sheet out: the configured rules
// between metrics (完成整改 ≤ 发现问题 …) and an all-blank sheet.
func (r *Reader) check(sub *Submission, x *extractor) {
	warn := func(metric string, err error) {
		e := x.loc(sub.Sources[metric], "", err)
		sub.Findings = append(sub.Findings, Finding{Warning, e})
	}
	for _, rule := range r.cfg.Checks.Rules {
		left, right := sub.Total[rule.Left], sub.Total[rule.Right]
		if !rule.Holds(left, right) {
			p := &Problem{Code: rule.Code, Text: rule.Message, Fix: rule.Fix}
			warn(rule.Left, fmt.Errorf("%w（%d，对比%d）", p, left, right))
		}
	}
	if x.allBlank() {
		sub.Findings = append(sub.Findings, Finding{Warning, x.loc("", "", ErrAllBlank)})
	}
}

// allBlank reports whether every figure cell of the sheet was empty.
func (x *extractor) allBlank() bool {
	cells := func(yield func(row, col int) bool) {
		if x.l.Kind == ListLayout {
			for _, r := range x.l.Rows {
				if !yield(r, x.l.ValueCol) {
					return
				}
			}
			return
		}
		for _, a := range x.out.areas {
			for _, c := range x.l.Columns {
				if !yield(a.Row-1, c) {
					return
				}
			}
		}
	}
	blank := true
	cells(func(row, col int) bool {
		if strings.TrimSpace(x.s.At(row, col).Text) != "" {
			blank = false
		}
		return blank
	})
	return blank
}

// Reconcile looks at the submissions together. Two accepted sheets for the
// same unit and month with different figures are a conflict: neither counts.
// Identical ones count once; the others are marked DuplicateOf with a
// warning. It also warns when a figure jumps far above the unit's previous
// month, and when a 累计 column disagrees with the months present.
func (r *Reader) Reconcile(subs []*Submission) {
	groups := map[string][]*Submission{}
	var keys []string
	for _, s := range subs {
		if !s.OK() {
			continue
		}
		k := s.Unit + "\x00" + s.Period.String()
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], s)
	}
	sort.Strings(keys)
	for _, k := range keys {
		resolveGroup(groups[k])
	}
	byUnit := counted(subs)
	r.checkSwings(subs, byUnit)
	r.checkCumulative(subs, byUnit)
}

func resolveGroup(g []*Submission) {
	if len(g) < 2 {
		return
	}
	sort.SliceStable(g, func(i, j int) bool { return g[i].File < g[j].File })
	for _, s := range g[1:] {
		if !sameFigures(g[0], s) {
			markConflict(g)
			return
		}
	}
	for _, s := range g[1:] {
		s.DuplicateOf = g[0].File
		s.Findings = append(s.Findings, Finding{Warning, &CellError{File: s.File,
			Err: fmt.Errorf("%w：与%s相同", ErrDuplicate, g[0].File)}})
	}
}

func markConflict(g []*Submission) {
	for _, s := range g {
		var others []string
		for _, o := range g {
			if o != s {
				others = append(others, o.File)
			}
		}
		s.fail(&CellError{File: s.File, Err: fmt.Errorf("%w：%s%s另有%s，数字不同，两份均未计入",
			ErrConflict, s.Unit, s.Period.Chinese(), strings.Join(others, "、"))})
	}
}

func sameFigures(a, b *Submission) bool {
	if !a.Total.Equal(b.Total) || len(a.Areas) != len(b.Areas) {
		return false
	}
	for i := range a.Areas {
		if a.Areas[i].Area != b.Areas[i].Area || !slices.Equal(a.Areas[i].Counts, b.Areas[i].Counts) {
			return false
		}
	}
	return true
}

// counted returns the accepted, non-duplicate submissions by unit and month.
func counted(subs []*Submission) map[string]map[Period]*Submission {
	out := map[string]map[Period]*Submission{}
	for _, s := range subs {
		if !s.OK() || s.DuplicateOf != "" {
			continue
		}
		if out[s.Unit] == nil {
			out[s.Unit] = map[Period]*Submission{}
		}
		out[s.Unit][s.Period] = s
	}
	return out
}

// checkSwings warns when a figure is more than SwingFactor times the same
// unit's figure of the month before (when that was at least SwingMin).
func (r *Reader) checkSwings(subs []*Submission, byUnit map[string]map[Period]*Submission) {
	factor, floor := r.cfg.Checks.SwingFactor, r.cfg.Checks.SwingMin
	if factor <= 0 {
		return
	}
	for _, s := range subs {
		prev, ok := byUnit[s.Unit][s.Period.Prev()]
		if !ok || !s.OK() || s.DuplicateOf != "" {
			continue
		}
		for _, id := range r.cfg.MetricIDs() {
			before, now := prev.Total[id], s.Total[id]
			if before >= floor && now > factor*before {
				s.Findings = append(s.Findings, Finding{Warning, &CellError{File: s.File, Sheet: s.Sheet, Index: s.SheetIndex,
					Cell: s.Sources[id], Err: fmt.Errorf("%w：%s本月%d，上月%d", ErrSwing, r.headers.name(id), now, before)}})
			}
		}
	}
}

// checkCumulative compares a sheet's 累计 column with the sum of the unit's
// accepted months of the year, when all of them are present.
func (r *Reader) checkCumulative(subs []*Submission, byUnit map[string]map[Period]*Submission) {
	for _, s := range subs {
		if s.Cumulative == nil || !s.OK() {
			continue
		}
		sum, complete := Figures{}, true
		for m := 1; m <= s.Period.Month; m++ {
			got, ok := byUnit[s.Unit][Period{s.Period.Year, m}]
			if !ok {
				complete = false
				break
			}
			sum.Add(got.Total)
		}
		if !complete {
			continue
		}
		for _, id := range r.cfg.MetricIDs() {
			if s.Cumulative[id] != sum[id] {
				s.Findings = append(s.Findings, Finding{Warning, &CellError{File: s.File, Sheet: s.Sheet, Index: s.SheetIndex,
					Cell: s.CumulativeCells[id], Err: fmt.Errorf("%w：%s累计填%d，1—%d月各月之和为%d", ErrCumulative, r.headers.name(id), s.Cumulative[id], s.Period.Month, sum[id])}})
			}
		}
	}
}
