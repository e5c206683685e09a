package desk

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"jianbao/templates"
)

// The desk runs another report, the example work-safety report, through
// upload, send and the office's pages by its own configuration alone:
// its title where a report is named, its units, and nothing of the
// shipped report.
func TestDeskRunsExampleReport(t *testing.T) {
	dir := filepath.Join("..", "templates", "examples", "anquan")
	cfg, err := templates.Load(filepath.Join(dir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "samples", "2024-01", "河东区-2024年1月安全生产统计表.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	d := newTestDesk(t, cfg)
	d.clock.t = time.Date(2024, 2, 5, 9, 0, 0, 0, time.Local)
	unit, office := d.login("河东区"), d.login(OfficeLogin)

	resp, err := unit.Do(d.uploadRequest("2024-01", "河东区-2024年1月安全生产统计表.xlsx", data))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	v := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || v == "" {
		t.Fatalf("upload: status %d", resp.StatusCode)
	}
	_, page := d.get(unit, v)
	if !strings.Contains(page, "可以报送") || !strings.Contains(page, "检查生产经营单位") {
		t.Fatalf("the example's sheet is not read as ready to send:\n%s", page)
	}
	if code, _ := d.post(unit, v+"/send", nil); code != http.StatusSeeOther {
		t.Fatalf("send: status %d", code)
	}

	pages := map[string]string{}
	for _, p := range []string{"/unit?month=2024-01", v} {
		_, pages[p] = d.get(unit, p)
	}
	for _, p := range []string{"/office?month=2024-01", "/office/year?year=2024", "/office/accounts", "/office/audit", "/office/versions/" + versionID(v)} {
		var code int
		if code, pages[p] = d.get(office, p); code != http.StatusOK {
			t.Fatalf("%s: status %d", p, code)
		}
	}
	grid := pages["/office?month=2024-01"]
	if !regexp.MustCompile(`<td>河东区</td><td class="status-已报送">已报送（通过）</td>`).MatchString(grid) ||
		strings.Count(grid, `class="status-未报送">未报送</td>`) != 7 {
		t.Errorf("the grid does not show 河东区 sent and the 7 others not:\n%s", grid)
	}
	for _, want := range []string{"安全生产工作简报", "共8个单位", "【安全生产工作简报】2024年1月的报表，以下7个单位", "港口区（未报送）", "未设报送截止日期"} {
		if !strings.Contains(grid, want) {
			t.Errorf("the grid lacks %q:\n%s", want, grid)
		}
	}
	if !strings.Contains(pages["/office/year?year=2024"], "安全生产工作简报") || strings.Count(pages["/office/year?year=2024"], "<tr><td>") != 8 {
		t.Errorf("the year overview does not name the report or its 8 units:\n%s", pages["/office/year?year=2024"])
	}
	shipped := templates.Default()
	words := []string{"两重两问", "督查", shipped.Report.Title}
	for _, m := range shipped.Metrics {
		words = append(words, m.Name)
	}
	for _, u := range shipped.UnitNames() {
		if !strings.Contains(strings.Join(cfg.UnitNames(), ","), u) {
			words = append(words, u)
		}
	}
	for p, page := range pages {
		for _, w := range words {
			if strings.Contains(page, w) {
				t.Errorf("%s names %q of the shipped report", p, w)
			}
		}
	}
}
