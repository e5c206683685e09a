package ingest

// readWorkbook finds the data sheet, reads its figures and identifies it.
func (r *Reader) readWorkbook(sub *Submission, wb *Workbook) {
	for _, s := range wb.Sheets {
		sub.Sheets = append(sub.Sheets, SheetInfo{Name: s.Name, Hidden: s.Hidden})
	}
	minScore := max(2, (len(r.cfg.Metrics)+1)/2)
	cand, err := r.headers.pickSheet(wb, r.values, minScore)
	if err != nil {
		sub.fail(&CellError{File: sub.File, Err: err})
		r.identify(sub, nil, nil)
		return
	}
	s, l := cand.sheet, cand.layout
	sub.Sheet, sub.SheetIndex, sub.Layout = s.Name, s.Index, l
	x := &extractor{m: r.headers, values: r.values, metrics: r.ids, notes: r.notes, s: s, l: l, out: &sheetData{}}
	x.loc = func(cell, value string, err error) *CellError {
		return &CellError{File: sub.File, Sheet: s.Name, Index: s.Index, Cell: cell, Value: value, Err: err}
	}
	if l.Kind == ListLayout {
		x.list()
	} else {
		x.table()
	}
	d := x.out
	sub.Areas, sub.Total, sub.Sources = d.areas, d.total, r.cells.Share(r.ids, d.sources)
	sub.Cumulative, sub.CumulativeCells = d.cumulative, r.cells.Share(r.ids, d.cumCells)
	sub.Findings = append(sub.Findings, d.findings...)
	r.identify(sub, s, l)
	if sub.OK() {
		r.check(sub, x)
	}
}
