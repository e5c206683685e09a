package tablegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/templates"
)

// seeds is how many cases the tests check: 600, or JIANBAO_TABLEGEN_SEEDS.
var seeds = func() uint64 {
	if n, err := strconv.ParseUint(os.Getenv("JIANBAO_TABLEGEN_SEEDS"), 10, 64); err == nil && n > 0 {
		return n
	}
	return 600
}()

// TestDeterministic: the same seed gives the same case, down to the bytes
// of its JSON.
func TestDeterministic(t *testing.T) {
	for seed := uint64(1); seed <= 100; seed++ {
		a, err := WriteJSON(Generate(seed))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := WriteJSON(Generate(seed))
		if !bytes.Equal(a, b) {
			t.Fatalf("seed %d: two runs differ", seed)
		}
	}
	if a, b := Generate(1), Generate(2); a.Truth.Unit == b.Truth.Unit && a.Truth.Month == b.Truth.Month &&
		slices.Equal(a.Truth.Total(), b.Truth.Total()) {
		t.Error("seeds 1 and 2 give the same figures")
	}
}

// TestTruthConsistent checks the figures of each case against themselves:
// totals are the sums of the area rows, the year to date the sum of the
// months, parts no larger than their parent, counts never negative.
func TestTruthConsistent(t *testing.T) {
	cfg := templates.Default()
	areas := map[string]bool{}
	for _, a := range cfg.Areas {
		areas[a.Name] = true
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		c := Generate(seed)
		tr := &c.Truth
		where := fmt.Sprintf("seed %d", seed)
		if tr.Month < 1 || tr.Month > 12 || tr.Unit == "" || len(tr.Rows) == 0 {
			t.Fatalf("%s: unit %q month %d rows %d", where, tr.Unit, tr.Month, len(tr.Rows))
		}
		if !slices.Equal(tr.Metrics, cfg.MetricIDs()) {
			t.Fatalf("%s: metrics %v", where, tr.Metrics)
		}
		sum := make([]int64, len(tr.Metrics))
		for _, counts := range tr.AreaTotals() {
			for k, v := range counts {
				sum[k] += v
			}
		}
		if !slices.Equal(sum, tr.Total()) {
			t.Errorf("%s: areas add up to %v, total %v", where, sum, tr.Total())
		}
		if !slices.Equal(tr.MonthTotal(tr.Month), tr.Total()) {
			t.Errorf("%s: month %d total differs from the total", where, tr.Month)
		}
		cum := make([]int64, len(tr.Metrics))
		for m := 1; m <= tr.Month; m++ {
			for k, v := range tr.MonthTotal(m) {
				cum[k] += v
			}
		}
		if !slices.Equal(cum, tr.CumulativeTotal()) {
			t.Errorf("%s: year to date %v, months add up to %v", where, tr.CumulativeTotal(), cum)
		}
		nonzero := false
		for _, r := range tr.Rows {
			if !areas[r.Area] {
				t.Errorf("%s: row area %q is not configured", where, r.Area)
			}
			if len(r.Months) != tr.Month || len(r.PriorYear) != tr.Month || len(r.PrevDec) != len(tr.Metrics) {
				t.Errorf("%s: row %q has %d months", where, r.Area, len(r.Months))
			}
			for _, mo := range append(append(slices.Clone(r.Months), r.PrevDec), r.PriorYear...) {
				for _, v := range mo {
					if v < 0 {
						t.Errorf("%s: negative count in row %q", where, r.Area)
					}
				}
			}
			for _, v := range r.Counts() {
				nonzero = nonzero || v != 0
			}
		}
		if !nonzero {
			t.Errorf("%s: every figure of the month is zero", where)
		}
		// Parts of one parent, together, fit inside it in every month.
		partSum := map[int][][]int64{}
		for _, p := range tr.Parts {
			if p.Parent < 0 || p.Parent >= len(tr.Rows) {
				t.Fatalf("%s: part %q of row %d", where, p.Label, p.Parent)
			}
			ps := partSum[p.Parent]
			if ps == nil {
				ps = make([][]int64, tr.Month+2)
				for i := range ps {
					ps[i] = make([]int64, len(tr.Metrics))
				}
				partSum[p.Parent] = ps
			}
			for m := 0; m <= tr.Month; m++ {
				for k, v := range p.Month(m) {
					ps[m][k] += v
				}
			}
			for k, v := range p.PriorYear[tr.Month-1] {
				ps[tr.Month+1][k] += v
			}
		}
		for parent, ps := range partSum {
			row := &tr.Rows[parent]
			for m := 0; m <= tr.Month+1; m++ {
				var whole []int64
				if m <= tr.Month {
					whole = row.Month(m)
				} else {
					whole = row.PriorYear[tr.Month-1]
				}
				for k := range whole {
					if ps[m][k] > whole[k] {
						t.Errorf("%s: parts of %q add up to %d > %d (month %d, metric %d)", where, row.Area, ps[m][k], whole[k], m, k)
					}
				}
			}
		}
		broken := 0
		for _, tf := range c.Transforms {
			if IsBroken(tf) {
				broken++
			}
			if !slices.ContainsFunc(Transforms, func(i TransformInfo) bool { return i.Name == tf }) {
				t.Errorf("%s: transformation %q is not listed", where, tf)
			}
		}
		if c.Readable != (broken == 0) || broken > 1 {
			t.Errorf("%s: readable %v with %d broken transformations", where, c.Readable, broken)
		}
		if c.Has(List) || c.Has(ListCumulative) {
			if tr.HasAreas {
				t.Errorf("%s: a list claims areas", where)
			}
		} else if !tr.HasAreas {
			t.Errorf("%s: a table without areas", where)
		}
	}
}

// TestGrid checks each workbook's shape: a visible active sheet, merges that
// do not overlap, no value hidden under a merge, sorted unique cells.
func TestGrid(t *testing.T) {
	for seed := uint64(1); seed <= seeds; seed++ {
		c := Generate(seed)
		wb := &c.Book
		where := fmt.Sprintf("seed %d", seed)
		if wb.Active < 0 || wb.Active >= len(wb.Sheets) || wb.Sheets[wb.Active].Hidden {
			t.Errorf("%s: active sheet %d of %d is not a visible sheet", where, wb.Active, len(wb.Sheets))
		}
		names := map[string]bool{}
		for _, s := range wb.Sheets {
			if names[s.Name] || s.Name == "" || len([]rune(s.Name)) > 31 {
				t.Errorf("%s: sheet name %q", where, s.Name)
			}
			names[s.Name] = true
			for i := 1; i < len(s.Cells); i++ {
				a, b := s.Cells[i-1], s.Cells[i]
				if a.Row > b.Row || (a.Row == b.Row && a.Col >= b.Col) {
					t.Errorf("%s %s: cells out of order at %s", where, s.Name, b.Ref())
				}
			}
			for i, m := range s.Merges {
				if m.Bottom < m.Top || m.Right < m.Left || (m.Bottom == m.Top && m.Right == m.Left) {
					t.Errorf("%s %s: merge %s", where, s.Name, m.Ref())
				}
				for _, n := range s.Merges[i+1:] {
					if m.Top <= n.Bottom && n.Top <= m.Bottom && m.Left <= n.Right && n.Left <= m.Right {
						t.Errorf("%s %s: merges %s and %s overlap", where, s.Name, m.Ref(), n.Ref())
					}
				}
				for _, cell := range s.Cells {
					inside := cell.Row >= m.Top && cell.Row <= m.Bottom && cell.Col >= m.Left && cell.Col <= m.Right
					if inside && (cell.Row != m.Top || cell.Col != m.Left) {
						t.Errorf("%s %s: %s holds %q under merge %s\n%s", where, s.Name, cell.Ref(), cell.show(), m.Ref(), wb.Dump())
					}
				}
			}
		}
	}
}

// TestCoverage: every transformation shows up in the first few thousand
// seeds, and about one case in ten is broken.
func TestCoverage(t *testing.T) {
	const n = 3000
	count := map[Transform]int{}
	broken := 0
	for seed := uint64(1); seed <= n; seed++ {
		c := Generate(seed)
		for _, tf := range c.Transforms {
			count[tf]++
		}
		if !c.Readable {
			broken++
		}
	}
	for _, i := range Transforms {
		if count[i.Name] < 5 {
			t.Errorf("%s: %d cases of %d", i.Name, count[i.Name], n)
		}
	}
	if broken < n/20 || broken > n/6 {
		t.Errorf("%d broken cases of %d", broken, n)
	}
}

// TestWriteXLSX reads the written files back with excelize and compares
// every cell, merge and hidden row, column and sheet with the grid.
func TestWriteXLSX(t *testing.T) {
	for seed := uint64(1); seed <= 150; seed++ {
		c := Generate(seed)
		data, err := WriteXLSX(c)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if got := f.GetSheetList(); len(got) != len(c.Book.Sheets) {
			t.Fatalf("seed %d: sheets %v", seed, got)
		}
		if f.GetActiveSheetIndex() != c.Book.Active {
			t.Errorf("seed %d: active sheet %d, want %d", seed, f.GetActiveSheetIndex(), c.Book.Active)
		}
		for _, s := range c.Book.Sheets {
			where := fmt.Sprintf("seed %d sheet %s", seed, s.Name)
			if v, _ := f.GetSheetVisible(s.Name); v == s.Hidden {
				t.Errorf("%s: visible %v", where, v)
			}
			for _, cell := range s.Cells {
				ref := cell.Ref()
				got, err := f.GetCellValue(s.Name, ref)
				if err != nil {
					t.Fatal(err)
				}
				var want string
				switch cell.Kind {
				case KindText:
					want = cell.Text
				case KindNumber:
					want = strconv.FormatFloat(cell.Number, 'f', -1, 64)
				case KindFormula:
					if cell.Cached {
						want = strconv.FormatInt(int64(cell.Number), 10)
					}
					fo, _ := f.GetCellFormula(s.Name, ref)
					if fo != cell.Formula {
						t.Errorf("%s %s: formula %q, want %q", where, ref, fo, cell.Formula)
					}
				}
				if got != want {
					t.Errorf("%s %s: %q, want %q", where, ref, got, want)
				}
			}
			merges, _ := f.GetMergeCells(s.Name)
			if len(merges) != len(s.Merges) {
				t.Errorf("%s: %d merges, want %d", where, len(merges), len(s.Merges))
			}
			for _, r := range s.HiddenRows {
				if v, _ := f.GetRowVisible(s.Name, r+1); v {
					t.Errorf("%s: row %d visible", where, r+1)
				}
			}
			for _, col := range s.HiddenCols {
				if v, _ := f.GetColVisible(s.Name, ColName(col)); v {
					t.Errorf("%s: column %s visible", where, ColName(col))
				}
			}
		}
		f.Close()
	}
}

// TestJSON: the JSON of a case decodes to the same case.
func TestJSON(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		c := Generate(seed)
		data, err := WriteJSON(c)
		if err != nil {
			t.Fatal(err)
		}
		var back Case
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		again, _ := WriteJSON(back)
		if !bytes.Equal(data, again) {
			t.Errorf("seed %d: JSON does not round-trip", seed)
		}
	}
}

func TestRefs(t *testing.T) {
	for _, tc := range []struct {
		row, col int
		want     string
	}{{0, 0, "A1"}, {6, 3, "D7"}, {0, 25, "Z1"}, {9, 26, "AA10"}, {0, 701, "ZZ1"}, {0, 702, "AAA1"}} {
		if got := Ref(tc.row, tc.col); got != tc.want {
			t.Errorf("Ref(%d, %d) = %s, want %s", tc.row, tc.col, got, tc.want)
		}
	}
	if got := sumFormula(2, []int{4, 5, 6, 8, 10, 11}, nil); got != "SUM(C5:C7,C9,C11:C12)" {
		t.Errorf("sumFormula = %s", got)
	}
	if got := thousands(1234567); got != "1,234,567" {
		t.Errorf("thousands = %s", got)
	}
}

// TestMarks reads back, with a parser of its own, every cell where a case
// wrote a true figure of the month, and checks that each area's figure of
// each metric (or, for a list, each total) is shown.
func TestMarks(t *testing.T) {
	for seed := uint64(1); seed <= seeds; seed++ {
		c := Generate(seed)
		if !c.Readable {
			continue
		}
		tr := &c.Truth
		where := fmt.Sprintf("seed %d %v", seed, c.Transforms)
		sheets := map[string]*Sheet{}
		for i := range c.Book.Sheets {
			sheets[c.Book.Sheets[i].Name] = &c.Book.Sheets[i]
		}
		shown := map[[2]int]bool{}
		for _, m := range c.marks {
			s := sheets[m.sheet]
			cell, ok := s.At(m.row, m.col)
			got, err := readCount(cell, ok)
			if ok && cell.Kind == KindFormula {
				// Recompute the formula as a spreadsheet would, whatever it
				// has cached.
				v, ferr := evalFormula(s, cell.Formula, 0)
				if ferr == nil && cell.Cached && int64(cell.Number) != v {
					ferr = fmt.Errorf("=%s caches %v, computes %d", cell.Formula, cell.Number, v)
				}
				got, err = v, ferr
			}
			want := tr.Total()[m.metric]
			if m.area >= 0 {
				want = tr.Rows[m.area].Counts()[m.metric]
			}
			if err != nil {
				t.Errorf("%s: %s %s: %v", where, m.sheet, Ref(m.row, m.col), err)
			} else if got != want {
				t.Errorf("%s: %s %s holds %d, want %d", where, m.sheet, Ref(m.row, m.col), got, want)
			}
			shown[[2]int{m.area, m.metric}] = true
		}
		for k := range tr.Metrics {
			if !tr.HasAreas {
				if !shown[[2]int{-1, k}] {
					t.Errorf("%s: total of metric %d not shown", where, k)
				}
				continue
			}
			for a := range tr.Rows {
				if !shown[[2]int{a, k}] {
					t.Errorf("%s: metric %d of row %d (%s) not shown", where, k, a, tr.Rows[a].Area)
				}
			}
		}
	}
}

// readCount reads a count the simple way: numbers, cached formula values,
// and text with full-width digits, separators, .0, a measure word or a
// zero mark.
func readCount(c Cell, ok bool) (int64, error) {
	if !ok {
		return 0, nil
	}
	switch c.Kind {
	case KindNumber:
		if c.Number != float64(int64(c.Number)) {
			return 0, fmt.Errorf("%v is not whole", c.Number)
		}
		return int64(c.Number), nil
	case KindFormula:
		if !c.Cached {
			return 0, fmt.Errorf("formula without a value")
		}
		return int64(c.Number), nil
	}
	var b []rune
	for _, r := range c.Text {
		if r >= '０' && r <= '９' {
			r -= 0xFEE0
		}
		b = append(b, r)
	}
	s := strings.TrimSpace(string(b))
	switch s {
	case "", "—", "-", "/", "无":
		return 0, nil
	}
	for _, m := range []string{"人次", "个", "份", "人"} {
		s = strings.TrimSuffix(s, m)
	}
	s = strings.ReplaceAll(s, ",", "")
	s = strings.TrimSuffix(strings.TrimSuffix(s, ".00"), ".0")
	return strconv.ParseInt(s, 10, 64)
}

// evalFormula computes the formulas the generator writes, SUM(A1:A3,A5)
// and A1+A5, as a spreadsheet does: SUM passes over text, + does not.
func evalFormula(s *Sheet, f string, depth int) (int64, error) {
	if depth > 3 {
		return 0, fmt.Errorf("formulas nested too deep")
	}
	value := func(row, col int, sum bool) (int64, error) {
		c, ok := s.At(row, col)
		switch {
		case !ok:
			return 0, nil
		case c.Kind == KindNumber:
			return int64(c.Number), nil
		case c.Kind == KindFormula:
			return evalFormula(s, c.Formula, depth+1)
		case sum:
			return 0, nil // SUM passes over text
		}
		return 0, fmt.Errorf("%s is text %q", c.Ref(), c.Text)
	}
	if inner, ok := strings.CutPrefix(f, "SUM("); ok && strings.HasSuffix(inner, ")") {
		var total int64
		for _, arg := range strings.Split(strings.TrimSuffix(inner, ")"), ",") {
			from, to, _ := strings.Cut(arg, ":")
			if to == "" {
				to = from
			}
			r1, c1, err1 := parseRef(from)
			r2, c2, err2 := parseRef(to)
			if err1 != nil || err2 != nil {
				return 0, fmt.Errorf("bad range %q", arg)
			}
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					v, err := value(r, c, true)
					if err != nil {
						return 0, err
					}
					total += v
				}
			}
		}
		return total, nil
	}
	var total int64
	for _, ref := range strings.Split(f, "+") {
		r, c, err := parseRef(ref)
		if err != nil {
			return 0, fmt.Errorf("bad formula %q", f)
		}
		v, err := value(r, c, false)
		if err != nil {
			return 0, err
		}
		total += v
	}
	return total, nil
}

// parseRef reads A1 as 0-based row and column.
func parseRef(ref string) (row, col int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	n, err := strconv.Atoi(ref[i:])
	if i == 0 || err != nil || n < 1 {
		return 0, 0, fmt.Errorf("bad reference %q", ref)
	}
	return n - 1, col - 1, nil
}
