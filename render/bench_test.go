package render

import (
	"io"
	"testing"
	"time"

	"jianbao/aggregate"
	"jianbao/ingest"
	"jianbao/templates"
)

// benchReport is the report of the sample year, October 2018.
func benchReport(b *testing.B) *aggregate.Report {
	b.Helper()
	cfg := templates.Default()
	tally, err := aggregate.ReadDir(cfg, ingest.NewReader(cfg), "../samples", 0)
	if err != nil || tally.Files() == 0 {
		b.Skip("no samples")
	}
	r, err := tally.Report(tally.Latest(), time.Date(2018, 11, 5, 9, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func benchRender(b *testing.B, rd Renderer) {
	r := benchReport(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := rd.Render(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDF renders briefing.pdf.
func BenchmarkPDF(b *testing.B) {
	n, err := templates.Briefing("")
	if err != nil {
		b.Fatal(err)
	}
	benchRender(b, PDF{Narrative: n})
}

// BenchmarkXLSX renders briefing.xlsx.
func BenchmarkXLSX(b *testing.B) { benchRender(b, XLSX{}) }

// BenchmarkJSON renders summary.json.
func BenchmarkJSON(b *testing.B) { benchRender(b, JSON{}) }
