package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jianbao/ingest/sheets"
	"jianbao/templates"
)

// benchSamples are one sample file per layout (standard, retyped behind an
// instructions sheet, 指标 | 数值 list, 本月 | 累计 list, numbers as text),
// picked by what the reader finds in them.
func benchSamples(b *testing.B) map[string][]byte {
	b.Helper()
	files, err := filepath.Glob("../samples/2018-0[1-4]/*.xlsx")
	if err != nil || len(files) == 0 {
		b.Skip("no samples")
	}
	r := NewReader(templates.Default())
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sub := r.Read(f, data)
		if sub.Table == nil || !sub.OK() {
			continue
		}
		var kind string
		switch t := sub.Table; {
		case !t.Across && len(t.Header) >= 2:
			kind = "table2"
		case !t.Across:
			kind = "table1"
		case sub.Cumulative != nil:
			kind = "list-cumulative"
		default:
			kind = "list"
		}
		if _, ok := out[kind]; !ok {
			out[kind] = data
		}
	}
	return out
}

// BenchmarkHeaders is header recognition on a workbook already read: the
// table and list searches over every sheet and the choice of the data sheet.
func BenchmarkHeaders(b *testing.B) {
	r := NewReader(templates.Default())
	for kind, data := range benchSamples(b) {
		wb, err := sheets.XLSXReader{Limits: r.Limits}.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.headers.pickTable(wb, r.values, 4, func() Period { return Period{} }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadFile is one whole file: read, recognise, extract, identify
// and check.
func BenchmarkReadFile(b *testing.B) {
	r := NewReader(templates.Default())
	for kind, data := range benchSamples(b) {
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				r.Read("2018-03/file.xlsx", data)
			}
		})
	}
}

// BenchmarkUnitMatch finds the unit in a sheet title against 16 configured
// units and against a country's 2,800 (three spellings each): the cost of
// every lookup grows with the number of units.
func BenchmarkUnitMatch(b *testing.B) {
	for _, n := range []int{16, 2800} {
		units := make([]templates.Unit, n)
		for i := range units {
			name := fmt.Sprintf("县区%04d", i)
			units[i] = templates.Unit{Name: name, Aliases: []string{"某省" + name, name + "办"}}
		}
		m := NewUnitMatcher(units)
		title := fmt.Sprintf("%s2018年10月“两重两问”督查工作统计表", units[n/2].Name)
		b.Run(fmt.Sprintf("units=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if m.Unit(title) == "" {
					b.Fatal("no unit")
				}
			}
		})
	}
}

// BenchmarkReadDir is the whole ingest of the sample year (16 units × 10
// months) with one worker and with one per CPU.
func BenchmarkReadDir(b *testing.B) {
	if _, err := os.Stat("../samples"); err != nil {
		b.Skip("no samples")
	}
	r := NewReader(templates.Default())
	for _, w := range []int{1, 0} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				files, err := Scan("../samples")
				if err != nil {
					b.Fatal(err)
				}
				r.Reconcile(r.ReadFiles(files, func(name string) string { return Locate("../samples", name) }, w))
			}
		})
	}
}
