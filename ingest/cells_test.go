package ingest

import (
	"fmt"
	"testing"

	"jianbao/templates"
)

func TestCellMapsShare(t *testing.T) {
	ids := []string{"a", "b", "c"}
	tests := []struct {
		name       string
		first, sec map[string]string
		shared     bool
	}{
		{"equal maps", map[string]string{"a": "D5:D12", "b": "E13"}, map[string]string{"b": "E13", "a": "D5:D12"}, true},
		{"one cell differs", map[string]string{"a": "D5:D12"}, map[string]string{"a": "D5:D11"}, false},
		{"one map has more", map[string]string{"a": "D5"}, map[string]string{"a": "D5", "b": "E5"}, false},
		{"key outside ids", map[string]string{"a": "D5", "z": "Z1"}, map[string]string{"a": "D5", "z": "Z1"}, false},
		{"cell text that looks like a separator", map[string]string{"a": "D5\x01b\x00E5"}, map[string]string{"a": "D5", "b": "E5"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c CellMaps
			got1 := c.Share(ids, tt.first)
			got2 := c.Share(ids, tt.sec)
			if fmt.Sprint(got1) != fmt.Sprint(tt.first) || fmt.Sprint(got2) != fmt.Sprint(tt.sec) {
				t.Fatalf("Share changed the entries: %v %v", got1, got2)
			}
			same := fmt.Sprintf("%p", got1) == fmt.Sprintf("%p", got2)
			if same != tt.shared {
				t.Errorf("shared = %v, want %v", same, tt.shared)
			}
		})
	}
}

func TestCellMapsBounded(t *testing.T) {
	var c CellMaps
	ids := []string{"a"}
	for i := range maxSharedCellMaps + 10 {
		c.Share(ids, map[string]string{"a": fmt.Sprint("D", i)})
	}
	if len(c.maps) != maxSharedCellMaps {
		t.Errorf("kept %d maps, want at most %d", len(c.maps), maxSharedCellMaps)
	}
}

// Two sheets filled in from one template share their cell maps, and the
// figures stay each sheet's own.
func TestReaderSharesCellMaps(t *testing.T) {
	r := NewReader(templates.Default())
	a := r.Read("2018-10/青秀区.xlsx", buildXLSX(t, testSheet{name: "统计表", rows: standardRows(simpleAreas(), nil)[:12]}))
	other := simpleAreas()
	other[0][0] = 99
	b := r.Read("2018-10/兴宁区.xlsx", buildXLSX(t, testSheet{name: "统计表", rows: replaceAll(standardRows(other, nil)[:12], "青秀区", "兴宁区")}))
	if !a.OK() || !b.OK() {
		t.Fatalf("findings: %v %v", a.Findings, b.Findings)
	}
	if fmt.Sprintf("%p", a.Sources) != fmt.Sprintf("%p", b.Sources) {
		t.Errorf("cell maps not shared: %v %v", a.Sources, b.Sources)
	}
	first := templates.Default().MetricIDs()[0]
	if a.Total[first] == b.Total[first] {
		t.Errorf("totals should differ: %v %v", a.Total, b.Total)
	}
}
