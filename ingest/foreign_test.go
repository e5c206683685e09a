package ingest

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

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
