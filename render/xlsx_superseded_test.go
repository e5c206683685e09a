package render

import (
	"strings"
	"testing"
)

// 数据来源 lists each corrected sheet after the sheets turned back: the
// file, the one that counts in its place, why, the unit's figures before
// and after, and each cell changed; or 无.
func TestXLSXSuperseded(t *testing.T) {
	cases := []struct {
		name string
		none bool
		want []string
	}{
		{"one corrected sheet", false, []string{"三、已被更正的报表（1份）：以后来报送的更正报表为准，原报表未计入", "兴宁区", "2018-10", "10月/兴宁区（11月5日）.xlsx", "10月/兴宁区.xlsx",
			"更正依据：填报日期2018年11月8日晚于2018年11月5日\n兴宁区2018年10月的数字：督查发现问题由362改为366\n改动：脱贫攻坚·督查发现问题 D5 53→57"}},
		{"none", true, []string{"三、已被更正的报表（0份）：以后来报送的更正报表为准，原报表未计入", "无"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := xlsxFixture(t)
			if c.none {
				r.Superseded = nil
			}
			f := openXLSX(t, renderXLSX(t, r))
			rows, err := f.GetRows(sheetSources)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, row := range rows {
				if len(row) > 0 && strings.HasPrefix(row[0], "三、") {
					got = append(got, row[0])
					for _, next := range rows[i+2:] {
						if len(next) > 0 && strings.HasPrefix(next[0], "四、") {
							break
						}
						for _, v := range next {
							if v != "" {
								got = append(got, v)
							}
						}
					}
				}
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}
