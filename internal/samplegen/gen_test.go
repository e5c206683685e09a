package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/templates"
)

func table(t *testing.T) *Table {
	t.Helper()
	tab, err := generate(templates.Default(), defaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// TestReferenceTotals checks, independently of check(), that the figures add
// up exactly to the published January–October 2018 totals.
func TestReferenceTotals(t *testing.T) {
	tab := table(t)
	want := map[string]int64{
		"personnel_dispatched": 42537, "problems_found": 33437, "problems_rectified": 33135,
		"letters_issued": 1976, "units_interviewed": 82, "persons_interviewed": 288,
		"units_held_accountable": 62, "persons_held_accountable": 415,
	}
	if len(tab.Units) != 16 || len(tab.V) != 16 {
		t.Fatalf("%d units", len(tab.Units))
	}
	got := map[string]int64{}
	for u := range tab.V {
		for m := 0; m < nMonths; m++ {
			for a := 0; a < nAreas; a++ {
				for k, id := range tab.Metrics {
					got[id] += tab.V[u][m][a][k]
				}
			}
		}
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: sum %d, want %d", id, got[id], w)
		}
	}
}

// TestUnitMonthConstraints checks every unit-month against the checks the
// reader makes, so that the samples raise no warnings.
func TestUnitMonthConstraints(t *testing.T) {
	tab := table(t)
	id := map[string]int{}
	for k, m := range tab.Metrics {
		id[m] = k
	}
	found, rect := id["problems_found"], id["problems_rectified"]
	pairs := [][2]int{{id["units_interviewed"], id["persons_interviewed"]}, {id["units_held_accountable"], id["persons_held_accountable"]}}
	for u, unit := range tab.Units {
		var f, r int64
		var prev [nMetrics]int64
		for m := 0; m < nMonths; m++ {
			var s [nMetrics]int64
			for a := 0; a < nAreas; a++ {
				for k := 0; k < nMetrics; k++ {
					v := tab.V[u][m][a][k]
					if v < 0 {
						t.Errorf("%s %d月 area %d %s = %d", unit, m+1, a, tab.Metrics[k], v)
					}
					s[k] += v
				}
			}
			if s[rect] > s[found] {
				t.Errorf("%s %d月: rectified %d > found %d", unit, m+1, s[rect], s[found])
			}
			for _, p := range pairs {
				if s[p[1]] < s[p[0]] {
					t.Errorf("%s %d月: %s %d < %s %d", unit, m+1, tab.Metrics[p[1]], s[p[1]], tab.Metrics[p[0]], s[p[0]])
				}
			}
			if m > 0 {
				for k := 0; k < nMetrics; k++ {
					if prev[k] >= 20 && s[k] > 5*prev[k] {
						t.Errorf("%s %d月 %s: %d is more than 5× %d", unit, m+1, tab.Metrics[k], s[k], prev[k])
					}
				}
			}
			prev = s
			f += s[found]
			r += s[rect]
		}
		rate := float64(r) / float64(f)
		switch unit {
		case "上林县", "马山县":
			if rate < 0.93 || rate > 0.965 {
				t.Errorf("%s 整改率 %.3f, want 93%%–96.5%%", unit, rate)
			}
		default:
			if rate < 0.98 {
				t.Errorf("%s 整改率 %.3f, want >= 98%%", unit, rate)
			}
		}
	}
	if errs := check(tab); len(errs) > 0 {
		t.Errorf("check: %v", errs)
	}
}

// TestBiggerUnitsBigger: the five big units find more problems than any other.
func TestBiggerUnitsBigger(t *testing.T) {
	tab := table(t)
	big := map[string]bool{"市本级": true, "青秀区": true, "西乡塘区": true, "兴宁区": true, "江南区": true}
	minBig, maxOther := int64(1<<62), int64(0)
	for u, unit := range tab.Units {
		f := tab.YTD(u, nMonths-1)[kFound]
		if big[unit] {
			minBig = min(minBig, f)
		} else {
			maxOther = max(maxOther, f)
		}
	}
	if minBig <= maxOther {
		t.Errorf("smallest big unit found %d, largest other unit %d", minBig, maxOther)
	}
}

// TestCheckCatchesBrokenTables makes sure check() is not a no-op.
func TestCheckCatchesBrokenTables(t *testing.T) {
	tab := table(t)
	bad := *tab
	bad.V = append(bad.V[:0:0], tab.V...)
	bad.V[3][4][0][kRect] = bad.V[3][4][0][kFound] + 1
	if len(check(&bad)) == 0 {
		t.Error("check accepted rectified > found and a wrong total")
	}
}

func TestPlans(t *testing.T) {
	cfg := templates.Default()
	ps := plans(cfg, defaultSeed)
	if len(ps) != 160 {
		t.Fatalf("%d plans", len(ps))
	}
	paths := map[string]bool{}
	layouts := map[string]int{}
	unitLayouts := map[string]map[string]bool{}
	for _, p := range ps {
		path := p.Period() + "/" + p.File
		if paths[path] {
			t.Errorf("two files at %s", path)
		}
		paths[path] = true
		layouts[p.Layout]++
		l := p.Layout[:1]
		if unitLayouts[p.Unit] == nil {
			unitLayouts[p.Unit] = map[string]bool{}
		}
		unitLayouts[p.Unit][l] = true
	}
	for _, l := range Layouts {
		if layouts[l] < 5 {
			t.Errorf("layout %s used by %d files", l, layouts[l])
		}
	}
	for u, ls := range unitLayouts {
		if len(ls) < 4 {
			t.Errorf("%s uses only %d layouts", u, len(ls))
		}
	}
	for _, l := range Layouts {
		if layoutDocs[l] == "" {
			t.Errorf("layout %s is not described for testdata/samples/README.md", l)
		}
	}
	if len(layouts) != len(Layouts) {
		t.Errorf("layouts in use %v, want the %d of Layouts", layouts, len(Layouts))
	}
	for _, p := range ps {
		if p.M == 0 && (p.Layout == LMonthCols || p.Layout == LRunning) {
			t.Errorf("%s %s: layout %s needs a month before", p.Unit, p.Period(), p.Layout)
		}
	}
	// Files whose layout other tests rely on (.xls conversions of them,
	// validate and annotate runs).
	for _, c := range []struct{ unit, layout string }{{"经开区", LRetyped}, {"青秀区", LStandard}} {
		if p := find(ps, c.unit, 10); p.Layout != c.layout {
			t.Errorf("%s 2018-10 is layout %s, want %s", c.unit, p.Layout, c.layout)
		}
	}
	for _, p := range []string{"2018-10/经开区.xlsx", "2018-10/东盟经开区-201810.xlsx", "2018-10/南宁市青秀区2018年10月两重两问统计表.xlsx",
		"2018-09/南宁经济技术开发区-201809.xlsx", "2018-09/广西—东盟经济技术开发区2018年9月两重两问统计表.xlsx"} {
		if !paths[p] {
			t.Errorf("missing %s", p)
		}
	}
}

// TestDeterministic runs the generator twice into temporary directories and
// compares every byte; it also compares with the committed samples and test
// files, so they cannot go stale.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 180 files twice")
	}
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		if err := run(filepath.Join(d, "samples"), filepath.Join(d, "testdata", "reject"), defaultSeed, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	a, b := readTree(t, dirs[0]), readTree(t, dirs[1])
	if len(a) < 170 {
		t.Fatalf("only %d files written", len(a))
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
	repo := filepath.Join("..", "..")
	for p, x := range a {
		y, err := os.ReadFile(filepath.Join(repo, p))
		if err != nil {
			t.Errorf("committed file: %v (rerun go run ./internal/samplegen)", err)
			continue
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s is stale: rerun go run ./internal/samplegen", p)
		}
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRoundTrip reads the rendered workbooks back with excelize and checks
// that the figures in them are the table's: the standard layout cell by cell
// (with the cached 合计 values), the lists by their totals and year-to-date.
func TestRoundTrip(t *testing.T) {
	cfg := templates.Default()
	tab := table(t)
	seen := map[string]int{}
	variety := map[string]int{}
	for _, p := range plans(cfg, defaultSeed) {
		b, err := render(cfg, tab, p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", p.File, err)
		}
		sheets := f.GetSheetList()
		name := sheets[len(sheets)-1]
		if p.Layout == LRunning {
			name = sheets[f.GetActiveSheetIndex()]
			if name != sheets[len(sheets)-1] {
				t.Errorf("%s: active sheet %s, want the last", p.File, name)
			}
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rows[0][0], p.Disp) || !strings.Contains(rows[0][0], strconv.Itoa(year)) {
			t.Errorf("%s: title %q lacks unit or year", p.File, rows[0][0])
		}
		tot := tab.Month(p.U, p.M)
		switch p.Layout {
		case LStandard, LStandardAlt:
			for a := 0; a < nAreas; a++ {
				for k := 0; k < nMetrics; k++ {
					if got := rows[4+a][2+k]; got != strconv.FormatInt(tab.V[p.U][p.M][a][k], 10) {
						t.Errorf("%s row %d col %d: %q", p.File, 5+a, 3+k, got)
					}
				}
			}
			for k := 0; k < nMetrics; k++ {
				ref := colName(3+k) + "13"
				fo, _ := f.GetCellFormula(name, ref)
				v, _ := f.GetCellValue(name, ref, excelize.Options{RawCellValue: true})
				if fo == "" || v != strconv.FormatInt(tot[k], 10) {
					t.Errorf("%s %s: formula %q cached %q, want %d", p.File, ref, fo, v, tot[k])
				}
			}
		case LTotals, LCumulative:
			ytd := tab.YTD(p.U, p.M)
			for k := 0; k < nMetrics; k++ {
				if got := rows[3+k][1]; got != strconv.FormatInt(tot[k], 10) {
					t.Errorf("%s %s: %q, want %d", p.File, rows[3+k][0], got, tot[k])
				}
				if p.Layout == LCumulative && rows[3+k][2] != strconv.FormatInt(ytd[k], 10) {
					t.Errorf("%s %s 累计: %q, want %d", p.File, rows[3+k][0], rows[3+k][2], ytd[k])
				}
			}
		case LParts, LGroups, LSubColumns, LAcross, LMonthCols, LNotes:
			checkAnatomy(t, cfg, tab, p, rows, variety)
		case LRunning:
			if len(sheets) != p.M+1 {
				t.Errorf("%s: %d sheets, want %d", p.File, len(sheets), p.M+1)
			}
			for m, sh := range sheets {
				if !strings.HasPrefix(sh, strconv.Itoa(m+1)+"月") {
					t.Errorf("%s: sheet %d is %q", p.File, m+1, sh)
					continue
				}
				rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				q := p
				q.M = m
				if !strings.Contains(rows[0][0], q.Chinese()) {
					t.Errorf("%s %s: title %q", p.File, sh, rows[0][0])
				}
				areaRows(t, cfg, tab, q, rows[3:3+nAreas], 2, p.File+" "+sh)
				wantRow(t, rows[3+nAreas][2:], tab.Month(p.U, m), p.File+" "+sh+" 合计")
			}
			variety[LRunning+" "+strings.TrimPrefix(sheets[0], "1")]++
		case LTextStd, LTextRetyped, LTextList:
			for _, row := range rows {
				for _, c := range row {
					switch {
					case strings.ContainsAny(c, "０１２３４５６７８９"):
						variety["fullwidth"]++
					case strings.Contains(c, ",") && !strings.Contains(c, "：") && len(c) < 8:
						variety["thousands"]++
					case strings.HasSuffix(c, ".0"):
						variety["float"]++
					case c == "—" || c == "无":
						variety["dash"]++
					case strings.HasSuffix(c, "个") || strings.HasSuffix(c, "人次"):
						if _, err := strconv.Atoi(strings.TrimRight(c, "个人次")); err == nil {
							variety["measure"]++
						}
					}
				}
			}
		}
		seen[p.Layout]++
		f.Close()
	}
	for _, v := range []string{"fullwidth", "thousands", "float", "dash", "measure"} {
		if variety[v] == 0 {
			t.Errorf("no text value of kind %s in the C layouts", v)
		}
	}
	// Each drawing of the newer layouts comes up at least once.
	for _, v := range []string{"F 合计 in 序号", "F 合计 merged", "F part of total", "G headings split", "G headings merged",
		"H plain header", "H grouped header", "I with 合计", "I without 合计", "I 序号", "J padded", "J unpadded",
		"K 月", "K 月份", "L note inside"} {
		if variety[v] == 0 {
			t.Errorf("no file of the kind %q", v)
		}
	}
}

// TestFiguresCSV checks testdata/samples/figures.csv against the generator.
func TestFiguresCSV(t *testing.T) {
	fh, err := os.Open(filepath.Join("..", "..", "testdata", "samples", "figures.csv"))
	if err != nil {
		t.Skip(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+16*10*8 {
		t.Fatalf("%d rows", len(recs))
	}
	sums := make([]int64, nMetrics)
	for _, r := range recs[1:] {
		for k := 0; k < nMetrics; k++ {
			v, err := strconv.ParseInt(r[3+k], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			sums[k] += v
		}
	}
	for k := range sums {
		if sums[k] != reference[k] {
			t.Errorf("figures.csv %s: %d, want %d", recs[0][3+k], sums[k], reference[k])
		}
	}
}
