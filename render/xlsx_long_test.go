package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/aggregate"
)

// TestXLSXLongTextsStillWritten: a refused sheet whose finding quotes a
// figure cell of about 2,000 characters, or that has many reasons, is
// listed and every output is written; no row is higher than Excel allows.
func TestXLSXLongTextsStillWritten(t *testing.T) {
	long := strings.Repeat("本单位本月开展督查工作情况良好", 140) // 2,100 characters
	many := func(n int) ([]string, []string) {
		var rs, cs []string
		for i := range n {
			rs = append(rs, fmt.Sprintf("第%d行：“%d.5”不是非负整数", i+7, i))
			cs = append(cs, "NOT_WHOLE_NUMBER")
		}
		return rs, cs
	}
	cases := []struct {
		name    string
		reasons int
		value   string
	}{
		{"long figure cell", 1, long},
		{"many reasons", 40, "12.5"},
		{"both", 60, long + "\n" + long},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := rollupFixture(t)
			reasons, codes := many(c.reasons)
			reasons[0] = "D7：“" + c.value + "”不是非负整数"
			bad := aggregate.ExcludedSheet{File: "10月/坏表.xlsx", Unit: r.Excluded[0].Unit, Period: "2018-10",
				Reasons: reasons, Codes: codes}
			r.Excluded = append(r.Excluded, bad)
			for i, rs := range reasons {
				fd := aggregate.Finding{File: bad.File, Sheet: "统计表", Cell: fmt.Sprintf("D%d", i+7),
					Value: "12.5", Code: "NOT_WHOLE_NUMBER", Severity: "error", Message: rs}
				if i == 0 {
					fd.Value = c.value
				}
				r.Findings = append(r.Findings, fd)
			}
			dir := t.TempDir()
			if err := WriteAll(dir, r, PDF{}, XLSX{}, JSON{}); err != nil {
				t.Fatalf("WriteAll: %v", err)
			}
			for _, n := range []string{"briefing.pdf", "briefing.xlsx", "summary.json"} {
				if fi, err := os.Stat(filepath.Join(dir, n)); err != nil || fi.Size() == 0 {
					t.Errorf("%s not written: %v", n, err)
				}
			}
			f, err := excelize.OpenFile(filepath.Join(dir, "briefing.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = f.Close() }()
			for _, s := range f.GetSheetList() {
				rows, err := f.GetRows(s)
				if err != nil {
					t.Fatal(err)
				}
				for i := range rows {
					if h, err := f.GetRowHeight(s, i+1); err != nil || h > 409 {
						t.Errorf("%s row %d: height %v (%v)", s, i+1, h, err)
					}
				}
			}
			listed := false
			rows, err := f.GetRows(sheetSources)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				if len(row) > 4 && row[2] == bad.File && strings.Contains(row[4], "不是非负整数") {
					listed = true
				}
			}
			if !listed {
				t.Errorf("%s not listed in %s", bad.File, sheetSources)
			}
		})
	}
}

func TestClip(t *testing.T) {
	cases := []struct {
		name, in string
		n        int
		want     string
	}{
		{"short", "12.5", 10, "12.5"},
		{"exact", "一二三", 3, "一二三"},
		{"long", "一二三四五六七八九十", 6, "一二三四……（共10字，中间从略）……九十"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := clip(c.in, c.n); got != c.want {
				t.Errorf("clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
			}
		})
	}
}
