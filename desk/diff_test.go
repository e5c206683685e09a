package desk

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Each version of a unit's month shows, on the unit's page and the
// office's, the figures it changes from the version before, cell by cell,
// and the unit's figures of the month and of the year to date before and
// after it.
func TestVersionDiff(t *testing.T) {
	d := newTestDesk(t, nil)
	unit, office := d.login("青秀区"), d.login(OfficeLogin)

	// September, sent: 督查发现问题 3 + 2 = 5, 派出监督检查人员 7 + 3 = 10.
	sept := d.uploadMonth(unit, "2018-09", "青秀区九月.csv", monthSheet("青秀区", 9, [8]int{7, 3, 3, 0, 0, 0, 0, 0}, projectsFigures))
	if code, _ := d.post(unit, sept+"/send", url.Values{}); code != 303 {
		t.Fatalf("send September: %d", code)
	}
	changed := povertyFigures
	changed[1] = 9 // 督查发现问题 of 脱贫攻坚, C3: 5 → 9
	swapped := "青秀区2018年10月两重两问统计表\n" +
		"工作类别,派出监督检查人员,督查发现问题,完成整改问题,发出督办（挂牌督办）函,约谈责任单位,约谈责任人,问责责任单位,问责责任人\n" +
		"重大项目建设,3,2,2,0,1,1,0,0\n" +
		"脱贫攻坚,10,6,4,1,0,0,0,0\n" +
		"合计,13,8,6,1,1,1,0,0\n"

	tests := []struct {
		name  string
		file  string
		sheet string
		want  []string
	}{
		{"the month's first", "一.csv", goodSheet, []string{
			"这是本月第一版，没有上一版可比较。", "1—8月没有可计入的报送，未计入",
			// 督查发现问题: the month had nothing; the year 5 (September) + 7.
			"<tr><td>督查发现问题</td><td>无</td><td>7</td><td>+7</td><td>5</td><td>12</td><td>+7</td></tr>",
		}},
		{"a changed cell", "二.csv", monthSheet("青秀区", 10, changed, projectsFigures), []string{
			"与第1版相比，改动了 1 处：",
			"<tr><td>C3</td><td>脱贫攻坚</td><td>督查发现问题</td><td>5</td><td>9</td><td>+4</td></tr>",
			"<tr><td>督查发现问题</td><td>7</td><td>11</td><td>+4</td><td>12</td><td>16</td><td>+4</td></tr>",
			"<tr><td>派出监督检查人员</td><td>13</td><td>13</td><td>0</td><td>23</td><td>23</td><td>0</td></tr>",
		}},
		{"a version that cannot be read", "三.xlsx", "这不是一个表格", []string{
			"这一版无法作为报表读取（原因见上面的问题），不能与上一版比较，也不计入本单位的数字。",
		}},
		{"after one that cannot be read", "四.csv", goodSheet, []string{
			"上一版（第3版）无法作为报表读取，不能逐格比较；下面按上一版没有数字计。",
			"<tr><td>督查发现问题</td><td>无</td><td>7</td><td>+7</td><td>5</td><td>12</td><td>+7</td></tr>",
		}},
		{"nothing changed", "五.csv", goodSheet + "\n", []string{
			"与第4版相比，各项数字没有改动。",
			"<tr><td>督查发现问题</td><td>7</td><td>7</td><td>0</td><td>12</td><td>12</td><td>0</td></tr>",
		}},
		{"a row moved", "六.csv", swapped, []string{
			"与第5版相比，改动了 1 处：",
			"<tr><td>C3→C4</td><td>脱贫攻坚</td><td>督查发现问题</td><td>5</td><td>6</td><td>+1</td></tr>",
			"<tr><td>督查发现问题</td><td>7</td><td>8</td><td>+1</td><td>12</td><td>13</td><td>+1</td></tr>",
		}},
		// A figure that could not be read is never shown as a number, and a
		// version with errors counts nothing.
		{"a cell with an error", "七.csv", strings.Replace(swapped, "脱贫攻坚,10,6,", "脱贫攻坚,10,6.5,", 1), []string{
			"<tr><td>C4</td><td>脱贫攻坚</td><td>督查发现问题</td><td>6</td><td>有错误</td><td>—</td></tr>",
			"这一版有错误，不能报送，不计入本单位的数字。",
		}},
		{"after one with an error", "八.csv", swapped, []string{
			"<tr><td>C4</td><td>脱贫攻坚</td><td>督查发现问题</td><td>有错误</td><td>6</td><td>—</td></tr>",
			"上一版（第7版）有错误，不能报送，没有计入本单位的数字",
			"<tr><td>督查发现问题</td><td>无</td><td>8</td><td>+8</td><td>5</td><td>13</td><td>+8</td></tr>",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := d.uploadMonth(unit, "2018-10", tt.file, tt.sheet)
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
				if strings.Contains(tt.name, "error") && strings.Contains(page, "<td>0</td><td>") && strings.Contains(page, "<td>C4</td>") &&
					strings.Contains(page, "<td>督查发现问题</td><td>6</td><td>0</td>") {
					t.Errorf("%s's page shows a figure in error as 0", who)
				}
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
