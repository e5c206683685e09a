package ingest

import "fmt"

// readWorkbook finds the data sheet and its table, identifies it, takes
// its figures and checks them.
func (r *Reader) readWorkbook(sub *Submission, wb *Workbook) {
	for _, s := range wb.Sheets {
		sub.Sheets = append(sub.Sheets, SheetInfo{Name: s.Name, Hidden: s.Hidden})
	}
	hint := func() Period {
		if _, p := r.fromPath(sub.File); !p.value.IsZero() {
			return p.value
		}
		return r.Period
	}
	choice, err := r.headers.pickTable(wb, r.values, r.minScore(), hint)
	if err != nil {
		sub.fail(&CellError{File: sub.File, Err: err})
		r.identify(sub, nil, 0, found[Period]{})
		return
	}
	s, v, t := choice.sheet, choice.view, choice.table
	sub.Sheet, sub.SheetIndex, sub.Table = s.Name, s.Index, t
	r.identify(sub, s, t.Top(), r.headers.headerPeriod(v, t))
	r.unitBelow(sub, s, choice.bottom()+1)
	sub.FilledOn = r.corr.filledOn(s, filledRows(s, t.Top(), choice.bottom()))
	loc := func(cell, value string, err error) *CellError {
		return &CellError{File: sub.File, Sheet: s.Name, Index: s.Index, Cell: cell, Value: value, Err: err}
	}
	if p, ok := r.headers.sheetMonth(s.Name); ok && !sub.Period.IsZero() && !sameMonth(p, sub.Period) {
		sub.Findings = append(sub.Findings, Finding{Error, loc("", "", fmt.Errorf("%w：工作表名“%s”与%s不符", ErrPeriodMismatch, s.Name, sub.Period.Chinese()))})
	}
	if choice.stray != "" {
		sub.Findings = append(sub.Findings, Finding{Error, loc(choice.stray, "", errorf(ErrUnaccounted, "统计表旁边另有指标列，看不出哪一列是本月数"))})
	}
	if err := r.headers.resolveMonths(v, t, sub.Period); err != nil {
		sub.Findings = append(sub.Findings, Finding{Error, loc(v.ref(t.Header[0], t.firstCol()), "", err)})
	}
	a := &accountant{m: r.headers, values: r.values, metrics: r.ids, v: v, t: t, out: &sheetData{}, loc: loc}
	a.run()
	d := a.out
	sub.Areas, sub.Total, sub.Sources = d.areas, d.total, r.cells.Share(r.ids, d.sources)
	sub.Cumulative, sub.CumulativeCells = d.cumulative, r.cells.Share(r.ids, d.cumCells)
	sub.Findings = append(sub.Findings, d.findings...)
	if area := a.figureArea(); area != "" && a.allBlank() {
		sub.Findings = append(sub.Findings, Finding{Error, loc(area, "", ErrNotFilled)})
	}
	if sub.OK() {
		r.check(sub, a)
	}
	if sub.OK() {
		sub.Earlier = r.earlierSheets(sub, choice.earlier)
	}
}

// minScore is how many of the configured metrics a header must name to be
// taken for the statistics table: half of them, at least one.
func (r *Reader) minScore() int { return max(1, (len(r.cfg.Metrics)+1)/2) }

// earlierSheets reads the sheets of earlier months of a workbook kept with
// one sheet per month; those that cannot be read cleanly are left out.
func (r *Reader) earlierSheets(sub *Submission, sheets []sheetTable) []EarlierSheet {
	var out []EarlierSheet
	for _, st := range sheets {
		p, _ := r.headers.sheetMonth(st.sheet.Name)
		if p.Year == 0 {
			p.Year = sub.Period.Year
		}
		if err := r.headers.resolveMonths(st.view, st.table, p); err != nil {
			continue
		}
		a := &accountant{m: r.headers, values: r.values, metrics: r.ids, v: st.view, t: st.table, out: &sheetData{},
			loc: func(cell, value string, err error) *CellError { return &CellError{Cell: cell, Value: value, Err: err} }}
		a.run()
		if hasError(a.out.findings) {
			continue
		}
		out = append(out, EarlierSheet{Sheet: st.sheet.Name, Period: p, Total: a.out.total, Sources: r.cells.Share(r.ids, a.out.sources)})
	}
	return out
}
