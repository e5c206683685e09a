package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"jianbao/templates"
)

// metricHeader is the one-row header of the eight metrics.
var metricHeader = []any{"派出监督检查人员", "督查发现问题", "完成整改问题", "发出督办函", "约谈责任单位", "约谈责任人", "问责责任单位", "问责责任人"}

var areaNames = []string{"脱贫攻坚", "美丽南宁乡村建设", "扬尘污染治理", "重大项目建设", "为民办实事", "服务东博会峰会", "舆情回访和电视问政", "其他"}

// areaRow is label cells followed by area i's figures from simpleAreas.
func areaRow(i int, labels ...any) []any {
	a := simpleAreas()
	return append(labels, a[i][:]...)
}

// totalsRow is label cells followed by the totals of simpleAreas.
func totalsRow(labels ...any) []any {
	out := labels
	for j := range 8 {
		out = append(out, 36*(j+1))
	}
	return out
}

func titled(rows ...[]any) [][]any {
	return append([][]any{{"青秀区2018年10月督查工作统计表"}}, rows...)
}

// plainTable is a one-row header, 序号 | 类别, eight areas, and the rows
// given after the areas.
func plainTable(after ...[]any) [][]any {
	rows := titled(append([]any{"序号", "工作类别"}, metricHeader...))
	for i, n := range areaNames {
		rows = append(rows, areaRow(i, i+1, n))
	}
	return append(rows, after...)
}

func TestTableAnatomy(t *testing.T) {
	want := simpleTotals()
	cases := []struct {
		name   string
		sheets []testSheet
		codes  string // error and warning codes expected, or "" for a clean read
	}{
		{"合计 in the 序号 column, 类别 blank", []testSheet{{name: "表", rows: plainTable(totalsRow("合计", nil))}}, ""},
		{"合计 merged across the label columns", []testSheet{{name: "表", rows: plainTable(totalsRow("合  计", nil)), merges: [][2]string{{"A11", "B11"}}}}, ""},
		{"合计 first, 合　计 with an ideographic space", []testSheet{{name: "表", rows: func() [][]any {
			rows := titled(append([]any{"序号", "工作类别"}, metricHeader...), totalsRow(nil, "合　计"))
			for i, n := range areaNames {
				rows = append(rows, areaRow(i, i+1, n))
			}
			return rows
		}()}}, ""},
		{"其中 rows are parts, not added", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			part := append([]any{nil, "其中：易地扶贫搬迁"}, 1, 1, 1, 1, 1, 1, 1, 1)
			return slices.Insert(rows, 3, part)
		}()}}, ""},
		{"其中 rows without a total", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable()
			return slices.Insert(rows, 3, append([]any{nil, "  易地扶贫搬迁"}, 1, 1, 1, 1, 1, 1, 1, 1), append([]any{nil, "#危房改造"}, 0, 1, 0, 0, 0, 0, 0, 0))
		}()}}, ""},
		{"a part larger than its parent", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable()
			return slices.Insert(rows, 3, append([]any{nil, "其中：易地扶贫搬迁"}, 5, 1, 1, 1, 1, 1, 1, 1))
		}()}}, "error:PART_EXCEEDS_WHOLE"},
		{"小计 under group headings", []testSheet{{name: "表", rows: func() [][]any {
			rows := titled(append([]any{"序号", "工作类别"}, metricHeader...), []any{"一、", "重点工作"})
			a := simpleAreas()
			for i := range 4 {
				rows = append(rows, areaRow(i, i+1, areaNames[i]))
			}
			sub := []any{nil, "小计"}
			for j := range 8 {
				sub = append(sub, (1+2+3+4)*(j+1))
			}
			rows = append(rows, sub, []any{"二、", "其他工作"})
			for i := 4; i < 8; i++ {
				rows = append(rows, areaRow(i, i+1, areaNames[i]))
			}
			sub = []any{nil, "∑其他工作"}
			for j := range 8 {
				sub = append(sub, (5+6+7+8)*(j+1))
			}
			_ = a
			return append(rows, sub, totalsRow(nil, "合计"))
		}()}}, ""},
		{"a wrong 小计", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable()
			return slices.Insert(rows, 4, append([]any{nil, "城区合计"}, 99, 1, 1, 1, 1, 1, 1, 1))
		}()}}, "error:TOTAL_MISMATCH error:TOTAL_MISMATCH error:TOTAL_MISMATCH error:TOTAL_MISMATCH error:TOTAL_MISMATCH error:TOTAL_MISMATCH error:TOTAL_MISMATCH error:TOTAL_MISMATCH"},
		{"本月 and 累计 under each metric, a row of measure words, a 栏次 row", []testSheet{{name: "表", rows: func() [][]any {
			top, mid, unit, serial := []any{"序号", "工作类别"}, []any{nil, nil}, []any{nil, nil}, []any{"甲", "乙"}
			for j, h := range metricHeader {
				top = append(top, h, nil)
				mid = append(mid, "本月", "1-10月累计")
				unit = append(unit, "人次", "人次")
				serial = append(serial, 2*j+1, 2*j+2)
			}
			rows := titled(top, mid, unit, serial)
			a := simpleAreas()
			for i, n := range areaNames {
				row := []any{i + 1, n}
				for j := range 8 {
					row = append(row, a[i][j], 10*a[i][j].(int))
				}
				rows = append(rows, row)
			}
			return rows
		}(), merges: func() [][2]string {
			var m [][2]string
			for j := range 8 {
				c1, c2 := Ref(1, 2+2*j), Ref(1, 3+2*j)
				m = append(m, [2]string{c1, c2})
			}
			return m
		}()}}, ""},
		{"work areas across the top, metrics down the side", []testSheet{{name: "表", rows: func() [][]any {
			top := []any{"指标"}
			for _, n := range areaNames {
				top = append(top, n)
			}
			rows := titled(append(top, "合计"))
			a := simpleAreas()
			for j, h := range metricHeader {
				row := []any{h}
				for i := range 8 {
					row = append(row, a[i][j])
				}
				rows = append(rows, append(row, 36*(j+1)))
			}
			return rows
		}()}}, ""},
		{"a list whose value columns are months", []testSheet{{name: "表", rows: func() [][]any {
			rows := titled([]any{"指标", "2018年09月", "2018年10月", "2018年08月"})
			for j, h := range metricHeader {
				rows = append(rows, []any{h, 1000, 36 * (j + 1), 2000})
			}
			return rows
		}()}}, ""},
		{"合计 in A, work areas in C, footers after the total, the next section below", []testSheet{{name: "表", rows: func() [][]any {
			rows := titled(append([]any{"序号", "乡镇", "工作类别"}, metricHeader...))
			for i, n := range areaNames {
				rows = append(rows, areaRow(i, i+1, "某镇", n))
			}
			rows = append(rows, totalsRow("合计", nil, nil), []any{"编制人：张三", nil, "审核：李四", nil, "批准：王五"},
				[]any{"二、下月工作计划"}, []any{"1", "继续推进", nil, 5, 6})
			return rows
		}()}}, "error:ROW_OUTSIDE_TABLE"},
		{"合计 in A, footers after the total, another table below with its own header", []testSheet{{name: "表", rows: func() [][]any {
			rows := titled(append([]any{"序号", "乡镇", "工作类别"}, metricHeader...))
			for i, n := range areaNames {
				rows = append(rows, areaRow(i, i+1, "某镇", n))
			}
			rows = append(rows, totalsRow("合计", nil, nil), []any{"编制人：张三", nil, "审核：李四", nil, "批准：王五"},
				[]any{"二、重点项目"}, []any{"序号", "项目名称", "责任单位", "进展", "投资额"}, []any{"1", "某项目", "某局", "推进", 5})
			return rows
		}()}}, "warning:TABLE_SET_ASIDE"},
		{"a header below row 40", []testSheet{{name: "表", rows: func() [][]any {
			var rows [][]any
			for i := range 45 {
				rows = append(rows, []any{fmt.Sprintf("填表说明第%d条：请如实填写", i+1)})
			}
			return append(rows, plainTable(totalsRow("合计", nil))...)
		}()}}, ""},
		{"a note row inside the table", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			return slices.Insert(rows, 5, []any{"注：以下三项含市级交办事项"})
		}()}}, ""},
		{"共计 as the total", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "共计"))}}, ""},
		{"汇总 as the total", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "汇总"))}}, ""},
		{"全区合计 as the total", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "全区合计"))}}, ""},
		{"全县合计 as the total", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "全县合计"))}}, ""},
		{"本月合计 as the total", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "本月合计"))}}, ""},
		{"总数 as the total", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "总数"))}}, ""},
		{"Total as the total", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "Total"))}}, ""},
		{"小计 alone as the total", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "小计"))}}, ""},
		{"a work area labelled as a note", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			rows[4][1] = "注：" + areaNames[2]
			return rows
		}()}}, "error:UNACCOUNTED_NUMBER" + strings.Repeat(" error:TOTAL_MISMATCH", 8)},
		{"a row whose label names nothing", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "全部事项"))}}, "error:UNKNOWN_AREA"},
		{"figures in a row with no label", []testSheet{{name: "表", rows: plainTable(areaRow(0, nil, nil))}}, "error:UNLABELLED_ROW"},
		{"a list with no header row", []testSheet{{name: "表", rows: func() [][]any {
			rows := titled()
			for j, h := range metricHeader {
				rows = append(rows, []any{h, 36 * (j + 1)})
			}
			return rows
		}()}}, ""},
		{"指标 | 本月 | 累计 under a merged title", []testSheet{{name: "表", rows: func() [][]any {
			rows := titled([]any{"指标", "本月", "累计"})
			for j, h := range metricHeader {
				rows = append(rows, []any{h, 36 * (j + 1), 100 * (j + 1)})
			}
			return rows
		}(), merges: [][2]string{{"A1", "C1"}}}}, ""},
		{"本月 and 累计 over the metrics, group cells typed once", []testSheet{{name: "表", rows: func() [][]any {
			top := []any{"序号", "工作类别", "本月情况"}
			for range 7 {
				top = append(top, nil)
			}
			top = append(top, "1-10月累计")
			mid := []any{nil, nil, "派出人员", "发现问题", "已整改", "督办函", "约谈", nil, "问责", nil, "派出人员", "发现问题", "已整改", "督办函", "约谈", nil, "问责", nil}
			low := []any{nil, nil, nil, nil, nil, nil, "单位", "人员", "单位", "人员", nil, nil, nil, nil, "单位", "人员", "单位", "人员"}
			rows := titled(top, mid, low)
			a := simpleAreas()
			for i, n := range areaNames {
				row := []any{i + 1, n}
				row = append(row, a[i][:]...)
				for j := range 8 {
					row = append(row, 10*a[i][j].(int))
				}
				rows = append(rows, row)
			}
			return rows
		}(), merges: [][2]string{{"C2", "J2"}, {"K2", "R2"}}}}, ""},
		{"上月 table above 本月 table", []testSheet{{name: "表", rows: func() [][]any {
			rows := [][]any{{"青秀区2018年10月督查工作统计表"}, {"一、上月情况"}, append([]any{"序号", "工作类别"}, metricHeader...)}
			for i, n := range areaNames {
				rows = append(rows, append([]any{i + 1, n}, 9, 9, 9, 9, 9, 9, 9, 9))
			}
			rows = append(rows, []any{nil}, []any{"二、本月情况"}, append([]any{"序号", "工作类别"}, metricHeader...))
			for i, n := range areaNames {
				rows = append(rows, areaRow(i, i+1, n))
			}
			return rows
		}()}}, ""},
		{"two tables and nothing tells which", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable()
			rows = append(rows, []any{nil}, append([]any{"序号", "工作类别"}, metricHeader...))
			for i, n := range areaNames {
				rows = append(rows, areaRow(i, i+1, n))
			}
			return rows
		}()}}, "error:AMBIGUOUS_TABLES"},
		{"values with decimals and separators", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			rows[2][2] = "1.00"
			rows[3][3] = "4.0"
			return rows
		}()}}, ""},
		{"a figure merged over two work areas", []testSheet{{name: "表", rows: plainTable(), merges: [][2]string{{"C3", "C4"}}}}, "error:UNCLEAR_TABLE"},
		{"a column of figures left of the metrics", []testSheet{{name: "表", rows: func() [][]any {
			rows := titled(append([]any{"工作类别", "上年度检查次数"}, metricHeader...))
			for i, n := range areaNames {
				rows = append(rows, areaRow(i, n, 50+i))
			}
			return rows
		}()}}, "error:UNACCOUNTED_NUMBER"},
		{"a hidden column keeps the role its header gives", []testSheet{{name: "表", rows: plainTable(totalsRow(nil, "合计")), hiddenCols: []string{"D"}}}, ""},
		{"a row indented by its style is a part of the row above", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			return slices.Insert(rows, 3, append([]any{nil, "易地扶贫搬迁"}, 1, 1, 1, 1, 1, 1, 1, 1))
		}(), indent: map[string]int{"B4": 2}}}, ""},
		{"a row typed without indent and naming nothing is not a part", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			return slices.Insert(rows, 3, append([]any{nil, "易地扶贫搬迁"}, 1, 1, 1, 1, 1, 1, 1, 1))
		}()}}, "error:UNKNOWN_AREA"},
		{"the only table is titled for the year to date", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			return slices.Insert(rows, 1, []any{"一、1—10月累计情况"})
		}()}}, "error:TABLE_OTHER_PERIOD"},
		{"当月 and 本年累计 joined to the metric's name", []testSheet{{name: "表", rows: func() [][]any {
			top := []any{"序号", "工作类别"}
			for _, h := range metricHeader {
				top = append(top, "本年累计"+h.(string), "当月"+h.(string))
			}
			rows := titled(top)
			a := simpleAreas()
			for i, n := range areaNames {
				row := []any{i + 1, n}
				for j := range 8 {
					row = append(row, 10*a[i][j].(int), a[i][j])
				}
				rows = append(rows, row)
			}
			return rows
		}()}}, ""},
		{"TRUE typed in a figure cell", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			rows[2][2] = true
			return rows
		}()}}, "error:NOT_WHOLE_NUMBER error:TOTAL_MISMATCH"},
		{"a date typed in a figure cell", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable()
			rows[2][2] = time.Date(2018, 10, 12, 0, 0, 0, 0, time.UTC)
			return rows
		}()}}, "error:NOT_WHOLE_NUMBER"},
		{"a hidden row with figures and no total to check it", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable()
			return slices.Insert(rows, 5, areaRow(2, nil, "扬尘污染治理"))
		}(), hiddenRows: []int{6}}}, "error:UNCLEAR_TABLE"},
		{"a work area indented under another, no total", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable()
			rows[5][1] = "    " + areaNames[3]
			return rows
		}()}}, "error:UNCLEAR_TABLE"},
		{"the work areas again under a row naming another period, no total", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable()
			rows = append(rows, []any{nil}, []any{"上月情况"})
			for i, n := range areaNames {
				rows = append(rows, append([]any{i + 1, n}, 9, 9, 9, 9, 9, 9, 9, 9))
			}
			return rows
		}()}}, "error:UNCLEAR_TABLE"},
		{"two 其中 items, the second unmarked, under a checked total", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			return slices.Insert(rows, 3, append([]any{"其中", "易地扶贫搬迁"}, 1, 1, 1, 1, 1, 1, 1, 1), append([]any{nil, "危房改造"}, 0, 1, 0, 0, 0, 0, 0, 0))
		}()}}, ""},
		{"a metric column beside the table, past a blank column", []testSheet{{name: "表", rows: func() [][]any {
			rows := plainTable(totalsRow(nil, "合计"))
			rows[1] = append(rows[1], nil, "派出监督检查人员")
			for r := 2; r < len(rows); r++ {
				rows[r] = append(rows[r], nil, 1000)
			}
			return rows
		}()}}, "error:UNACCOUNTED_NUMBER"},
		{"this month's table beside last month's, each titled over its own columns", []testSheet{{name: "表", rows: func() [][]any {
			left := plainTable(totalsRow(nil, "合计"))
			left[0] = []any{"青秀区2018年10月督查工作统计表"}
			rows := [][]any{append(append([]any{"本月情况"}, make([]any, 10)...), "上月情况")}
			for _, r := range left[1:] {
				row := append(append([]any{}, r...), make([]any, 11-len(r))...)
				other := append([]any{}, r...)
				for j := 2; j < len(other); j++ {
					if _, ok := other[j].(int); ok {
						other[j] = 9
					}
				}
				if r[1] == "合计" {
					for j := 2; j < len(other); j++ {
						other[j] = 72
					}
				}
				rows = append(rows, append(row, other...))
			}
			return append([][]any{left[0]}, rows...)
		}()}}, ""},
		{"one sheet per month", func() []testSheet {
			var out []testSheet
			for m := 1; m <= 10; m++ {
				rows := [][]any{{fmt.Sprintf("青秀区2018年%d月督查工作统计表", m)}, append([]any{"序号", "工作类别"}, metricHeader...)}
				for i, n := range areaNames {
					rows = append(rows, areaRow(i, i+1, n))
				}
				out = append(out, testSheet{name: fmt.Sprintf("%d月", m), rows: rows})
			}
			return out
		}(), ""},
	}
	r := NewReader(templates.Default())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := r.Read("2018-10/青秀区.xlsx", buildXLSX(t, c.sheets...))
			var got []string
			for _, f := range s.Findings {
				if f.Code() != "RECTIFIED_OVER_FOUND" { // simpleAreas breaks this rule everywhere
					got = append(got, f.Severity.String()+":"+f.Code())
				}
			}
			if strings.Join(got, " ") != c.codes {
				var b strings.Builder
				WriteExplain(&b, templates.Default(), []*Submission{s})
				t.Fatalf("findings %v, want %q\n%v\n%s", got, c.codes, s.Findings, b.String())
			}
			if s.OK() && !s.Total.Equal(want) {
				var b strings.Builder
				WriteExplain(&b, templates.Default(), []*Submission{s})
				t.Fatalf("figures %v, want %v\n%s", s.Total, want, b.String())
			}
		})
	}
}

// A workbook kept with one sheet per month: the earlier sheets are compared
// with what was accepted for those months, and a difference is a warning
// naming the cells.
func TestEarlierMonthsRevised(t *testing.T) {
	month := func(m, first int) testSheet {
		rows := [][]any{{fmt.Sprintf("青秀区2018年%d月督查工作统计表", m)}, append([]any{"序号", "工作类别"}, metricHeader...)}
		for i, n := range areaNames {
			row := areaRow(i, i+1, n)
			if i == 0 {
				row[2] = first
			}
			rows = append(rows, row)
		}
		return testSheet{name: fmt.Sprintf("%d月", m), rows: rows}
	}
	r := NewReader(templates.Default())
	sept := r.Read("2018-09/青秀区.xlsx", buildXLSX(t, month(9, 1)))
	oct := r.Read("2018-10/青秀区.xlsx", buildXLSX(t, month(9, 7), month(10, 1)))
	if !oct.OK() || len(oct.Earlier) != 1 || oct.Earlier[0].Period != (Period{2018, 9}) {
		t.Fatalf("October: %v, earlier %+v", oct.Findings, oct.Earlier)
	}
	r.Reconcile([]*Submission{sept, oct})
	var got []string
	for _, f := range oct.Warnings() {
		if f.Code() == ErrPastRevised.Code {
			got = append(got, f.Sheet+"!"+f.Cell)
		}
	}
	if strings.Join(got, " ") != "9月!C3:C10" {
		t.Fatalf("revision warnings at %v; want 9月!C3:C10 (findings %v)", got, oct.Findings)
	}
}

// A 合计 may pass the bound of one count when its rows do not: it is the
// sum of them.
func TestTotalAboveOneCount(t *testing.T) {
	rows := plainTable(totalsRow(nil, "合计"))
	rows[2][2], rows[3][2] = 900_000_000, 900_000_000
	rows[10][2] = 1_800_000_033 // 9e8 + 9e8 + 3 + 4 + 5 + 6 + 7 + 8
	s := NewReader(templates.Default()).Read("2018-10/青秀区.xlsx", buildXLSX(t, testSheet{name: "表", rows: rows}))
	if !s.OK() || s.Total["personnel_dispatched"] != 1_800_000_033 {
		t.Fatalf("total %d, findings %v", s.Total["personnel_dispatched"], s.Errors())
	}
}
