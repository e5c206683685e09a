package ingest

import (
	"fmt"
	"strings"
	"testing"

	"jianbao/templates"
)

// A sheet that states another month above its table is never taken for the
// month its folder names; the day it was filled in is not its month.
func TestOtherMonthStated(t *testing.T) {
	cases := []struct {
		above []string
		want  string // the error code expected, or ""
	}{
		{[]string{"青秀区2018年10月督查工作统计表"}, ""},
		{[]string{"青秀区督查工作统计表", "统计时段：2018年10月1日至10月31日"}, ""},
		{[]string{"青秀区督查工作统计表", "填报日期：2018年11月5日"}, ""},
		{[]string{"青秀区督查工作统计表", "填报时间：2018.11.3"}, ""},
		{[]string{"9月份“两重两问”督查工作情况统计表"}, "PERIOD_MISMATCH"},
		{[]string{"二〇一八年九月份督查情况统计表"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区（18年9月）督查情况统计表"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区督查工作统计表", "统计时段：2018.9.1-2018.9.30"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区督查工作统计表", "统计时段：2018年9月1日-30日"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区2017年10月督查工作统计表"}, "PERIOD_MISMATCH"},
		{[]string{"2017年度督查工作统计表"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区督查工作统计表", "模板版本：2017年修订"}, ""},
		{[]string{"青秀区督查工作统计表", "统计时段：2018.1-2018.10"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区督查工作统计表", "统计时段：2018.10"}, ""},
		{[]string{"青秀区2018年第四季度督查工作统计表"}, "TABLE_OTHER_PERIOD"},
		{[]string{"青秀区2018年上半年督查工作统计表"}, "TABLE_OTHER_PERIOD"},
		{[]string{"青秀区2018年度督查工作统计表"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区2018年9-10月督查工作统计表"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区督查工作统计表", "统计时段：2018年9-10月"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区督查工作统计表", "统计时段：2018年9月至10月"}, "PERIOD_MISMATCH"},
		{[]string{"青秀区督查工作统计表", "统计时段：2018年10-10月"}, ""},
		{[]string{"青秀区督查工作统计表", "统计时段：2018年1-10月"}, "TABLE_OTHER_PERIOD"},
		{[]string{"青秀区督查工作统计表", "统计时段：2018年10月（累计）"}, "TABLE_OTHER_PERIOD"},
		{[]string{"青秀区督查工作统计表", "统计时段：截至2018年10月底"}, "TABLE_OTHER_PERIOD"},
	}
	r := NewReader(templates.Default())
	for _, c := range cases {
		t.Run(strings.Join(c.above, " / "), func(t *testing.T) {
			var rows [][]any
			for _, a := range c.above {
				rows = append(rows, []any{a})
			}
			rows = append(rows, plainTable(totalsRow(nil, "合计"))[1:]...)
			s := r.Read("2018-10/青秀区.xlsx", buildXLSX(t, testSheet{name: "表", rows: rows}))
			var got []string
			for _, f := range s.Errors() {
				got = append(got, f.Code())
			}
			if strings.Join(got, " ") != c.want {
				t.Fatalf("errors %v, want %q (%v)", got, c.want, s.Findings)
			}
		})
	}
}

// A column headed 本月（9月） in October's file names September: it is not
// October's figure, whatever the word 本月 says.
func TestMonthInBrackets(t *testing.T) {
	top, mid := []any{"序号", "工作类别"}, []any{nil, nil}
	for _, h := range metricHeader {
		top = append(top, h, nil)
		mid = append(mid, "本月（9月）", "1-9月累计")
	}
	rows := titled(top, mid)
	a := simpleAreas()
	for i, n := range areaNames {
		row := []any{i + 1, n}
		for j := range 8 {
			row = append(row, a[i][j], 10*a[i][j].(int))
		}
		rows = append(rows, row)
	}
	rows[0] = []any{"青秀区督查工作统计表"}
	s := NewReader(templates.Default()).Read("2018-10/青秀区.xlsx", buildXLSX(t, testSheet{name: "表", rows: rows}))
	if s.OK() {
		t.Fatalf("September's column read as October's: %v", s.Total)
	}
	found := false
	for _, f := range s.Errors() {
		found = found || f.Code() == ErrMonthColumn.Code
	}
	if !found {
		t.Errorf("findings %v, want %s", s.Findings, ErrMonthColumn.Code)
	}
}

// A unit written below the table (填报单位 in the footer) names the unit
// when nothing else does, and is an error when it names another.
func TestUnitBelowTable(t *testing.T) {
	for _, c := range []struct {
		file, footer, unit, want string
	}{
		{"2018-10/青秀区.xlsx", "填报单位：兴宁区", "", "UNIT_MISMATCH"},
		{"2018-10/青秀区.xlsx", "填报单位：青秀区", "青秀区", ""},
		{"2018-10/统计表.xlsx", "填报单位：兴宁区", "兴宁区", ""},
	} {
		t.Run(c.file+" "+c.footer, func(t *testing.T) {
			rows := append([][]any{{"督查工作统计表（2018年10月）"}}, plainTable(totalsRow(nil, "合计"))[1:]...)
			rows = append(rows, []any{c.footer})
			s := NewReader(templates.Default()).Read(c.file, buildXLSX(t, testSheet{name: "表", rows: rows}))
			var got []string
			for _, f := range s.Errors() {
				got = append(got, f.Code())
			}
			if strings.Join(got, " ") != c.want || (c.want == "" && s.Unit != c.unit) {
				t.Fatalf("errors %v unit %q, want %q unit %q", got, s.Unit, c.want, c.unit)
			}
			if footer := fmt.Sprintf("A%d", len(rows)); c.want != "" && s.Errors()[0].Cell != footer {
				t.Errorf("error at %q, want the footer %s", s.Errors()[0].Cell, footer)
			}
		})
	}
}
