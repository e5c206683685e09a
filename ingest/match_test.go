package ingest

import (
	"fmt"
	"strings"
	"testing"

	"jianbao/templates"
)

func TestHeaderMatcherMetric(t *testing.T) {
	m := NewHeaderMatcher(templates.Default())
	cases := map[string]string{
		"派出监督检查人员":       "personnel_dispatched",
		"派出监督检查人员（人次）":   "personnel_dispatched",
		"派出督查人员":         "personnel_dispatched",
		"派出监督检查人员数":      "personnel_dispatched",
		"派出人员（人次）":       "personnel_dispatched",
		"督查人次":           "personnel_dispatched",
		" 派出监督\n检查人员 ":   "personnel_dispatched",
		"1.派出监督检查人员":     "personnel_dispatched",
		"（一）督查发现问题":      "problems_found",
		"发现问题":           "problems_found",
		"发现问题数":          "problems_found",
		"督查发现问题数":        "problems_found",
		"督查发现问题（个）":      "problems_found",
		"完成整改":           "problems_rectified",
		"已整改问题":          "problems_rectified",
		"整改完成数":          "problems_rectified",
		"完成整改问题数":        "problems_rectified",
		"完成整改问题（个）":      "problems_rectified",
		"督办函":            "letters_issued",
		"发出督办函":          "letters_issued",
		"发督办函（含挂牌督办）":    "letters_issued",
		"发出督办（挂牌督办）函（份）": "letters_issued",
		"发出督办(挂牌督办)函":    "letters_issued",
		"约谈单位":           "units_interviewed",
		"约谈责任单位（个）":      "units_interviewed",
		"约谈人员":           "persons_interviewed",
		"约谈责任人（人）":       "persons_interviewed",
		"约谈责任人数":         "persons_interviewed",
		"问责单位":           "units_held_accountable",
		"问责人员":           "persons_held_accountable",
		"问责责任人":          "persons_held_accountable",
		"约谈":             "",
		"问责":             "",
		"序号":             "",
		"备注":             "",
		"工作类别":           "",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			if got := m.Metric(in); got != want {
				t.Errorf("Metric(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestHeaderMatcherLabels(t *testing.T) {
	m := NewHeaderMatcher(templates.Default())
	if !m.IsTotal("合  计") || !m.IsTotal("总计") || m.IsTotal("其他") {
		t.Error("IsTotal")
	}
	for in, want := range map[string]string{"脱贫攻坚": "脱贫攻坚", "“美丽南宁”乡村建设": `"美丽南宁"乡村建设`, "1.扬尘污染治理": "扬尘污染治理", "其它": "其他", "合计": ""} {
		if got := m.Area(in); got != want {
			t.Errorf("Area(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDefaultConfigHasNoConflicts(t *testing.T) {
	if err := CheckConfig(templates.Default()); err != nil {
		t.Fatal(err)
	}
}

func TestUnitMatcher(t *testing.T) {
	m := NewUnitMatcher(templates.Default().Units)
	cases := map[string]string{
		"青秀区": "青秀区",
		"南宁市青秀区2018年10月统计表": "青秀区",
		"经开区":          "经开区",
		"东盟经开区":        "东盟经开区",
		"东盟经开区-201810": "东盟经开区",
		"南宁经济技术开发区":    "经开区",
		"广西—东盟经济技术开发区": "东盟经开区",
		"广西-东盟经济技术开发区": "东盟经开区",
		"东盟经济技术开发区报表":  "东盟经开区",
		"横州市":          "横县",
		"南宁高新技术产业开发区":  "高新区",
		"市本级":          "市本级",
		"南宁市":          "",
		"青秀区和兴宁区":      "",
		"2018年10月“两重两问”督查工作统计表": "",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			if got := m.Unit(in); got != want {
				t.Errorf("Unit(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestPeriods(t *testing.T) {
	cases := map[string]Period{
		"2018年10月":        {2018, 10},
		"2018年10月份":       {2018, 10},
		"２０１８年１０月":        {2018, 10},
		"统计时段：2018年 10 月": {2018, 10},
		"2018.10":         {2018, 10},
		"2018-10":         {2018, 10},
		"2018_03":         {2018, 3},
		"201810":          {2018, 10},
		"东盟经开区-201810":    {2018, 10},
		"青秀区2018年1月统计表":   {2018, 1},
		"2018年1—10月累计":    {},
		"填报时间：2018年11月5日": {},
		"2018-11-05":      {},
		"2018年13月":        {},
		"20181":           {},
		"电话0771-1234567":  {},
		"2018年10月统计，2018年11月5日填报": {2018, 10},
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			got, _ := PeriodIn(in)
			if got != want {
				t.Errorf("PeriodIn(%q) = %v, want %v", in, got, want)
			}
		})
	}
}

func TestValueLike(t *testing.T) {
	m := NewHeaderMatcher(templates.Default())
	for in, want := range map[string]bool{
		"12个": true, "４２": true, "1,234人次": true, " 7 ": true, "35人次": true,
		"1.派出监督检查人员": false, "12.5": false, "无": false, "2018年10月": false, "个": false,
	} {
		if got := m.valueLike(in); got != want {
			t.Errorf("valueLike(%q) = %v, want %v", in, got, want)
		}
	}
}

// The memo of header texts starts afresh when full, so that a run over any
// number of files keeps it bounded, and matching goes on as before.
func TestHeaderMemoBounded(t *testing.T) {
	cfg := templates.Default()
	m := NewHeaderMatcher(cfg)
	name := cfg.Metrics[0].Name
	for i := range maxMemo * 2 {
		m.Metric(fmt.Sprintf("桂省某某县%d年“两重两问”工作情况统计表", i))
		if n := m.memoSize.Load(); n > maxMemo {
			t.Fatalf("memo holds %d texts after %d, limit %d", n, i+1, maxMemo)
		}
	}
	if got := m.Metric(name); got != cfg.Metrics[0].ID {
		t.Errorf("Metric(%q) = %q after the memo was renewed", name, got)
	}
	long := strings.Repeat("说明", maxMemoText)
	m.Metric(long)
	if _, ok := m.memo.Load().Load(long); ok {
		t.Errorf("a text of %d bytes was remembered", len(long))
	}
}
