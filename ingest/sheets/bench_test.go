package sheets

import (
	"os"
	"path/filepath"
	"testing"
)

// benchFiles are one sample per layout that jianbao reads: the standard
// table with a two-row header, a one-row header retyped behind an
// instructions sheet, a 指标 | 本月 | 累计 list and a 指标 | 数值 list.
var benchFiles = []struct{ kind, file string }{
	{"table2", "2018-01/东盟经开区.xlsx"},
	{"table1", "2018-01/南宁市兴宁区2018年1月两重两问统计表.xlsx"},
	{"list-cumulative", "2018-01/宾阳县.xlsx"},
	{"list", "2018-01/隆安县.xlsx"},
}

// BenchmarkReadSheet is the reading of a workbook into a grid: unzip,
// parse the XML, resolve formulas and merges.
func BenchmarkReadSheet(b *testing.B) {
	for _, f := range benchFiles {
		data, err := os.ReadFile(filepath.Join("..", "..", "samples", f.file))
		if err != nil {
			b.Skip("no samples")
		}
		b.Run(f.kind, func(b *testing.B) {
			x := XLSXReader{Limits: testLimits}
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := x.Read(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
