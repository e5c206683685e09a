package ingest

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jianbao/templates"
)

// sampleFigures reads the figure table the samples were made from and sums
// one unit's month over its work areas.
func sampleFigures(t *testing.T, unit, period string) Figures {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "samples", "figures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head, sum := recs[0], Figures{}
	for _, r := range recs[1:] {
		if r[0] != unit || r[1] != period {
			continue
		}
		for j := 3; j < len(r); j++ {
			n, err := strconv.ParseInt(r[j], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			sum[head[j]] += n
		}
	}
	return sum
}

// TestForeignWorkbooks reads workbooks written by other programs (openpyxl,
// which leaves formulas without cached values; LibreOffice; xlwt and
// LibreOffice .xls) and checks each against the figures they were made from.
func TestForeignWorkbooks(t *testing.T) {
	want := sampleFigures(t, "青秀区", "2018-10")
	files := []string{
		"foreign/青秀区-2018-10-openpyxl.xlsx",
		"foreign/青秀区-2018-10-libreoffice.xlsx",
		"xls/青秀区-2018-10-libreoffice.xls",
	}
	rd := NewReader(templates.Default())
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			s := rd.ReadFile(filepath.Join("..", "testdata", name), name)
			if !s.OK() || s.Unit != "青秀区" || s.Period != (Period{2018, 10}) {
				t.Fatalf("unit %q period %v findings %v", s.Unit, s.Period, s.Findings)
			}
			if !s.Total.Equal(want) {
				t.Errorf("total %v\nwant  %v", s.Total, want)
			}
		})
	}
}

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

// xlsFixture reads a file of testdata/xls (see its README.md).
func xlsFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "xls", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestReadXLS reads LibreOffice conversions of samples as submissions: each
// must give what its .xlsx gives, whatever the file is named.
func TestReadXLS(t *testing.T) {
	cases := []struct{ xls, name, xlsx string }{
		{"经开区-2018-10-libreoffice.xls", "经开区.xls", "经开区.xlsx"},
		{"经开区-2018-10-libreoffice.xls", "经开区.xlsx", "经开区.xlsx"},
		// The standard layout: two-row merged header, =SUM 合计 row.
		{"青秀区-2018-10-libreoffice.xls", "南宁市青秀区2018年10月两重两问统计表.xls", "南宁市青秀区2018年10月两重两问统计表.xlsx"},
	}
	rd := NewReader(templates.Default())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			orig, err := os.ReadFile(filepath.Join("..", "samples", "2018-10", c.xlsx))
			if err != nil {
				t.Skip(err)
			}
			want := rd.Read(c.xlsx, orig)
			got := rd.Read(c.name, xlsFixture(t, c.xls))
			if !got.OK() || !want.OK() {
				t.Fatalf("findings %v; the .xlsx: %v", got.Findings, want.Findings)
			}
			if !reflect.DeepEqual(got.Total, want.Total) || got.Unit != want.Unit || got.Period != want.Period {
				t.Errorf("got %s %v %v, want %s %v %v", got.Unit, got.Period, got.Total, want.Unit, want.Period, want.Total)
			}
			if !reflect.DeepEqual(got.Areas, want.Areas) || !reflect.DeepEqual(got.Sources, want.Sources) || got.Sheet != want.Sheet {
				t.Errorf("areas %v sources %v sheet %q; want %v %v %q", got.Areas, got.Sources, got.Sheet, want.Areas, want.Sources, want.Sheet)
			}
		})
	}
}

// TestReadXLSRefused reads .xls files that are not read as submissions: each
// is one clear error with advice.
func TestReadXLSRefused(t *testing.T) {
	cases := []struct{ file, name, code string }{
		{"统计表-encrypted.xls", "统计表.xls", ErrEncrypted.Code},
	}
	rd := NewReader(templates.Default())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := rd.Read(c.name, xlsFixture(t, c.file))
			errs := s.Errors()
			if s.OK() || len(errs) != 1 || errs[0].Code() != c.code {
				t.Fatalf("findings %v, want one %s", s.Findings, c.code)
			}
			if errs[0].Fix() == "" {
				t.Error("no advice")
			}
		})
	}
}

// A CSV label with quotes in it is read as Excel reads it, and a number
// typed as 1,234 without quotes, which shifts the fields after it, is an
// error at its row rather than a silent misread.
func TestCSVQuotesInTable(t *testing.T) {
	header := "序号,工作类别," + strings.Join(func() []string {
		var h []string
		for _, v := range metricHeader {
			h = append(h, v.(string))
		}
		return h
	}(), ",")
	rows := []string{"青秀区2018年10月督查工作统计表,,,,,,,,,", header}
	a := simpleAreas()
	for i, n := range areaNames {
		label := n
		if i == 1 {
			label = `"美丽南宁"乡村建设`
		}
		line := fmt.Sprintf("%d,%s", i+1, label)
		for j := range 8 {
			line += fmt.Sprintf(",%d", a[i][j])
		}
		rows = append(rows, line)
	}
	total := ",合计"
	for j := range 8 {
		total += fmt.Sprintf(",%d", 36*(j+1))
	}
	rows = append(rows, total)
	r := NewReader(templates.Default())
	s := r.Read("2018-10/青秀区.csv", []byte(strings.Join(rows, "\n")+"\n"))
	if !s.OK() || !s.Total.Equal(simpleTotals()) {
		t.Fatalf("quoted label: %v %v", s.Total, s.Findings)
	}
	rows[2] = strings.Replace(rows[2], "脱贫攻坚,1,", "脱贫攻坚,1,234,", 1) // 脱贫攻坚's first figure typed as 1,234
	s = r.Read("2018-10/青秀区.csv", []byte(strings.Join(rows, "\n")+"\n"))
	if s.OK() {
		t.Fatalf("a shifted row was accepted: %v", s.Total)
	}
}
