package desk

import (
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jianbao/ingest"
	"jianbao/templates"
)

// Each version of a unit's month shows, on the unit's page and the
// office's, the figures it changes from the version before, cell by cell,
// and the unit's figures of the month and of the year to date as they
// count now, by the accepted versions as a briefing counts them, and with
// this version instead.
func TestVersionDiff(t *testing.T) {
	d := newTestDesk(t, nil)
	unit, office := d.login("青秀区"), d.login(OfficeLogin)
	review := func(v, decision string) {
		t.Helper()
		if code, _ := d.post(unit, v+"/send", url.Values{}); code != 303 {
			t.Fatalf("send %s: %d", v, code)
		}
		form := url.Values{"decision": {decision}, "reason": {"请核对"}}
		if code, _ := d.post(office, "/office/versions/"+versionID(v)+"/review", form); code != 303 {
			t.Fatalf("%s %s: %d", decision, v, code)
		}
	}

	// July, accepted, has errors when checked again (as after a change of
	// the configuration): it counts nothing.
	july := strings.Replace(monthSheet("青秀区", 7, povertyFigures, projectsFigures), "重大项目建设,3,", "重大项目建设,3.5,", 1)
	d.keepAsIs("青秀区", "2018-07", "七月.csv", []byte(july), true)
	// August, sent and returned: it counts nothing.
	review(d.uploadMonth(unit, "2018-08", "青秀区八月.csv", monthSheet("青秀区", 8, povertyFigures, projectsFigures)), "return")
	// September, accepted: 督查发现问题 3 + 2 = 5, 派出监督检查人员 7 + 3 =
	// 10; its second version, sent, not yet reviewed, does not count.
	review(d.uploadMonth(unit, "2018-09", "青秀区九月.csv", monthSheet("青秀区", 9, [8]int{7, 3, 3, 0, 0, 0, 0, 0}, projectsFigures)), "accept")
	if code, _ := d.post(unit, d.uploadMonth(unit, "2018-09", "青秀区九月二.csv", goodSheet9)+"/send", url.Values{}); code != 303 {
		t.Fatalf("send September's second: %d", code)
	}

	changed := povertyFigures
	changed[1] = 9 // 督查发现问题 of 脱贫攻坚, C3: 5 → 9
	six := povertyFigures
	six[1] = 6 // C3: 9 → 6
	swapped := "青秀区2018年10月两重两问统计表\n" +
		"工作类别,派出监督检查人员,督查发现问题,完成整改问题,发出督办（挂牌督办）函,约谈责任单位,约谈责任人,问责责任单位,问责责任人\n" +
		"重大项目建设,3,2,2,0,1,1,0,0\n" +
		"脱贫攻坚,10,6,4,1,0,0,0,0\n" +
		"合计,13,8,6,1,1,1,0,0\n"
	four := povertyFigures
	four[1] = 4 // 督查发现问题 4 + 2 = 6

	tests := []struct {
		name   string
		accept string // the file of an earlier version to send and accept first
		file   string
		sheet  string
		self   bool // send and accept this version before looking
		want   []string
	}{
		{"the month's first", "", "一.csv", goodSheet, false, []string{
			"这是本月第一版，没有上一版可比较。", "本月还没有市办已确认的一版",
			"之前各月用市办已确认的一版；1—8月没有可计入的已确认报表，未计入",
			// 督查发现问题: the month counts nothing; the year 5 (September's accepted version) + 7.
			"<tr><td>督查发现问题</td><td>无</td><td>7</td><td>+7</td><td>5</td><td>12</td><td>+7</td></tr>",
		}},
		{"a changed cell", "", "二.csv", monthSheet("青秀区", 10, changed, projectsFigures), false, []string{
			"与第1版相比，改动了 1 处：",
			"<tr><td>C3</td><td>脱贫攻坚</td><td>督查发现问题</td><td>5</td><td>9</td><td>+4</td></tr>",
			"<tr><td>督查发现问题</td><td>无</td><td>11</td><td>+11</td><td>5</td><td>16</td><td>+11</td></tr>",
			"<tr><td>派出监督检查人员</td><td>无</td><td>13</td><td>+13</td><td>10</td><td>23</td><td>+13</td></tr>",
		}},
		// The cells are compared with the version before; the unit's
		// figures with the version that counts.
		{"after an accepted version", "一.csv", "三.csv", monthSheet("青秀区", 10, six, projectsFigures), false, []string{
			"<tr><td>C3</td><td>脱贫攻坚</td><td>督查发现问题</td><td>9</td><td>6</td><td>-3</td></tr>",
			"本月用市办已确认的第1版。这一版报送并经市办确认后才取代它。", "<th>之前（已确认的第1版）</th>",
			"<tr><td>督查发现问题</td><td>7</td><td>8</td><td>+1</td><td>12</td><td>13</td><td>+1</td></tr>",
		}},
		{"a version that cannot be read", "", "四.xlsx", "这不是一个表格", false, []string{
			"这一版无法作为报表读取（原因见上面的问题），不能与上一版比较，也不计入本单位的数字。",
		}},
		{"after one that cannot be read", "", "五.csv", goodSheet, false, []string{
			"上一版（第4版）无法作为报表读取，不能逐格比较。",
			"<tr><td>督查发现问题</td><td>7</td><td>7</td><td>0</td><td>12</td><td>12</td><td>0</td></tr>",
		}},
		{"nothing changed", "", "六.csv", goodSheet + "\n", false, []string{
			"与第5版相比，各项数字没有改动。",
			"<tr><td>督查发现问题</td><td>7</td><td>7</td><td>0</td><td>12</td><td>12</td><td>0</td></tr>",
		}},
		{"a row moved", "", "七.csv", swapped, false, []string{
			"与第6版相比，改动了 1 处：",
			"<tr><td>C3→C4</td><td>脱贫攻坚</td><td>督查发现问题</td><td>5</td><td>6</td><td>+1</td></tr>",
			"<tr><td>督查发现问题</td><td>7</td><td>8</td><td>+1</td><td>12</td><td>13</td><td>+1</td></tr>",
		}},
		// A figure that could not be read is never shown as a number, and a
		// version with errors counts nothing.
		{"a cell with an error", "", "八.csv", strings.Replace(swapped, "脱贫攻坚,10,6,", "脱贫攻坚,10,6.5,", 1), false, []string{
			"<tr><td>C4</td><td>脱贫攻坚</td><td>督查发现问题</td><td>6</td><td>有错误</td><td>—</td></tr>",
			"这一版有错误，不能报送，不计入本单位的数字。",
		}},
		{"after one with an error", "", "九.csv", swapped, false, []string{
			"<tr><td>C4</td><td>脱贫攻坚</td><td>督查发现问题</td><td>有错误</td><td>6</td><td>—</td></tr>",
			"上一版（第8版）有错误，不能报送；其中有错误的格不显示数字。",
			"<tr><td>督查发现问题</td><td>7</td><td>8</td><td>+1</td><td>12</td><td>13</td><td>+1</td></tr>",
		}},
		{"the accepted version itself", "", "十.csv", monthSheet("青秀区", 10, four, projectsFigures), true, []string{
			"这一版就是市办已确认的一版", "<th>之前（已确认的第10版）</th>",
			"<tr><td>督查发现问题</td><td>6</td><td>6</td><td>0</td><td>11</td><td>11</td><td>0</td></tr>",
		}},
	}
	paths := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.accept != "" {
				review(paths[tt.accept], "accept")
			}
			v := d.uploadMonth(unit, "2018-10", tt.file, tt.sheet)
			paths[tt.file] = v
			if tt.self {
				review(v, "accept")
			}
			for who, path := range map[string]string{"unit": v, "office": "/office/versions/" + versionID(v)} {
				c := unit
				if who == "office" {
					c = office
				}
				code, page := d.get(c, path)
				if code != 200 {
					t.Fatalf("%s: status %d", who, code)
				}
				page = strings.ReplaceAll(page, "&#43;", "+") // as html/template writes a plus sign
				for _, w := range tt.want {
					if !strings.Contains(page, w) {
						t.Errorf("%s's page lacks %s\n%s", who, w, page)
					}
				}
			}
		})
	}
}

// goodSheet9 is September's sheet with other figures than the accepted one.
var goodSheet9 = monthSheet("青秀区", 9, [8]int{20, 9, 3, 0, 0, 0, 0, 0}, projectsFigures)

// keepAsIs stores a version of unit's month as it is, errors or not, and
// sends it; accept adds the office's acceptance. It stands for a version
// sent and accepted under a configuration that found no error in it.
func (d *testDesk) keepAsIs(unit, period, name string, data []byte, accept bool) {
	d.t.Helper()
	sum, err := d.st.putBlob(data)
	if err != nil {
		d.t.Fatal(err)
	}
	d.sendStored(&version{Unit: unit, Period: period, SHA256: sum, Size: int64(len(data)), FileName: name}, nil, accept)
}

// A work area of two rows: a change names both rows' cells, and a figure
// with one cell in error is not shown as a number. A sheet left blank, and
// a sheet without a metric's column, show no figure where nothing was read.
func TestVersionDiffAreaOfRows(t *testing.T) {
	d := newTestDesk(t, nil)
	unit := d.login("青秀区")
	head := "青秀区2018年10月两重两问统计表\n" +
		"工作类别,派出监督检查人员,督查发现问题,完成整改问题,发出督办（挂牌督办）函,约谈责任单位,约谈责任人,问责责任单位,问责责任人\n"
	two := head +
		"脱贫攻坚,10,5.5,4,1,0,0,0,0\n" +
		"脱贫攻坚,1,1,0,0,0,0,0,0\n" +
		"重大项目建设,3,2,2,0,1,1,0,0\n" +
		"合计,14,8,6,1,1,1,0,0\n"
	blank := head +
		"脱贫攻坚,,,,,,,,\n" +
		"重大项目建设,,,,,,,,\n" +
		"合计,,,,,,,,\n"
	noColumn := "青秀区2018年10月两重两问统计表\n" +
		"工作类别,派出监督检查人员,督查发现问题,发出督办（挂牌督办）函,约谈责任单位,约谈责任人,问责责任单位,问责责任人\n" +
		"脱贫攻坚,10,5,1,0,0,0,0\n" +
		"重大项目建设,3,2,0,1,1,0,0\n" +
		"合计,13,7,1,1,1,0,0\n"
	tests := []struct {
		name, file, sheet string
		want, not         []string
	}{
		{"first", "一.csv", goodSheet, nil, nil},
		{"two rows, one in error", "二.csv", two, []string{
			"<tr><td>C3→C3、C4</td><td>脱贫攻坚</td><td>督查发现问题</td><td>5</td><td>有错误</td><td>—</td></tr>",
			"<tr><td>B3→B3、B4</td><td>脱贫攻坚</td><td>派出监督检查人员</td><td>10</td><td>11</td><td>+1</td></tr>",
		}, []string{"<td>1</td><td>-4</td>"}},
		{"after two rows", "三.csv", goodSheet, []string{
			"<tr><td>C3、C4→C3</td><td>脱贫攻坚</td><td>督查发现问题</td><td>有错误</td><td>5</td><td>—</td></tr>",
		}, nil},
		{"a column missing", "四.csv", noColumn, []string{
			"<tr><td>原D3</td><td>脱贫攻坚</td><td>完成整改问题</td><td>4</td><td>有错误</td><td>—</td></tr>",
		}, []string{"<td>4</td><td>0</td>"}},
		{"after the missing column", "五.csv", goodSheet, nil, nil},
		{"left blank", "六.csv", blank, []string{
			"<tr><td>C3</td><td>脱贫攻坚</td><td>督查发现问题</td><td>5</td><td>有错误</td><td>—</td></tr>",
			"<tr><td>B4</td><td>重大项目建设</td><td>派出监督检查人员</td><td>3</td><td>有错误</td><td>—</td></tr>",
		}, []string{"<td>0</td><td>-5</td>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, page := d.get(unit, d.uploadMonth(unit, "2018-10", tt.file, tt.sheet))
			page = strings.ReplaceAll(page, "&#43;", "+")
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("the page lacks %s\n%s", w, page)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(page, w) {
					t.Errorf("the page has %s", w)
				}
			}
		})
	}
}

// What was not counted is shown as 无, never 0: the month's and the year's
// figures before a January version, and a stock's when no month counts.
func TestVersionDiffNothingCounted(t *testing.T) {
	cfg := templates.Default()
	for i := range cfg.Metrics {
		if cfg.Metrics[i].Name == "派出监督检查人员" {
			cfg.Metrics[i].Kind = templates.KindStock
		}
	}
	d := newTestDesk(t, cfg)
	unit := d.login("青秀区")
	tests := []struct {
		name, month string
		kept        string // a sheet kept and accepted for the month first
		accept      bool   // accept the version after looking
		want        []string
	}{
		{"January", "2018-01", "", true, []string{
			"<tr><td>督查发现问题</td><td>无</td><td>7</td><td>+7</td><td>无</td><td>7</td><td>+7</td></tr>",
			"<tr><td>派出监督检查人员（期末数，累计取最近一个月）</td><td>无</td><td>13</td><td>+13</td><td>无</td><td>13</td><td>+13</td></tr>",
		}},
		// February counts nothing: March's year before is January's.
		{"March", "2018-03", "", false, []string{
			"本年累计（1—3月）", "之前各月用市办已确认的一版；2月没有可计入的已确认报表，未计入",
			"<tr><td>督查发现问题</td><td>无</td><td>7</td><td>+7</td><td>7</td><td>14</td><td>+7</td></tr>",
			"<tr><td>派出监督检查人员（期末数，累计取最近一个月）</td><td>无</td><td>13</td><td>+13</td><td>13</td><td>13</td><td>0</td></tr>",
		}},
		// April's accepted version has errors when checked again: the month
		// counts nothing.
		{"April", "2018-04", strings.Replace(sheetFor("青秀区", "2018-04"), "重大项目建设,3,", "重大项目建设,3.5,", 1), false, []string{
			"本月市办已确认的是第1版，但它按现在的配置无法读取或有错误，不计入本单位的数字",
			"<tr><td>督查发现问题</td><td>无</td><td>7</td><td>+7</td><td>7</td><td>14</td><td>+7</td></tr>",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.kept != "" {
				d.keepAsIs("青秀区", tt.month, "旧表.csv", []byte(tt.kept), true)
			}
			v := d.uploadMonth(unit, tt.month, "表.csv", sheetFor("青秀区", tt.month))
			_, page := d.get(unit, v)
			page = strings.ReplaceAll(page, "&#43;", "+")
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("the page lacks %s\n%s", w, page)
				}
			}
			if tt.accept {
				d.post(unit, v+"/send", url.Values{})
				d.post(d.login(OfficeLogin), "/office/versions/"+versionID(v)+"/review", url.Values{"decision": {"accept"}})
			}
		})
	}
}

// The cells a sheet's errors name are those whose figure was not read: a
// range's every cell, but not a total that disagrees with its rows.
func TestErrorCells(t *testing.T) {
	cfg := templates.Default()
	p := ingest.Period{Year: 2018, Month: 10}
	tests := []struct {
		name  string
		sheet string
		want  []string
	}{
		{"none", goodSheet, nil},
		{"a figure, and the total it throws out", strings.Replace(goodSheet, "脱贫攻坚,10,5,", "脱贫攻坚,10,5.5,", 1), []string{"C3"}},
		{"a total alone", strings.Replace(goodSheet, "合计,13,7,", "合计,13,8,", 1), nil},
		{"left blank", "青秀区2018年10月两重两问统计表\n" +
			"工作类别,派出监督检查人员,督查发现问题,完成整改问题,发出督办（挂牌督办）函,约谈责任单位,约谈责任人,问责责任单位,问责责任人\n" +
			"脱贫攻坚,,,,,,,,\n重大项目建设,,,,,,,,\n", []string{
			"B3", "C3", "D3", "E3", "F3", "G3", "H3", "I3", "B4", "C4", "D4", "E4", "F4", "G4", "H4", "I4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub := checkSheet(cfg, "青秀区", p, ".csv", []byte(tt.sheet)).sub
			got := errorCells(sub)
			want := map[[2]int]bool{}
			for _, ref := range tt.want {
				r, c, _ := parseRef(ref)
				want[[2]int{r, c}] = true
			}
			if !maps.Equal(got, want) {
				t.Errorf("errorCells = %v, want %v (findings %v)", got, want, sub.Findings)
			}
		})
	}
}

// uploadMonth sends one file for a month and returns the path of the
// version it made.
func (d *testDesk) uploadMonth(c *http.Client, month, name, text string) string {
	d.t.Helper()
	resp, err := c.Do(d.uploadRequest(month, name, []byte(text)))
	if err != nil {
		d.t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/unit/versions/") {
		d.t.Fatalf("upload %s: status %d, location %q", name, resp.StatusCode, loc)
	}
	return loc
}

func TestMonthList(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{nil, ""},
		{[]int{3}, "3月"},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8}, "1—8月"},
		{[]int{1, 3, 4, 6}, "1月、3—4月、6月"},
	}
	for _, tt := range tests {
		if got := monthList(tt.in); got != tt.want {
			t.Errorf("monthList(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
