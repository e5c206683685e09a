package sheets

import (
	"strings"
	"testing"
)

// The .xlsx copy of a workbook gives each sheet a name .xlsx allows: .xls
// sheet names may be longer than 31 characters or hold [ ] : * ? / \.
func TestXLSXSheetName(t *testing.T) {
	used := map[string]bool{}
	cases := []struct{ name, want string }{
		{"统计表", "统计表"},
		{"BOOK_in_capitals_and_a_name_longer_than_allowed", "BOOK_in_capitals_and_a_name_lon"},
		{"2018/10 [本月]", "2018_10 _本月_"},
		{"", "Sheet4"},
		{"统计表", "Sheet5"},
		{"'引号'", "引号"},
		{strings.Repeat("表", 40), strings.Repeat("表", 31)},
	}
	for i, c := range cases {
		if got := xlsxSheetName(c.name, i, used); got != c.want {
			t.Errorf("%q: %q, want %q", c.name, got, c.want)
		}
	}
	wb := &Workbook{Sheets: []*Sheet{{Name: "BOOK_in_capitals_and_a_name_longer_than_allowed"}, {Name: "a:b"}}}
	f, err := wb.toXLSX()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "BOOK_in_capitals_and_a_name_lon|a_b" {
		t.Errorf("sheets %q", got)
	}
}
