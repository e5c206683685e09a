package sheets

// sheet builds the grid of the cells found, then resolves the merges.
func (sr *sheetReader) sheet(index int, hidden bool) (*Sheet, error) {
	s := &Sheet{Name: sr.name, Index: index, Hidden: hidden}
	width := map[int]int{}
	nrows := 0
	for _, c := range sr.found {
		nrows = max(nrows, c.row+1)
		width[c.row] = max(width[c.row], c.col+1)
	}
	total := 0
	for _, w := range width {
		total += w
	}
	if total > sr.cells {
		return nil, sr.errTooLarge()
	}
	s.Rows = make([][]Cell, nrows)
	for r, w := range width {
		s.Rows[r] = make([]Cell, w)
	}
	for _, c := range sr.found {
		s.Rows[c.row][c.col] = c.cell // a later record for the same cell wins
	}
	for _, m := range sr.merges {
		total += resolveMerge(s, m, sr.rows, sr.cells-total)
	}
	s.setHidden(sr.lay.hiddenRows, sr.lay.hiddenCols)
	return s, nil
}

// resolveMerge copies the value of a merged range's top-left cell into the
// cells it covers, as the .xlsx reader does, adding the rows and cells the
// range covers that hold no records, as long as the sheet stays within
// rowLimit rows and room more cells. It returns how many cells it added.
func resolveMerge(s *Sheet, m mergeRange, rowLimit, room int) int {
	r2, c2 := min(m.r2, rowLimit-1), min(m.c2, MaxColumns-1)
	if m.r1 > r2 || m.c1 > c2 {
		return 0
	}
	grow := 0
	for r := m.r1; r <= r2; r++ {
		if r >= len(s.Rows) {
			grow += c2 + 1
		} else {
			grow += max(0, c2+1-len(s.Rows[r]))
		}
	}
	if grow > room {
		return 0
	}
	for len(s.Rows) <= r2 {
		s.Rows = append(s.Rows, nil)
	}
	origin := s.At(m.r1, m.c1)
	for r := m.r1; r <= r2; r++ {
		for len(s.Rows[r]) <= c2 {
			s.Rows[r] = append(s.Rows[r], Cell{})
		}
		for c := m.c1; c <= c2; c++ {
			if r != m.r1 || c != m.c1 {
				s.Rows[r][c] = Cell{Text: origin.Text, Covered: true}
			}
		}
	}
	return grow
}
