package ingest

import (
	"testing"

	"jianbao/internal/testkit"
	"jianbao/templates"
)

func TestLimits(t *testing.T) {
	good := buildXLSX(t, testSheet{name: "统计表", rows: standardRows(simpleAreas(), nil)[:12]})
	manyRows := standardRows(simpleAreas(), nil)[:12]
	for i := 0; i < 300; i++ {
		manyRows = append(manyRows, []any{nil, "备注"})
	}
	cases := []struct {
		name  string
		data  []byte
		limit func(*Limits)
	}{
		{"zip bomb", testkit.Inflate(t, good, 8<<20), func(l *Limits) { l.UnzippedBytes = 4 << 20 }},
		{"too many rows", buildXLSX(t, testSheet{name: "统计表", rows: manyRows}), func(l *Limits) { l.Rows = 100 }},
		{"too many cells", good, func(l *Limits) { l.Cells = 50 }},
		{"file too big", good, func(l *Limits) { l.FileBytes = 1000 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rd := NewReader(templates.Default())
			c.limit(&rd.Limits)
			s := rd.Read("青秀区.xlsx", c.data)
			if errs := s.Errors(); len(errs) != 1 || errs[0].Code() != ErrTooLarge.Code {
				t.Fatalf("findings %v; want TOO_LARGE", s.Findings)
			}
		})
	}
	if s := NewReader(templates.Default()).Read("青秀区.xlsx", good); !s.OK() {
		t.Fatalf("the same file within the limits: %v", s.Findings)
	}
}
