package render

import (
	"encoding/json"
	"fmt"
	"testing"

	"jianbao/aggregate"
	"jianbao/templates"
)

// With open row labels the areas are the labels the sheets hold: 分类别
// lists each with its figures, and summary.json lists them under "areas";
// with closed labels summary.json has no such key.
func TestOpenAreasListed(t *testing.T) {
	villages := []string{"五塘村", "坛洛村", "石门村", "那马村"}
	fixture := func(mode string) *aggregate.Report {
		r := rollupFixture(t)
		cfg := *r.Config
		cfg.AreaLabels, cfg.Areas = mode, nil
		r.Config = &cfg
		id := cfg.Metrics[0].ID
		r.Areas = nil
		for i, v := range villages {
			r.Areas = append(r.Areas, aggregate.AreaTotals{Area: v, Month: aggregate.Figures{id: int64(i + 1)}, YearToDate: aggregate.Figures{id: int64(10 * (i + 1))}})
		}
		return r
	}
	for _, mode := range []string{templates.AreaLabelsOpen, templates.AreaLabelsClosed} {
		t.Run(mode, func(t *testing.T) {
			r := fixture(mode)
			id, n := r.Config.Metrics[0].ID, len(r.Config.Metrics)
			f := openXLSX(t, renderXLSX(t, r))
			for i, v := range villages {
				if got := cellOf(t, f, "分类别", at(1, 4+i), false); got != v {
					t.Errorf("分类别 row %d = %q, want %q", i, got, v)
				}
				if got := cellOf(t, f, "分类别", at(2, 4+i), false); got != "报表自填类别" {
					t.Errorf("%s is %q", v, got)
				}
				if got := cellOf(t, f, "分类别", at(3+n, 4+i), true); got != fmt.Sprint(10*(i+1)) {
					t.Errorf("%s year to date = %q, want %d", v, got, 10*(i+1))
				}
			}
			if got := cellOf(t, f, "分类别", at(1, 4+len(villages)), false); got != "合计" {
				t.Errorf("row after the villages = %q, want 合计", got)
			}
			m := decodeJSON(t, renderJSON(t, r))
			list, ok := m["areas"].([]any)
			if mode == templates.AreaLabelsClosed {
				if ok || m["areas"] != nil {
					t.Fatalf("closed labels: summary.json has areas %v", m["areas"])
				}
				return
			}
			if len(list) != len(villages) {
				t.Fatalf("summary.json areas = %v", m["areas"])
			}
			for i, x := range list {
				a := x.(map[string]any)
				month := a["month"].(map[string]any)
				ytd := a["year_to_date"].(map[string]any)
				if a["area"] != villages[i] || a["configured"] != false || month[id] != json.Number(fmt.Sprint(i+1)) || ytd[id] != json.Number(fmt.Sprint(10*(i+1))) {
					t.Errorf("areas[%d] = %v", i, a)
				}
				if len(month) != n {
					t.Errorf("areas[%d].month has %d metrics, want %d", i, len(month), n)
				}
			}
		})
	}
}

// With open row labels and no configured areas, the blank template has
// rows whose label and figures are both filled in, summed by its 合计.
func TestTemplateOpenLabels(t *testing.T) {
	tests := []struct {
		name    string
		areas   int    // configured areas kept
		first   string // the first blank label cell
		total   int    // the 合计 row
		label0  string // B5
		locked0 bool   // whether B5 is locked
	}{
		{name: "no configured areas", areas: 0, first: "B5", total: 15, label0: "", locked0: false},
		{name: "two configured areas first", areas: 2, first: "B7", total: 17, label0: "脱贫攻坚", locked0: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := *templates.Default()
			cfg.AreaLabels, cfg.Areas = templates.AreaLabelsOpen, cfg.Areas[:tc.areas]
			f := openXLSX(t, renderTemplate(t, &cfg, "青秀区", 2018, 10))
			s := "统计表"
			if got := cellOf(t, f, s, "B5", true); got != tc.label0 {
				t.Errorf("B5 = %q, want %q", got, tc.label0)
			}
			if got := isLocked(t, f, s, "B5"); got != tc.locked0 {
				t.Errorf("B5 locked = %v, want %v", got, tc.locked0)
			}
			if isLocked(t, f, s, tc.first) || isLocked(t, f, s, fmt.Sprintf("B%d", tc.total-1)) {
				t.Errorf("the blank label cells %s… are locked", tc.first)
			}
			if got := cellOf(t, f, s, fmt.Sprintf("B%d", tc.total), true); got != "合计" {
				t.Errorf("B%d = %q, want 合计", tc.total, got)
			}
			if fm, _ := f.GetCellFormula(s, fmt.Sprintf("C%d", tc.total)); fm != fmt.Sprintf("SUM(C5:C%d)", tc.total-1) {
				t.Errorf("合计 formula %q", fm)
			}
		})
	}
}
