package ingest

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jianbao/templates"
)

// standardCSV is the standard sheet typed into a CSV file: two header rows
// with the group headers 约谈 and 问责 written once over their two columns.
func standardCSV(sep string) string {
	rows := [][]string{
		{"青秀区2018年10月“两重两问”督查工作统计表"},
		{"序号", "工作类别", "派出监督检查人员（人次）", "督查发现问题（个）", "完成整改问题（个）", "发出督办（挂牌督办）函（份）", "约谈", "", "问责", ""},
		{"", "", "", "", "", "", "责任单位（个）", "责任人（人）", "责任单位（个）", "责任人（人）"},
	}
	areas := []string{"脱贫攻坚", "“美丽南宁”乡村建设", "扬尘污染治理", "重大项目建设", "为民办实事", "服务东博会峰会", "舆情回访和电视问政", "其他"}
	for i, a := range areas {
		row := []string{string(rune('1' + i)), a}
		for j := 0; j < 8; j++ {
			row = append(row, strconv.Itoa((i+1)*(j+1)))
		}
		rows = append(rows, row)
	}
	rows = append(rows, []string{"", "合计", "36", "72", "108", "144", "180", "216", "252", "288"})
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, sep))
		b.WriteString("\r\n")
	}
	return b.String()
}

func TestReadCSV(t *testing.T) {
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(standardCSV(","))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"utf-8":          standardCSV(","),
		"utf-8 with BOM": "\ufeff" + standardCSV(","),
		"gb18030":        gbk,
		"tab-separated":  standardCSV("\t"),
	}
	rd := NewReader(templates.Default())
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			s := rd.Read("2018-10/青秀区.csv", []byte(data))
			if !s.OK() || !s.Total.Equal(simpleTotals()) || s.Unit != "青秀区" || s.Period != (Period{2018, 10}) {
				t.Fatalf("unit %q period %v total %v findings %v", s.Unit, s.Period, s.Total, s.Findings)
			}
		})
	}
	t.Run("bad value names its cell", func(t *testing.T) {
		s := rd.Read("青秀区.csv", []byte(strings.Replace(standardCSV(","), "合计,36,72,", "合计,36,72.5,", 1)))
		errs := s.Errors()
		if len(errs) != 1 || errs[0].Cell != "D12" || !strings.HasPrefix(errs[0].Error(), "青秀区.csv D12") {
			t.Fatalf("findings %v", s.Findings)
		}
	})
}
