package main

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Every file under the folder is accounted for in the three places a
// rollup reports: a unit's sheet sent in a zip archive is read, named
// archive!inner; a picture, a PDF and a .rar are listed as not read, with
// why, apart from the refused sheets (their units are missing, not
// refused); lock and hidden files are counted as skipped.
func TestRollupAccountsForEveryFile(t *testing.T) {
	dir := t.TempDir()
	month := filepath.Join(dir, "2018-10")
	copyTree(t, "samples/2018-10", month)
	// 江南区's sheet arrives in an archive; 良庆区 sends a PDF and a photo,
	// 隆安县 a .rar
	sheet, err := os.ReadFile(filepath.Join(month, "江南区.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	removeMatching(t, month, "江南区")
	removeMatching(t, month, "良庆区")
	removeMatching(t, month, "隆安县")
	f, err := os.Create(filepath.Join(month, "江南区.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("江南区.xlsx")
	if err == nil {
		_, err = w.Write(sheet)
	}
	if err != nil || zw.Close() != nil || f.Close() != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"良庆区.pdf": "%PDF", "良庆区照片.jpg": "jpg", "隆安县.rar": "Rar!",
		"~$兴宁区.xlsx": "x", ".DS_Store": "x"} {
		if err := os.WriteFile(filepath.Join(month, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "o")
	code, stdout, stderr := run(t, "rollup", "--quiet", "--out", out, dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"读取14个文件，采用14份报表。",
		"本月无有效报表的单位（2个）：良庆区、隆安县",
		"未读取：2018-10/良庆区.pdf（良庆区 2018-10）：不是表格文件，没有读取\n",
		"未读取：2018-10/良庆区照片.jpg（良庆区 2018-10）：不是表格文件，没有读取\n",
		"未读取：2018-10/隆安县.rar（隆安县 2018-10）：这是压缩包，只能打开.zip格式的压缩包，没有读取\n",
		"已跳过临时、隐藏或系统文件2个",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output has no %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "未计入") {
		t.Errorf("a file not read is listed as a refused sheet:\n%s", stdout)
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Units []struct {
			Name, Status string
		} `json:"units"`
		Excluded []any `json:"excluded"`
		Unread   []struct {
			File, Unit, Period, Reason, Code string
		} `json:"unread"`
		Skipped int `json:"skipped_files"`
		Sources []struct {
			File string `json:"file"`
		} `json:"sources"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Unread) != 3 || s.Unread[2].File != "2018-10/隆安县.rar" || s.Unread[2].Code != "ARCHIVE_UNSUPPORTED" || s.Skipped != 2 || len(s.Excluded) != 0 {
		t.Errorf("unread %+v, skipped %d, excluded %v", s.Unread, s.Skipped, s.Excluded)
	}
	zipped := false
	for _, src := range s.Sources {
		zipped = zipped || src.File == "2018-10/江南区.zip!江南区.xlsx"
	}
	for _, u := range s.Units {
		if (u.Name == "良庆区" || u.Name == "隆安县") && u.Status != "missing" {
			t.Errorf("%s: %s", u.Name, u.Status)
		}
	}
	if !zipped {
		t.Error("the sheet in the archive is not among the sources")
	}
	x, err := excelize.OpenFile(filepath.Join(out, "briefing.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("数据来源")
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{"四、未读取的文件（3个）", "2018-10/隆安县.rar|ARCHIVE_UNSUPPORTED|这是压缩包", "2018-10/江南区.zip!江南区.xlsx", "跳过临时或隐藏文件2个"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("数据来源 has no %q", want)
		}
	}
}

// validate on a folder lists its files that are not spreadsheets too, each
// with why, and counts them apart.
func TestValidateFolderListsUnread(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("samples/2018-10/经开区.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{"经开区.xlsx": data, "说明.docx": []byte("PK\x03\x04"), "附件.7z": []byte("7z")} {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := run(t, "validate", dir)
	for _, want := range []string{"说明.docx", "不是表格文件，没有读取", "附件.7z", "这是压缩包", "结论：未读取", "1个可以报送", "2个不是表格或未能打开，没有读取"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in\n%s%s", want, stdout, stderr)
		}
	}
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
}
