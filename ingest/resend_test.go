package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"jianbao/templates"
)

// resendSheet is a sheet of 兴宁区 for October 2018 as a test states it: its
// file, the day it says it was filled in ("" for none) and the figure of
// its first work area.
type resendSheet struct {
	file   string
	filled string
	n      int64
}

func (s resendSheet) submission(t *testing.T, ids []string) *Submission {
	t.Helper()
	var day Day
	if s.filled != "" {
		var ok bool
		if day, ok = parseDay(s.filled); !ok {
			t.Fatalf("day %q", s.filled)
		}
	}
	counts := make([]int64, len(ids))
	counts[1] = s.n
	return &Submission{File: s.file, SHA256: fmt.Sprintf("%064x", len(s.file)), Sheet: "统计表", Unit: "兴宁区",
		Period: Period{2018, 10}, FilledOn: day, Total: Figures{ids[1]: s.n}, Sources: map[string]string{ids[1]: "D5"},
		Areas: []AreaFigures{{Area: "脱贫攻坚", Row: 5, Counts: counts}}}
}

// outcome says what became of a sheet: 计入, 更正→FILE, 重复→FILE or 冲突.
func outcome(s *Submission) string {
	switch {
	case !s.OK():
		return "冲突"
	case s.Superseded != nil:
		return "更正→" + s.Superseded.By
	case s.DuplicateOf != "":
		return "重复→" + s.DuplicateOf
	}
	return "计入"
}

// The rule that orders several sheets for one unit and month: the version
// the file name gives, the day the sheet was filled in, each when it
// differs; agreeing or alone they order, opposed or silent they do not.
var resendCases = []struct {
	name   string
	sheets []resendSheet
	want   []string // outcome of each sheet, in order
	reason string   // the reason given to the first superseded sheet
}{
	{"correction word", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区（修改）.xlsx", "", 57}},
		[]string{"更正→兴宁区（修改）.xlsx", "计入"}, "文件名中的“修改”表明是更正后的版本"},
	{"later day", []resendSheet{{"兴宁区-2.xlsx", "2018年11月8日", 57}, {"兴宁区.xlsx", "2018-11-05", 53}},
		[]string{"计入", "更正→兴宁区-2.xlsx"}, "填报日期2018年11月8日晚于2018年11月5日"},
	{"both agree", []resendSheet{{"兴宁区.xlsx", "2018.11.5", 53}, {"兴宁区（更正）.xlsx", "2018/11/8", 57}},
		[]string{"更正→兴宁区（更正）.xlsx", "计入"}, "文件名中的“更正”表明是更正后的版本，填报日期2018年11月8日晚于2018年11月5日"},
	{"both say opposite things", []resendSheet{{"兴宁区.xlsx", "2018年11月8日", 53}, {"兴宁区（修改）.xlsx", "2018年11月5日", 57}},
		[]string{"冲突", "冲突"}, ""},
	{"neither", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区 - 副本.xlsx", "", 57}},
		[]string{"冲突", "冲突"}, ""},
	{"the same day", []resendSheet{{"兴宁区.xlsx", "2018年11月5日", 53}, {"兴宁区 - 副本.xlsx", "2018年11月5日", 57}},
		[]string{"冲突", "冲突"}, ""},
	{"a day on one sheet only", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区 - 副本.xlsx", "2018年11月5日", 57}},
		[]string{"冲突", "冲突"}, ""},
	{"three versions", []resendSheet{{"兴宁区（第3版）.xlsx", "", 60}, {"兴宁区.xlsx", "", 53}, {"兴宁区（第二版）.xlsx", "", 57}},
		[]string{"计入", "更正→兴宁区（第3版）.xlsx", "更正→兴宁区（第3版）.xlsx"}, "文件名中的“第3版”表明是更正后的版本"},
	{"a correction word and a second version tie", []resendSheet{{"兴宁区（修改）.xlsx", "", 53}, {"兴宁区（第二版）.xlsx", "", 57}},
		[]string{"冲突", "冲突"}, ""},
	{"the second correction", []resendSheet{{"兴宁区（修改）.xlsx", "", 53}, {"兴宁区（修改2）.xlsx", "", 57}},
		[]string{"更正→兴宁区（修改2）.xlsx", "计入"}, "文件名中的“修改2”晚于“修改”"},
	{"final above any number", []resendSheet{{"兴宁区（最终版）.xlsx", "", 53}, {"兴宁区（第3版）.xlsx", "", 57}},
		[]string{"计入", "更正→兴宁区（最终版）.xlsx"}, "文件名中的“最终”晚于“第3版”"},
	{"v2, any case", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区V2.xlsx", "", 57}},
		[]string{"更正→兴宁区V2.xlsx", "计入"}, "文件名中的“v2”表明是更正后的版本"},
	{"identical resend", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区（重发）.xlsx", "", 53}},
		[]string{"计入", "重复→兴宁区.xlsx"}, ""},
	{"identical resend marked as a correction", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区（修改）.xlsx", "", 53}},
		[]string{"计入", "重复→兴宁区.xlsx"}, ""},
	{"a correction of a sheet sent twice", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区（补报）.xlsx", "", 57}, {"兴宁区（重发）.xlsx", "", 53}},
		[]string{"更正→兴宁区（补报）.xlsx", "计入", "更正→兴宁区（补报）.xlsx"}, "文件名中的“补报”表明是更正后的版本"},
	{"a correction sent twice", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区（修改）.xlsx", "", 57}, {"兴宁区（修改）（重发）.xlsx", "", 57}},
		[]string{"更正→兴宁区（修改）.xlsx", "计入", "重复→兴宁区（修改）.xlsx"}, "文件名中的“修改”表明是更正后的版本"},
	{"two corrections that nothing orders", []resendSheet{{"兴宁区.xlsx", "", 53}, {"兴宁区（修改）.xlsx", "", 57}, {"兴宁区（更正）.xlsx", "", 58}},
		[]string{"冲突", "冲突", "冲突"}, ""},
}

func TestResendLedger(t *testing.T) {
	cfg := templates.Default()
	rd := NewReader(cfg)
	ids := cfg.MetricIDs()
	for _, c := range resendCases {
		t.Run(c.name, func(t *testing.T) {
			subs := make([]*Submission, len(c.sheets))
			for i, s := range c.sheets {
				subs[i] = s.submission(t, ids)
			}
			rd.Reconcile(subs)
			var got []string
			for _, s := range subs {
				got = append(got, outcome(s))
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("outcomes %q, want %q", got, c.want)
			}
			first := true
			for _, s := range subs {
				if s.Superseded == nil {
					continue
				}
				if first && s.Superseded.Reason != c.reason {
					t.Errorf("%s: reason %q, want %q", s.File, s.Superseded.Reason, c.reason)
				}
				first = false
				var by *Submission
				for _, o := range subs {
					if o.File == s.Superseded.By {
						by = o
					}
				}
				want := []TotalChange{{Metric: ids[1], Old: s.Total[ids[1]], New: by.Total[ids[1]]}}
				wantCells := []CellChange{{Metric: ids[1], Area: "脱贫攻坚", Old: s.Total[ids[1]], New: by.Total[ids[1]]}}
				if !slices.Equal(s.Superseded.Totals, want) || !slices.Equal(s.Superseded.Changes, wantCells) {
					t.Errorf("%s: totals %+v changes %+v", s.File, s.Superseded.Totals, s.Superseded.Changes)
				}
				codes := ""
				for _, f := range s.Findings {
					codes += f.Code() + " "
				}
				if codes != "SUPERSEDED " || !strings.Contains(s.Findings[0].Error(), "以“"+s.Superseded.By+"”为准") {
					t.Errorf("%s: findings %v", s.File, s.Findings)
				}
			}
		})
	}
}

// Whatever order the sheets arrive in, what Add counts and takes out
// again as they come leaves counted exactly the sheet Finish counts (or
// none), as a rollup adding up work areas on the way needs.
func TestResendLedgerAnyOrder(t *testing.T) {
	cfg := templates.Default()
	rd := NewReader(cfg)
	ids := cfg.MetricIDs()
	for _, c := range resendCases {
		t.Run(c.name, func(t *testing.T) {
			for _, order := range permutations(len(c.sheets)) {
				recs := NewRecords(ids, len(c.sheets))
				l := rd.NewLedger(recs)
				counted := map[int]bool{}
				for _, i := range order {
					recs.Set(i, c.sheets[i].submission(t, ids))
					count, uncount := l.Add(i)
					if count {
						counted[i] = true
					}
					if uncount >= 0 {
						if !counted[uncount] {
							t.Fatalf("order %v: %d taken out, not counted", order, uncount)
						}
						delete(counted, uncount)
					}
					if len(counted) > 1 {
						t.Fatalf("order %v: %v counted at once", order, counted)
					}
				}
				l.Finish()
				var sum, want int64
				for i := range counted {
					sum += recs.Counts(i)[1]
				}
				for i, w := range c.want {
					if w == "计入" {
						want += c.sheets[i].n
					}
					if got := outcome(&Submission{Findings: recs.At(i).Findings, DuplicateOf: recs.At(i).DuplicateOf, Superseded: recs.At(i).Superseded}); got != w {
						t.Errorf("order %v: %s %s, want %s", order, c.sheets[i].file, got, w)
					}
				}
				if sum != want {
					t.Errorf("order %v: counted on the way %d, want %d", order, sum, want)
				}
			}
		})
	}
}

func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for at := 0; at <= len(p); at++ {
			q := append(append(append([]int{}, p[:at]...), n-1), p[at:]...)
			out = append(out, q)
		}
	}
	return out
}

func TestVersionOfName(t *testing.T) {
	k := newCorrections(templates.Default().Corrections)
	cases := []struct {
		file string
		n    int
		mark string
	}{
		{"2018-10/兴宁区.xlsx", 1, ""},
		{"更正/兴宁区.xlsx", 1, ""}, // folders say nothing
		{"兴宁区（修改）.xlsx", 2, "修改"},
		{"兴宁区(更正).xls", 2, "更正"},
		{"兴宁区修订稿.xlsx", 2, "修订"},
		{"兴宁区（第二版）.xlsx", 2, "第二版"},
		{"兴宁区（第３版）.xlsx", 3, "第3版"},
		{"兴宁区第十二版.xlsx", 12, "第十二版"},
		{"兴宁区v3.xlsx", 3, "v3"},
		{"兴宁区2018v10.xlsx", 10, "v10"},
		{"兴宁区v2018.xlsx", 1, ""},
		{"兴宁区（第2次修改）.xlsx", 3, "第2次修改"},
		{"兴宁区（修改2）.xlsx", 3, "修改2"},
		{"兴宁区（修改）第3版.xlsx", 3, "第3版"},
		{"兴宁区（最终版）.xlsx", finalVersion, "最终"},
		{"兴宁区（定稿）v5.xlsx", finalVersion, "定稿"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			if got := k.version(c.file); got.n != c.n || got.mark != c.mark {
				t.Errorf("version %+v, want %d %q", got, c.n, c.mark)
			}
		})
	}
}

// The day a sheet was filled in is read above or below its table, after a
// date label, in the same cell or the next, whatever else the cell holds.
func TestFilledOn(t *testing.T) {
	cases := []struct {
		name string
		edit func(rows [][]any) [][]any
		want string
	}{
		{"none", func(rows [][]any) [][]any { return rows }, ""},
		{"below, in a line of notes", func(rows [][]any) [][]any {
			rows[13] = []any{"填表人：张三  审核人：李四  填报日期：2018年11月5日"}
			return rows
		}, "2018-11-05"},
		{"above, the day in the next cell", func(rows [][]any) [][]any {
			rows[1] = []any{"填报单位：青秀区", nil, nil, nil, nil, nil, nil, "统计时段：2018年10月", "填表日期", "2018-11-08"}
			return rows
		}, "2018-11-08"},
		{"a date cell", func(rows [][]any) [][]any {
			return append(rows, []any{"报送日期：", 43412}) // 2018-11-08 as Excel counts days
		}, "2018-11-08"},
		{"no day, only a month", func(rows [][]any) [][]any {
			return append(rows, []any{"填报日期：2018年11月"})
		}, ""},
		{"not a day", func(rows [][]any) [][]any {
			return append(rows, []any{"填报日期：2018年2月30日"})
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows := c.edit(standardRows(simpleAreas(), nil)[:14])
			s := NewReader(templates.Default()).Read("青秀区.xlsx", buildXLSX(t, testSheet{name: "统计表", rows: rows, merges: standardMerges[:9]}))
			if !s.OK() {
				t.Fatalf("findings %v", s.Findings)
			}
			if got := s.FilledOn.String(); got != c.want {
				t.Errorf("filled on %q, want %q", got, c.want)
			}
		})
	}
}

// A correction read from files names each changed cell, in both sheets
// when a row moved, and the work area a row that only one sheet has.
func TestResendCells(t *testing.T) {
	rd := NewReader(templates.Default())
	rows := func(edit func(a *[8][8]any)) [][]any {
		a := simpleAreas()
		edit(&a)
		return standardRows(a, nil)[:12]
	}
	old := buildXLSX(t, testSheet{name: "统计表", rows: rows(func(*[8][8]any) {}), merges: standardMerges[:9]})
	fixed := rows(func(a *[8][8]any) { a[0][1] = 16; a[2][0] = 0 })
	fixed = append(fixed[:4], append([][]any{{nil, "（本表为更正后重报）"}}, fixed[4:]...)...) // every area row one lower
	corrected := buildXLSX(t, testSheet{name: "统计表", rows: fixed, merges: standardMerges[:9]})
	subs := []*Submission{rd.Read("青秀区.xlsx", old), rd.Read("青秀区（第2版）.xlsx", corrected)}
	rd.Reconcile(subs)
	s := subs[0].Superseded
	if s == nil || !subs[1].OK() || subs[1].Superseded != nil {
		t.Fatalf("findings %v / %v", subs[0].Findings, subs[1].Findings)
	}
	var got []string
	for _, c := range s.Changes {
		got = append(got, c.Text(rd.headers.name))
	}
	want := []string{"脱贫攻坚·督查发现问题 D5→D6 2→16", "扬尘污染治理·派出监督检查人员 C7→C8 3→0"}
	if !slices.Equal(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
	if t0 := s.Totals; len(t0) != 2 || t0[0].Old != 36 || t0[0].New != 33 || t0[1].Old != 72 || t0[1].New != 86 {
		t.Errorf("totals %+v", t0)
	}
}

// A correction that is refused leaves the sheet it meant to correct
// counted, with a warning saying so; an older sheet refused says nothing.
func TestRefusedCorrection(t *testing.T) {
	cfg := templates.Default()
	rd := NewReader(cfg)
	ids := cfg.MetricIDs()
	cases := []struct {
		name    string
		refused string
		want    string // the codes of the counted sheet's findings
	}{
		{"the correction refused", "兴宁区（修改）.xlsx", "CORRECTION_REFUSED"},
		{"the first sheet refused", "兴宁区.xlsx", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			subs := []*Submission{
				resendSheet{"兴宁区.xlsx", "", 53}.submission(t, ids),
				resendSheet{"兴宁区（修改）.xlsx", "", 57}.submission(t, ids),
			}
			var counted *Submission
			for _, s := range subs {
				if s.File == c.refused {
					s.fail(&CellError{File: s.File, Sheet: "统计表", Cell: "D5", Value: "5.7", Err: ErrNotWholeNumber})
				} else {
					counted = s
				}
			}
			rd.Reconcile(subs)
			var codes []string
			for _, f := range counted.Findings {
				codes = append(codes, f.Code())
			}
			if strings.Join(codes, " ") != c.want || !counted.OK() || counted.Superseded != nil {
				t.Fatalf("findings %v", counted.Findings)
			}
			if c.want != "" && !strings.Contains(counted.Findings[0].Error(), "“兴宁区（修改）.xlsx”（文件名中的“修改”表明是更正后的版本）有错误未采用，仍按本表计入") {
				t.Errorf("message %v", counted.Findings[0])
			}
		})
	}
}

// The marks of a correction are the configuration's: an office that takes
// 修改 out of them, and adds 校正, reads the names that way.
func TestVersionFromConfiguration(t *testing.T) {
	c := templates.Default().Corrections
	c.Words = []string{"校正"}
	k := newCorrections(c)
	for file, n := range map[string]int{"兴宁区（修改）.xlsx": 1, "兴宁区（校正）.xlsx": 2, "兴宁区（第3版）.xlsx": 3} {
		if got := k.version(file); got.n != n {
			t.Errorf("%s: version %d, want %d", file, got.n, n)
		}
	}
}
