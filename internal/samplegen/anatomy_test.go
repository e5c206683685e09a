package main

import (
	"strconv"
	"strings"
	"testing"

	"jianbao/templates"
)

// get returns cell i of a row as read by excelize (rows lose their
// trailing empty cells), or "".
func get(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// areaOf returns the work area a label names (by name or alias), or -1.
func areaOf(cfg *templates.Config, label string) int {
	for a, area := range cfg.Areas {
		if label == area.Name {
			return a
		}
		for _, al := range area.Aliases {
			if label == al {
				return a
			}
		}
	}
	return -1
}

// wantRow checks that the cells hold the figures, one per metric.
func wantRow(t *testing.T, cells []string, want [nMetrics]int64, what string) {
	t.Helper()
	for k := 0; k < nMetrics; k++ {
		if got := get(cells, k); got != strconv.FormatInt(want[k], 10) {
			t.Errorf("%s %s: %q, want %d", what, metricIDs[k], got, want[k])
		}
	}
}

// areaRows checks the eight work-area rows of a table: the label in column
// col-1 names area a, and the figures of month p.M start in column col.
func areaRows(t *testing.T, cfg *templates.Config, tab *Table, p plan, rows [][]string, col int, what string) {
	t.Helper()
	if len(rows) != nAreas {
		t.Fatalf("%s: %d area rows", what, len(rows))
	}
	for a, row := range rows {
		if got := areaOf(cfg, get(row, col-1)); got != a {
			t.Errorf("%s: row %q is not %s", what, get(row, col-1), cfg.Areas[a].Name)
			continue
		}
		wantRow(t, row[col:], tab.V[p.U][p.M][a], what+" "+cfg.Areas[a].Name)
	}
}

// notOver checks that a part's figures do not exceed its parent's.
func notOver(t *testing.T, cells []string, parent [nMetrics]int64, what string) {
	t.Helper()
	for k := 0; k < nMetrics; k++ {
		v, err := strconv.ParseInt(get(cells, k), 10, 64)
		if err != nil || v < 0 || v > parent[k] {
			t.Errorf("%s %s: %q, parent %d", what, metricIDs[k], get(cells, k), parent[k])
		}
	}
}

func isPart(label string) bool {
	return strings.HasPrefix(label, "其中") || strings.HasPrefix(label, "含") || strings.HasPrefix(label, "#")
}

// checkAnatomy reads back a sheet of one of the newer single-sheet layouts
// and checks every figure in it against the table: work areas, parts,
// subtotals, totals, 累计, the month before. variety counts the drawings
// seen, so that the test can ask for each of them.
func checkAnatomy(t *testing.T, cfg *templates.Config, tab *Table, p plan, rows [][]string, variety map[string]int) {
	t.Helper()
	what := p.File + " (" + p.Layout + ")"
	tot := tab.Month(p.U, p.M)
	switch p.Layout {
	case LParts:
		a, parts := 0, 0
		var parent [nMetrics]int64
		for i := 3; i < len(rows); i++ {
			row, label := rows[i], get(rows[i], 1)
			switch {
			case a < nAreas && label == cfg.Areas[a].Name:
				parent = tab.V[p.U][p.M][a]
				wantRow(t, row[2:], parent, what+" "+label)
				a++
			case isPart(label) && a > 0 && a <= nAreas:
				notOver(t, row[2:], parent, what+" "+label)
				parts++
			case get(row, 0) == "合计" || get(row, 0) == "合  计":
				if a != nAreas || label != "" {
					t.Errorf("%s: 合计 at row %d after %d areas, 类别 %q", what, i+1, a, label)
				}
				wantRow(t, row[2:], tot, what+" 合计")
				variety[map[string]string{"合计": "F 合计 in 序号", "合  计": "F 合计 merged"}[get(row, 0)]]++
				if i+1 < len(rows) && isPart(get(rows[i+1], 1)) {
					notOver(t, rows[i+1][2:], tot, what+" "+get(rows[i+1], 1))
					variety["F part of total"]++
				}
				a = nAreas + 1
			}
		}
		if a != nAreas+1 || parts < 2 {
			t.Errorf("%s: %d areas, %d parts, total seen %v", what, a, parts, a > nAreas)
		}
	case LGroups:
		a, headings, subtotals := 0, 0, 0
		var sub [nMetrics]int64
	rows:
		for i := 4; i < len(rows); i++ {
			row := rows[i]
			first, label := get(row, 0), get(row, 1)
			switch {
			case strings.HasPrefix(first, "一、") || strings.HasPrefix(first, "二、"):
				headings++
				sub = [nMetrics]int64{}
				if label == "" {
					variety["G headings merged"]++
				} else {
					variety["G headings split"]++
				}
			case label == "小计":
				wantRow(t, row[2:], sub, what+" 小计")
				subtotals++
			case label == "合计":
				wantRow(t, row[2:], tot, what+" 合计")
				break rows
			default:
				if got := areaOf(cfg, label); got != a {
					t.Fatalf("%s: row %d %q, want %s", what, i+1, label, cfg.Areas[a].Name)
				}
				wantRow(t, row[2:], tab.V[p.U][p.M][a], what+" "+label)
				for k := range sub {
					sub[k] += tab.V[p.U][p.M][a][k]
				}
				a++
			}
		}
		if a != nAreas || headings != 2 || subtotals != 2 {
			t.Errorf("%s: %d areas, %d headings, %d subtotals", what, a, headings, subtotals)
		}
	case LSubColumns:
		serial := -1
		for i, row := range rows {
			if get(row, 0) == "甲" && get(row, 1) == "乙" {
				serial = i
				break
			}
		}
		if serial < 0 {
			t.Fatalf("%s: no 栏次 row", what)
		}
		for c := 2; c < 2+2*nMetrics; c++ {
			if get(rows[serial], c) != strconv.Itoa(c-1) {
				t.Errorf("%s: 栏次 %d is %q", what, c-1, get(rows[serial], c))
			}
			k := (c - 2) / 2
			if get(rows[serial-1], c) != measures[k] {
				t.Errorf("%s: measure %q over %s", what, get(rows[serial-1], c), metricIDs[k])
			}
		}
		if got := get(rows[serial-2], 3); got != cumulativeHead(p.Month()) {
			t.Errorf("%s: 累计 header %q", what, got)
		}
		if serial == 6 {
			variety["H grouped header"]++
		} else {
			variety["H plain header"]++
		}
		split := func(row []string, off int) []string {
			var out []string
			for k := 0; k < nMetrics; k++ {
				out = append(out, get(row, 2+2*k+off))
			}
			return out
		}
		for a := 0; a < nAreas; a++ {
			row := rows[serial+1+a]
			if areaOf(cfg, get(row, 1)) != a {
				t.Errorf("%s: row %q is not %s", what, get(row, 1), cfg.Areas[a].Name)
			}
			wantRow(t, split(row, 0), tab.V[p.U][p.M][a], what+" 本月 "+cfg.Areas[a].Name)
			wantRow(t, split(row, 1), areaYTD(tab, p.U, p.M, a), what+" 累计 "+cfg.Areas[a].Name)
		}
		row := rows[serial+1+nAreas]
		if get(row, 1) != "合计" {
			t.Errorf("%s: %q after the areas", what, get(row, 1))
		}
		wantRow(t, split(row, 0), tot, what+" 本月 合计")
		wantRow(t, split(row, 1), tab.YTD(p.U, p.M), what+" 累计 合计")
	case LAcross:
		head := rows[2]
		label := 0
		if get(head, 0) == "序号" {
			label = 1
			variety["I 序号"]++
		}
		for a := 0; a < nAreas; a++ {
			if areaOf(cfg, get(head, label+1+a)) != a {
				t.Errorf("%s: column %q is not %s", what, get(head, label+1+a), cfg.Areas[a].Name)
			}
		}
		total := get(head, label+1+nAreas) == "合计"
		if total {
			variety["I with 合计"]++
		} else {
			variety["I without 合计"]++
		}
		for k := 0; k < nMetrics; k++ {
			row := rows[3+k]
			for a := 0; a < nAreas; a++ {
				if got := get(row, label+1+a); got != strconv.FormatInt(tab.V[p.U][p.M][a][k], 10) {
					t.Errorf("%s %s %s: %q", what, get(row, label), cfg.Areas[a].Name, got)
				}
			}
			if total && get(row, label+1+nAreas) != strconv.FormatInt(tot[k], 10) {
				t.Errorf("%s %s 合计: %q, want %d", what, get(row, label), get(row, label+1+nAreas), tot[k])
			}
		}
	case LMonthCols:
		head := rows[2]
		switch {
		case get(head, 1) == monthHead(p.Month()-1, true) && get(head, 2) == monthHead(p.Month(), true):
			variety["J padded"]++
		case get(head, 1) == monthHead(p.Month()-1, false) && get(head, 2) == monthHead(p.Month(), false):
			variety["J unpadded"]++
		default:
			t.Errorf("%s: header %q", what, head)
		}
		prev := tab.Month(p.U, p.M-1)
		for k := 0; k < nMetrics; k++ {
			row := rows[3+k]
			if get(row, 1) != strconv.FormatInt(prev[k], 10) || get(row, 2) != strconv.FormatInt(tot[k], 10) {
				t.Errorf("%s %s: %q %q, want %d %d", what, get(row, 0), get(row, 1), get(row, 2), prev[k], tot[k])
			}
		}
	case LNotes:
		var areas [][]string
		i := 4
		for ; i < len(rows) && get(rows[i], 1) != "合计"; i++ {
			if get(rows[i], 1) == "" {
				variety["L note inside"]++
				continue
			}
			areas = append(areas, rows[i])
		}
		if i == len(rows) {
			t.Fatalf("%s: no 合计", what)
		}
		areaRows(t, cfg, tab, p, areas, 2, what)
		wantRow(t, rows[i][2:], tot, what+" 合计")
		var below []string
		for _, row := range rows[i+1:] {
			below = append(below, strings.Join(row, " "))
		}
		text := strings.Join(below, " ")
		for _, w := range []string{"注：", "填表人：", "审核人：", "联系电话：", "编制人：", "审核：", "批准："} {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %s below the table", what, w)
			}
		}
	}
}
