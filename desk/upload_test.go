package desk

import (
	"archive/zip"
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"jianbao/ingest"
	"jianbao/templates"
)

// monthSheet is unit's sheet for a month of 2018, as a .csv: the figures of
// its two work areas, and the 合计 row their sum.
func monthSheet(unit string, month int, poverty, projects [8]int) string {
	row := func(label string, v [8]int) string {
		var b strings.Builder
		b.WriteString(label)
		for _, n := range v {
			fmt.Fprintf(&b, ",%d", n)
		}
		return b.String() + "\n"
	}
	var sum [8]int
	for i := range sum {
		sum[i] = poverty[i] + projects[i]
	}
	return fmt.Sprintf("%s2018年%d月两重两问统计表\n", unit, month) +
		"工作类别,派出监督检查人员,督查发现问题,完成整改问题,发出督办（挂牌督办）函,约谈责任单位,约谈责任人,问责责任单位,问责责任人\n" +
		row("脱贫攻坚", poverty) + row("重大项目建设", projects) + row("合计", sum)
}

var (
	povertyFigures  = [8]int{10, 5, 4, 1, 0, 0, 0, 0}
	projectsFigures = [8]int{3, 2, 2, 0, 1, 1, 0, 0}
)

// file is a file of an upload: its name and bytes.
type file struct {
	name string
	data []byte
}

// zipOf packs files into a .zip file.
func zipOf(t *testing.T, files ...file) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// uploadFiles sends files in one upload, as a browser sends the form with
// several files chosen, and returns the status and page.
func (d *testDesk) uploadFiles(c *http.Client, month string, files ...file) (int, string) {
	d.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("month", month)
	for _, f := range files {
		fw, _ := mw.CreateFormFile("file", f.name)
		_, _ = fw.Write(f.data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", d.ts.URL+"/unit/upload", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return d.do(c, req)
}

// versionCount is the number of versions of unit's months.
func (d *testDesk) versionCount(unit string, months ...string) int {
	d.t.Helper()
	n := 0
	for _, m := range months {
		vs, err := d.st.versions(unit, m)
		if err != nil {
			d.t.Fatal(err)
		}
		n += len(vs)
	}
	return n
}

// resultRow finds the line of the upload's page about the file called name.
func resultRow(page, name string) string {
	for _, line := range strings.Split(page, "<tr>") {
		if strings.HasPrefix(line, "<td>"+name+"</td>") {
			return line
		}
	}
	return ""
}

// Three files and a .zip file with two sheets in one upload: each sheet is
// a version of the month it states, and the page lists each with its
// verdict and a link to its version.
func TestUploadSeveralFiles(t *testing.T) {
	d := newTestDesk(t, nil)
	c := d.login("青秀区")
	september := monthSheet("青秀区", 9, [8]int{7, 3, 3, 0, 0, 0, 0, 0}, projectsFigures)
	other := strings.Replace(goodSheet, "青秀区", "兴宁区", 1)
	archive := zipOf(t, file{"十月/青秀区.csv", []byte(goodSheet)}, file{"青秀区（改）.csv", []byte(badSheet)})
	code, page := d.uploadFiles(c, "2018-10",
		file{"青秀区.csv", []byte(goodSheet)},
		file{"青秀区九月.csv", []byte(september)},
		file{"兴宁区.csv", []byte(other)},
		file{"两张表.zip", archive})
	if code != http.StatusOK {
		t.Fatalf("status %d\n%s", code, page)
	}
	tests := []struct {
		name string
		want []string // in its line of the page, in order
	}{
		{"青秀区.csv", []string{"可以报送", "2018年10月", `<a href="/unit/versions/1">第1版</a>`}},
		{"青秀区九月.csv", []string{"可以报送", "2018年9月", `<a href="/unit/versions/2">第1版</a>`,
			"表中写的是2018年9月，已作为2018年9月的报表收下（上传时选的是2018年10月）"}},
		{"兴宁区.csv", []string{"需修改后报送", "2018年10月", `<a href="/unit/versions/3">第2版</a>`, "表中写的单位不是登录的单位：表中写的是“兴宁区”"}},
		{"两张表.zip!十月/青秀区.csv", []string{"可以报送", "2018年10月", `<a href="/unit/versions/4">第3版</a>`}},
		{"两张表.zip!青秀区（改）.csv", []string{"需修改后报送", "2018年10月", `<a href="/unit/versions/5">第4版</a>`, "不是0或正整数"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := resultRow(page, tt.name)
			at := 0
			for _, w := range tt.want {
				i := strings.Index(row[at:], w)
				if i < 0 {
					t.Fatalf("the line of %s lacks %q after %q:\n%s", tt.name, w, row[:at], row)
				}
				at += i + len(w)
			}
		})
	}
	if !strings.Contains(page, "共 5 个文件：收下 5 个") {
		t.Errorf("the page does not count the files:\n%s", page)
	}
	if n := d.versionCount("青秀区", "2018-10"); n != 4 {
		t.Errorf("%d versions of 2018-10, want 4", n)
	}
	if n := d.versionCount("青秀区", "2018-09"); n != 1 {
		t.Errorf("%d versions of 2018-09, want 1", n)
	}
	if n := d.versionCount("兴宁区", "2018-10"); n != 0 {
		t.Errorf("a sheet of 兴宁区 sent by 青秀区 became 兴宁区's: %d versions", n)
	}
	// The originals of the sheets inside the .zip file are kept, not the .zip.
	vs, _ := d.st.versions("青秀区", "2018-10")
	if data, _ := d.st.blob(vs[0].SHA256); string(data) != badSheet {
		t.Errorf("the original kept of a sheet inside a .zip file: %q", data)
	}
	// The version page of a sheet inside a .zip file reads it again as it was read.
	if _, vp := d.get(c, "/unit/versions/5"); !strings.Contains(vp, "两张表.zip!青秀区（改）.csv") || !strings.Contains(vp, "需修改后报送") {
		t.Errorf("the version of a sheet inside a .zip file:\n%s", vp)
	}
}

// What is refused in an upload is listed with the reason, in Chinese, and
// nothing of it is kept; the rest of the upload is.
func TestUploadRefusedFiles(t *testing.T) {
	d := newTestDesk(t, nil)
	c := d.login("青秀区")
	nested := zipOf(t, file{"a.csv", []byte(goodSheet)})
	ambiguous := strings.Replace(monthSheet("青秀区", 9, povertyFigures, projectsFigures),
		"\n工作类别", "\n统计时段：2018年8月1日至2018年8月31日\n工作类别", 1)
	tests := []struct {
		name string
		data []byte
		want string // in the file's line
	}{
		{"说明.docx", []byte("x"), "只能上传 Excel 或 WPS 表格"},
		{"空.csv", nil, "文件是空的"},
		{"坏的.zip", []byte("PK not a zip"), "压缩包已损坏或不完整"},
		{"月份不清.csv", []byte(ambiguous), "表中写的月份前后不一致（有2018年9月，也有别的月份），看不出是哪个月的报表，未收下"},
		{"套.zip", zipOf(t, file{"../逃出.csv", []byte(goodSheet)}, file{"里面.zip", nested}, file{"说明.txt", []byte("x")}), ""},
	}
	files := []file{{"青秀区.csv", []byte(goodSheet)}}
	for _, tt := range tests {
		files = append(files, file{tt.name, tt.data})
	}
	code, page := d.uploadFiles(c, "2018-10", files...)
	if code != http.StatusOK {
		t.Fatalf("status %d\n%s", code, page)
	}
	for _, tt := range tests {
		if tt.want == "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			row := resultRow(page, tt.name)
			if !strings.Contains(row, "未收下") || !strings.Contains(row, tt.want) {
				t.Errorf("the line of %s lacks 未收下 and %q:\n%s", tt.name, tt.want, page)
			}
		})
	}
	for name, want := range map[string]string{
		"套.zip!../逃出.csv": "名称指向压缩包以外", "套.zip!里面.zip": "压缩包中的压缩包", "套.zip!说明.txt": "不是表格文件",
	} {
		if row := resultRow(page, name); !strings.Contains(row, "未收下") || !strings.Contains(row, want) {
			t.Errorf("the line of %s lacks 未收下 and %q:\n%s", name, want, page)
		}
	}
	if !strings.Contains(page, "收下 1 个，未收下 7 个") {
		t.Errorf("the page does not count what was refused:\n%s", page)
	}
	if n := d.versionCount("青秀区", "2018-08", "2018-09", "2018-10"); n != 1 {
		t.Errorf("%d versions kept, want only the good sheet's", n)
	}
}

// An upload over the limits of one is refused whole, in Chinese, and
// nothing of it is kept.
func TestUploadLimits(t *testing.T) {
	cfg := templates.Default()
	cfg.Checks.MaxFileBytes = 20000 // an upload carries 100000 bytes at most
	d := newTestDesk(t, cfg)
	c := d.login("青秀区")
	padded := func(n int) []byte { // goodSheet, n bytes long
		return append([]byte(goodSheet), bytes.Repeat([]byte(" "), n-len(goodSheet))...)
	}
	many := func(n int) []file {
		var fs []file
		for i := range n {
			fs = append(fs, file{fmt.Sprintf("青秀区%d.csv", i), []byte(goodSheet)})
		}
		return fs
	}
	var manyInZip []file
	for i := range maxUploadFiles {
		manyInZip = append(manyInZip, file{fmt.Sprintf("%d.csv", i), []byte("x")})
	}
	tests := []struct {
		name  string
		files []file
		code  int
		want  string
		kept  int
	}{
		{"one file too large", []file{{"青秀区.csv", padded(20001)}}, 413, "文件太大，未收下：每个文件不能超过 19 千字节", 0},
		{"too many files", many(maxUploadFiles + 1), 413, "一次最多上传 50 个文件", 0},
		{"too many with a .zip file's", append(many(1), file{"多.zip", zipOf(t, manyInZip...)}), 413, "一次最多上传 50 个文件（压缩包中的文件也算在内）", 0},
		{"too large in all", []file{{"1.csv", padded(19000)}, {"2.csv", padded(19000)}, {"3.csv", padded(19000)},
			{"4.csv", padded(19000)}, {"5.csv", padded(19000)}, {"6.csv", padded(19000)}}, 413,
			"一次上传的文件合计太大，都未收下：合计不能超过 97 千字节", 0},
		{"as many as allowed", many(maxUploadFiles), 200, "共 50 个文件：收下 50 个", 50},
		{"one of several too large", []file{{"大.csv", padded(20001)}, {"小.csv", padded(19000)}}, 200, "文件太大，未收下", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := d.versionCount("青秀区", "2018-10")
			code, page := d.uploadFiles(c, "2018-10", tt.files...)
			if code != tt.code || !strings.Contains(page, tt.want) {
				t.Fatalf("status %d, want %d with %q\n%s", code, tt.code, tt.want, page)
			}
			if kept := d.versionCount("青秀区", "2018-10") - before; kept != tt.kept {
				t.Errorf("%d versions kept, want %d", kept, tt.kept)
			}
			if regexp.MustCompile(`[A-Za-z]{4,}`).MatchString(stripTags(page)) {
				t.Errorf("the page speaks English:\n%s", stripTags(page))
			}
		})
	}
}

// stripTags is the text of a page without its markup, style and scripts.
func stripTags(page string) string {
	page = regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(page, "")
	return regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(page, "")
}

// A single sheet that states another month than the one chosen is kept
// under its own, and the page says so rather than going on to it.
func TestUploadOtherMonth(t *testing.T) {
	d := newTestDesk(t, nil)
	c := d.login("青秀区")
	code, page := d.do(c, d.uploadRequest("2018-10", "青秀区.csv", []byte(monthSheet("青秀区", 9, povertyFigures, projectsFigures))))
	if code != http.StatusOK || !strings.Contains(page, "表中写的是2018年9月，已作为2018年9月的报表收下") {
		t.Fatalf("status %d\n%s", code, page)
	}
	if n := d.versionCount("青秀区", "2018-09"); n != 1 {
		t.Fatalf("%d versions of 2018-09, want 1", n)
	}
	if n := d.versionCount("青秀区", "2018-10"); n != 0 {
		t.Fatalf("%d versions of 2018-10, want 0", n)
	}
}

func TestShownName(t *testing.T) {
	long := strings.Repeat("很长的名字", 30) + ".xlsx"
	tests := []struct{ in, want string }{
		{`C:\报表\青秀区.csv`, "青秀区.csv"},
		{"a/b/青秀区.xlsx", "青秀区.xlsx"},
		{long, string([]rune(long)[:89]) + "…" + "很长的名字.xlsx"},
	}
	for _, tt := range tests {
		got := shownName(tt.in)
		if got != tt.want || uploadExt(got) != uploadExt(tt.in) {
			t.Errorf("shownName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The desk takes every kind of file the command line reads: a sheet saved
// as tab-separated text is checked like any other.
func TestUploadKindsOfTheCommandLine(t *testing.T) {
	for _, ext := range ingest.Extensions {
		if !uploadKinds[ext] {
			t.Errorf("the desk does not take %s, which the command line reads", ext)
		}
	}
	d := newTestDesk(t, nil)
	c := d.login("青秀区")
	v := d.upload(c, "青秀区.tsv", strings.ReplaceAll(goodSheet, ",", "\t"))
	if _, page := d.get(c, v); !strings.Contains(page, "可以报送") {
		t.Errorf("a .tsv sheet is not ready to send:\n%s", page)
	}
	if _, page := d.get(c, "/unit"); !strings.Contains(page, `accept=".xlsx,.xlsm,.xls,.et,.ett,.csv,.tsv,.zip"`) {
		t.Errorf("the file picker does not offer the kinds taken:\n%s", page)
	}
}
