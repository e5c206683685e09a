package ingest

import (
	"strings"
	"testing"

	"jianbao/templates"
)

// An unfilled sheet is an error, never a unit that reported zeros; zeros
// typed (or marked 无, —) in every cell are read, with a warning.
func TestEmptyIsNotZero(t *testing.T) {
	fill := func(v any) [][]any {
		rows := titled(append([]any{"序号", "工作类别"}, metricHeader...))
		for i, n := range areaNames {
			row := []any{i + 1, n}
			for range metricHeader {
				row = append(row, v)
			}
			rows = append(rows, row)
		}
		return rows
	}
	// sums is a 合计 row of SUM formulas over the eight area rows (3..10).
	sums := func(rows [][]any) [][]any {
		total := []any{nil, "合计"}
		for _, c := range "CDEFGHIJ" {
			total = append(total, "=SUM("+string(c)+"3:"+string(c)+"10)")
		}
		return append(rows, total)
	}
	typedTotal := func(rows [][]any) [][]any { return append(rows, totalsRow(nil, "合计")) }
	oneFigure := func() [][]any {
		rows := fill(nil)
		rows[4][3] = 5
		return rows
	}
	cases := []struct {
		name  string
		rows  [][]any
		codes string
	}{
		{"every figure cell blank", fill(nil), "error:NOT_FILLED"},
		{"blank, with a 合计 row of formulas", sums(fill(nil)), "error:NOT_FILLED"},
		{"blank cells of spaces", fill("  "), "error:NOT_FILLED"},
		{"zeros typed", fill(0), "warning:ALL_ZERO"},
		{"zeros typed, 合计 of formulas", sums(fill(0)), "warning:ALL_ZERO"},
		{"无 in every cell", fill("无"), "warning:ALL_ZERO"},
		{"— in every cell", fill("—"), "warning:ALL_ZERO"},
		{"one figure, the rest blank", oneFigure(), ""},
		{"only the 合计 typed: the total is wrong, not the sheet unfilled", typedTotal(fill(nil)), "error:TOTAL_MISMATCH"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewReader(templates.Default()).Read("2018-10/青秀区.xlsx", buildXLSX(t, testSheet{name: "表", rows: c.rows}))
			var got []string
			seen := map[string]bool{}
			for _, f := range s.Findings {
				k := f.Severity.String() + ":" + f.Code()
				if !seen[k] {
					seen[k] = true
					got = append(got, k)
				}
			}
			if strings.Join(got, " ") != c.codes {
				t.Fatalf("findings %s, want %q (%v)", strings.Join(got, " "), c.codes, s.Findings)
			}
			if c.codes == "error:NOT_FILLED" {
				if s.OK() {
					t.Error("an unfilled sheet is accepted")
				}
				if f := s.Findings[0]; f.Cell != "C3:J10" || !strings.Contains(f.Message(), "表格未填写") {
					t.Errorf("finding at %q: %s", f.Cell, f.Message())
				}
			}
		})
	}
}
