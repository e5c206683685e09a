package ingest

import (
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
