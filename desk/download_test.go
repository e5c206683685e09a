package desk

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jianbao/render"
)

// download gets a file and returns its status, headers and bytes.
func (d *testDesk) download(c *http.Client, path string) (int, http.Header, []byte) {
	d.t.Helper()
	resp, err := c.Get(d.ts.URL + path)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		d.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// The annotated copy of a version is the workbook `jianbao validate
// --annotate` writes: the findings listed first, and the cell at fault
// filled and commented; the unit and the office both get it.
func TestAnnotatedDownload(t *testing.T) {
	d := newTestDesk(t, nil)
	unit, office := d.login("青秀区"), d.login(OfficeLogin)
	id := versionID(d.upload(unit, "青秀区十月.csv", badSheet))
	unreadable := versionID(d.upload(unit, "坏.xlsx", "这不是一个表格"))
	wantName := "青秀区十月（第1版标注）.xlsx"
	for who, path := range map[string]string{"unit": "/unit/versions/" + id + "/annotated", "office": "/office/versions/" + id + "/annotated"} {
		t.Run(who, func(t *testing.T) {
			c := unit
			if who == "office" {
				c = office
			}
			code, h, data := d.download(c, path)
			if code != http.StatusOK {
				t.Fatalf("status %d\n%s", code, data)
			}
			if ct := h.Get("Content-Type"); ct != xlsxType {
				t.Errorf("Content-Type %q", ct)
			}
			if cd := h.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape(wantName)) {
				t.Errorf("Content-Disposition %q, want the name %s", cd, wantName)
			}
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheets := f.GetSheetList()
			if len(sheets) != 2 || sheets[0] != "校验结果" {
				t.Fatalf("sheets %v, want 校验结果 first", sheets)
			}
			list, _ := f.GetRows("校验结果")
			if !strings.Contains(rowsText(list), "青秀区十月.csv") || !strings.Contains(rowsText(list), "不是0或正整数") {
				t.Errorf("the list of findings:\n%v", list)
			}
			style, _ := f.GetCellStyle(sheets[1], "B4")
			st, err := f.GetStyle(style)
			if err != nil || len(st.Fill.Color) == 0 || !strings.HasSuffix(strings.ToUpper(st.Fill.Color[0]), "FF9C9C") {
				t.Errorf("B4's fill %+v, want the red of an error", st)
			}
			comments, _ := f.GetComments(sheets[1])
			found := false
			for _, cm := range comments {
				text := cm.Text
				for _, p := range cm.Paragraph {
					text += p.Text
				}
				found = found || cm.Cell == "B4" && strings.Contains(text, "不是0或正整数")
			}
			if !found {
				t.Errorf("no comment on B4: %+v", comments)
			}
		})
	}
	t.Run("a version that cannot be opened", func(t *testing.T) {
		code, _, body := d.download(unit, "/unit/versions/"+unreadable+"/annotated")
		if code != http.StatusConflict || !strings.Contains(string(body), "无法作为表格打开，没有标注副本") {
			t.Fatalf("status %d\n%s", code, body)
		}
	})
}

func rowsText(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

// The blank sheet a unit downloads is, byte for byte, what `jianbao
// template --unit U --period P` writes for it.
func TestTemplateDownload(t *testing.T) {
	d := newTestDesk(t, nil)
	tests := []struct {
		unit, query string
		year, month int
	}{
		{"青秀区", "?month=2018-10", 2018, 10},
		{"兴宁区", "?month=2018-09", 2018, 9},
		{"青秀区", "", 2018, 10}, // the month before the clock's 2018-11-05
	}
	for _, tt := range tests {
		t.Run(tt.unit+tt.query, func(t *testing.T) {
			code, h, data := d.download(d.login(tt.unit), "/unit/template"+tt.query)
			if code != http.StatusOK {
				t.Fatalf("status %d\n%s", code, data)
			}
			var want bytes.Buffer
			if err := render.WriteTemplate(&want, d.cfg, tt.unit, tt.year, tt.month); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, want.Bytes()) {
				t.Errorf("the download (%d bytes) differs from render.WriteTemplate's (%d bytes)", len(data), want.Len())
			}
			name := fmt.Sprintf("%s-%04d-%02d.xlsx", tt.unit, tt.year, tt.month)
			if cd := h.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape(name)) {
				t.Errorf("Content-Disposition %q, want the name %s", cd, name)
			}
			if ct := h.Get("Content-Type"); ct != xlsxType {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestAttachment(t *testing.T) {
	tests := []struct{ name, want string }{
		{"青秀区-2018-10.xlsx", `attachment; filename="___-2018-10.xlsx"; filename*=UTF-8''%E9%9D%92%E7%A7%80%E5%8C%BA-2018-10.xlsx`},
		{"a b.xlsx", `attachment; filename="a_b.xlsx"; filename*=UTF-8''a%20b.xlsx`},
		{"x\"y\r\nz;.xlsx", `attachment; filename="x_y__z_.xlsx"; filename*=UTF-8''x%EF%BC%BFy%EF%BC%BF%EF%BC%BFz%3B.xlsx`},
		{`../..\报表.xlsx`, `attachment; filename=".._..___.xlsx"; filename*=UTF-8''..%EF%BC%BF..%EF%BC%BF%E6%8A%A5%E8%A1%A8.xlsx`},
		{"", `attachment; filename="__.xlsx"; filename*=UTF-8''%E6%8A%A5%E8%A1%A8.xlsx`},
	}
	for _, tt := range tests {
		if got := attachment(tt.name); got != tt.want {
			t.Errorf("attachment(%q)\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
