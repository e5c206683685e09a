package ingest

import (
	"fmt"
	"strings"
	"testing"

	"jianbao/templates"
)

// withAreaLabels is the shipped configuration with area_labels set.
func withAreaLabels(t testing.TB, mode string) *templates.Config {
	t.Helper()
	b, err := templates.DefaultFile(templates.DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "area_labels: closed\n", "area_labels: "+mode+"\n", 1)
	cfg, err := templates.Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// villageTable is a table of villages by the eight metrics: each village's
// figures are its number (1, 2, 3 …) in every column, the rows given after
// the villages follow.
func villageTable(villages []string, after ...[]any) [][]any {
	rows := [][]any{{"青秀区2018年10月督查工作统计表"}, append([]any{"序号", "村名"}, metricHeader...)}
	for i, v := range villages {
		rows = append(rows, village(i+1, v, i+1))
	}
	return append(rows, after...)
}

func village(serial any, label string, n int) []any {
	row := []any{serial, label}
	for range 8 {
		row = append(row, n)
	}
	return row
}

// With open labels any row label is a work area of its own; totals,
// subtotals, parts and notes still come from the table model, and a 合计
// still checks the rows.
func TestOpenAreaLabels(t *testing.T) {
	villages := []string{"石门村", "那马村", "坛洛村"}
	tests := []struct {
		name  string
		mode  string
		rows  [][]any
		codes string   // error and warning codes, "" for a clean read
		areas []string // the work areas read, in sheet order
		total int64    // each metric's total
	}{
		{name: "villages and their 合计", mode: "open", rows: villageTable(villages, village(nil, "合计", 6)),
			areas: villages, total: 6},
		{name: "closed: a village is no work area", mode: "closed", rows: villageTable(villages, village(nil, "合计", 6)),
			codes: "error:UNKNOWN_AREA error:UNKNOWN_AREA error:UNKNOWN_AREA"},
		{name: "a 合计 that does not add up", mode: "open", rows: villageTable(villages, village(nil, "合计", 7)),
			codes: strings.TrimSpace(strings.Repeat("error:TOTAL_MISMATCH ", 8))},
		{name: "合计 first, 其中 under a village not added", mode: "open", rows: func() [][]any {
			rows := villageTable(nil, village(nil, "合  计", 6))
			for i, v := range villages {
				rows = append(rows, village(i+1, v, i+1))
				if i == 1 {
					rows = append(rows, village(nil, "其中：脱贫户", 1))
				}
			}
			return rows
		}(), areas: villages, total: 6},
		{name: "小计 under town headings", mode: "open", rows: func() [][]any {
			rows := villageTable(nil, []any{"一、", "金陵镇"})
			rows = append(rows, village(1, "石门村", 1), village(2, "那马村", 2), village(nil, "小计", 3), []any{"二、", "坛洛镇"}, village(3, "坛洛村", 3), village(nil, "小计", 3), village(nil, "合计", 6))
			return rows
		}(), areas: villages, total: 6},
		{name: "labels typed differently are one key", mode: "open", rows: villageTable([]string{"石门 村", "（那马村）", "ＡＢ村"}, village(nil, "合计", 6)),
			areas: []string{"石门村", "那马村", "AB村"}, total: 6},
		{name: "a configured area keeps its name", mode: "open", rows: villageTable([]string{"美丽南宁", "那马村", "其它"}, village(nil, "合计", 6)),
			areas: []string{`"美丽南宁"乡村建设`, "那马村", "其他"}, total: 6},
		{name: "numbers in a note row are refused", mode: "open", rows: villageTable(villages, village(nil, "注：含易地搬迁安置点", 2), village(nil, "合计", 6)),
			codes: "error:UNACCOUNTED_NUMBER"},
		{name: "a row of numbers without a label is refused", mode: "open", rows: villageTable(villages, village(nil, "", 2), village(nil, "合计", 6)),
			codes: "error:UNLABELLED_ROW"},
	}
	readers := map[string]*Reader{"open": NewReader(withAreaLabels(t, "open")), "closed": NewReader(withAreaLabels(t, "closed"))}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := readers[tc.mode].Read("2018-10/青秀区.xlsx", buildXLSX(t, testSheet{name: "表", rows: tc.rows}))
			var got []string
			for _, f := range s.Findings {
				if f.Code() != "RECTIFIED_OVER_FOUND" { // equal figures in every column break nothing else
					got = append(got, f.Severity.String()+":"+f.Code())
				}
			}
			if strings.Join(got, " ") != tc.codes {
				t.Fatalf("findings %v, want %q\n%v", got, tc.codes, s.Findings)
			}
			if tc.codes != "" {
				return
			}
			var areas []string
			for _, a := range s.Areas {
				areas = append(areas, a.Area)
			}
			if fmt.Sprint(areas) != fmt.Sprint(tc.areas) {
				t.Errorf("areas %q, want %q", areas, tc.areas)
			}
			for id, n := range s.Total {
				if n != tc.total {
					t.Errorf("%s total %d, want %d", id, n, tc.total)
				}
			}
		})
	}
}
