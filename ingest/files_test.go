package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jianbao/internal/testkit"
	"jianbao/problem"
	"jianbao/templates"
)

// anonymousCSV is the standard sheet with a title that names neither unit
// nor month: whose it is and when come from the names of its file, its
// archive and their folders.
func anonymousCSV() string {
	return strings.Replace(standardCSV(","), "青秀区2018年10月", "", 1)
}

// testEntry is a file to put in a test archive: its name as stored, whether
// the archive says the name is UTF-8, and the general-purpose flags.
type testEntry struct {
	name  string
	utf8  bool
	flags uint16
	body  []byte
}

// buildZip writes a zip archive of entries, as Windows and other zippers
// write them.
func buildZip(t *testing.T, entries []testEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, NonUTF8: !e.utf8}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	// flags the writer does not set (an encrypted entry): patched into the
	// local and central headers of that entry
	for _, e := range entries {
		if e.flags == 0 {
			continue
		}
		for _, sig := range [][]byte{[]byte("PK\x03\x04"), []byte("PK\x01\x02")} {
			off := 6
			if sig[2] == 1 {
				off = 8
			}
			for i := 0; ; {
				j := bytes.Index(data[i:], sig)
				if j < 0 {
					break
				}
				at := i + j
				nameAt := at + 30
				if sig[2] == 1 {
					nameAt = at + 46
				}
				if bytes.HasPrefix(data[nameAt:], []byte(e.name)) {
					data[at+off] |= byte(e.flags)
				}
				i = at + 4
			}
		}
	}
	return data
}

func gbk(t *testing.T, s string) string {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func firstCode(s *Submission) string {
	if errs := s.Errors(); len(errs) > 0 {
		return errs[0].Code()
	}
	return "OK"
}

// Every file under a folder is accounted for: read (a spreadsheet, each
// spreadsheet inside a zip archive, named archive!inner), listed as not
// read with why (a document, a picture, a .rar, a nested archive), or, for
// lock, hidden and system files, skipped and counted. A file not read is
// no unit's refused sheet (Unread), though its name may say whose it is.
func TestFolderAccountedFor(t *testing.T) {
	sheet := []byte(anonymousCSV())
	archive := buildZip(t, []testEntry{
		{name: gbk(t, "青秀区.csv"), body: sheet},          // a Chinese Windows zipper: GBK, no UTF-8 flag
		{name: "子目录\\兴宁区.csv", utf8: true, body: sheet}, // Windows folder separators
		{name: "__MACOSX/._青秀区.csv", utf8: true, body: []byte("x")},
		{name: "Thumbs.db", utf8: true, body: []byte("x")},
		{name: "~$青秀区.xlsx", utf8: true, body: []byte("x")},
		{name: "说明.txt", utf8: true, body: []byte("x")},
		{name: "../江南区.csv", utf8: true, body: sheet},
		{name: "/etc/良庆区.csv", utf8: true, body: sheet},
		{name: "上月.zip", utf8: true, body: []byte("PK")},
		{name: "加密/邕宁区.csv", utf8: true, flags: 1, body: sheet},
	})
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"2018-10/附件.zip":        archive,
		"2018-10/西乡塘区.csv":      sheet,
		"2018-10/说明.docx":       []byte("PK\x03\x04"),
		"2018-10/江南区照片.jpg":     []byte("\xff\xd8"),
		"2018-10/兴宁区.rar":       []byte("Rar!"),
		"2018-10/良庆区.7z":        []byte("7z\xbc\xaf\x27\x1c"),
		"2018-10/坏的.zip":        []byte("PK\x03\x04 cut short"),
		"2018-10/~$西乡塘区.csv":    []byte("x"),
		"2018-10/.DS_Store":     []byte("x"),
		"2018-10/Thumbs.db":     []byte("x"),
		".git/objects/x.xlsx":   []byte("x"),
		"2018-10/空.zip":         buildZip(t, []testEntry{{name: ".hidden", utf8: true}}),
		"2018-10/名字.zip/里面.csv": sheet, // a folder named like an archive
	})
	folder, err := ScanFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // file: first error code, or OK
		"2018-10/兴宁区.rar":             "ARCHIVE_UNSUPPORTED",
		"2018-10/良庆区.7z":              "ARCHIVE_UNSUPPORTED",
		"2018-10/名字.zip/里面.csv":       "UNKNOWN_UNIT",
		"2018-10/坏的.zip":              "ARCHIVE_DAMAGED",
		"2018-10/江南区照片.jpg":           "NOT_A_SHEET",
		"2018-10/空.zip":               "ARCHIVE_EMPTY",
		"2018-10/西乡塘区.csv":            "OK",
		"2018-10/说明.docx":             "NOT_A_SHEET",
		"2018-10/附件.zip!../江南区.csv":   "ARCHIVE_UNSAFE_NAME",
		"2018-10/附件.zip!/etc/良庆区.csv": "ARCHIVE_UNSAFE_NAME",
		"2018-10/附件.zip!上月.zip":       "ARCHIVE_NESTED",
		"2018-10/附件.zip!加密/邕宁区.csv":   "ARCHIVE_ENCRYPTED",
		"2018-10/附件.zip!子目录/兴宁区.csv":  "OK",
		"2018-10/附件.zip!说明.txt":       "NOT_A_SHEET",
		"2018-10/附件.zip!青秀区.csv":      "OK",
	}
	var names []string
	for n := range want {
		names = append(names, n)
	}
	if got := folder.Files; !sameSet(got, names) {
		t.Errorf("files %q\nwant %q", got, names)
	}
	// in the folder: ~$西乡塘区.csv, .DS_Store, Thumbs.db, .git; in the
	// archive: __MACOSX, Thumbs.db, ~$青秀区.xlsx; in 空.zip: .hidden
	if folder.Skipped != 8 {
		t.Errorf("skipped %d, want 8", folder.Skipped)
	}
	rd := NewReader(templates.Default())
	unread := map[string]bool{"NOT_A_SHEET": true, "ARCHIVE_UNSUPPORTED": true, "ARCHIVE_DAMAGED": true,
		"ARCHIVE_EMPTY": true, "ARCHIVE_NESTED": true}
	for _, name := range folder.Files {
		t.Run(name, func(t *testing.T) {
			s := rd.ReadFile(Locate(dir, name), name)
			if got := firstCode(s); got != want[name] {
				t.Errorf("code %s, want %s: %v", got, want[name], s.Findings)
			}
			if s.Unread() != unread[want[name]] {
				t.Errorf("Unread() = %v", s.Unread())
			}
			if s.File != name {
				t.Errorf("file %q", s.File)
			}
		})
	}
	// whose: from the inner name, the archive's folder standing for the month
	for name, unit := range map[string]string{"2018-10/附件.zip!青秀区.csv": "青秀区", "2018-10/附件.zip!子目录/兴宁区.csv": "兴宁区",
		"2018-10/江南区照片.jpg": "江南区", "2018-10/兴宁区.rar": "兴宁区"} {
		s := rd.ReadFile(Locate(dir, name), name)
		if s.Unit != unit || s.Period.String() != "2018-10" {
			t.Errorf("%s: %q %q, want %s 2018-10", name, s.Unit, s.Period, unit)
		}
	}
}

func sameSet(a, b []string) bool {
	x, y := append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	return reflect.DeepEqual(x, y)
}

// An archive named for its month, holding sheets named for their units,
// is read as the units' sheets of that month; the files of a zip archive
// given to validate are listed as a folder's are.
func TestZipNamesWhose(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "2018年10月报表.zip")
	writeFiles(t, dir, map[string][]byte{"2018年10月报表.zip": buildZip(t, []testEntry{
		{name: gbk(t, "江南区.csv"), body: []byte(anonymousCSV())},
		{name: ".DS_Store", utf8: true, body: []byte("x")},
	})})
	names, skip := ExpandFile(p)
	if want := []string{p + "!江南区.csv"}; !reflect.DeepEqual(names, want) || skip != 1 {
		t.Fatalf("ExpandFile = %q, %d; want %q, 1", names, skip, want)
	}
	s := NewReader(templates.Default()).ReadFile(names[0], names[0])
	if !s.OK() || s.Unit != "江南区" || s.Period.String() != "2018-10" || s.Total["personnel_dispatched"] != 36 {
		t.Errorf("%q %q %v: %v", s.Unit, s.Period, s.Total, s.Findings)
	}
	if got, _ := ExpandFile(filepath.Join(dir, "a.xlsx")); len(got) != 1 {
		t.Errorf("ExpandFile of a sheet = %q", got)
	}
}

// A spreadsheet inside an archive is held to the limits of a file of its
// own, and an archive to limits of its own.
func TestZipLimits(t *testing.T) {
	dir := t.TempDir()
	many := make([]testEntry, maxArchiveEntries+1)
	for i := range many {
		many[i] = testEntry{name: strings.Repeat("x", i%7+1) + string(rune('a'+i%26)) + ".csv", utf8: true}
		many[i].name = filepath.ToSlash(filepath.Join(strings.Repeat("d", i/26+1), many[i].name))
	}
	writeFiles(t, dir, map[string][]byte{
		"大.zip":   buildZip(t, []testEntry{{name: "青秀区.csv", utf8: true, body: bytes.Repeat([]byte("1,"), 1000)}}),
		"多.zip":   buildZip(t, many),
		"坏.zip":   brokenMember(t),
		"正常.xlsx": nil,
	})
	rd := NewReader(templates.Default())
	rd.Limits.FileBytes = 1000
	for _, c := range []struct{ name, code string }{
		{"大.zip!青秀区.csv", "TOO_LARGE"},
		{"多.zip", "ARCHIVE_TOO_LARGE"},
		{"坏.zip!青秀区.csv", "ARCHIVE_MEMBER_DAMAGED"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := rd.ReadFile(Locate(dir, c.name), c.name)
			if got := firstCode(s); got != c.code {
				t.Errorf("code %s, want %s: %v", got, c.code, s.Findings)
			}
		})
	}
	folder, err := ScanFolder(dir)
	if err != nil || !reflect.DeepEqual(folder.Files, []string{"坏.zip!青秀区.csv", "多.zip", "大.zip!青秀区.csv", "正常.xlsx"}) {
		t.Errorf("ScanFolder = %q, %v", folder.Files, err)
	}
}

// brokenMember is an archive whose one file's compressed data is damaged.
func brokenMember(t *testing.T) []byte {
	data := buildZip(t, []testEntry{{name: "青秀区.csv", utf8: true, body: []byte(anonymousCSV())}})
	at := 30 + len("青秀区.csv") + 5
	for i := at; i < at+40; i++ {
		data[i] ^= 0x5a
	}
	return data
}

// A WPS .et workbook is read as the Excel 97-2003 file it almost always
// is; one in WPS's own format is refused, saying to save it as .xlsx in
// WPS.
func TestWPSWorkbook(t *testing.T) {
	dir := t.TempDir()
	xls, err := os.ReadFile("../testdata/xls/青秀区-2018-10-libreoffice.xls")
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{"青秀区.et": xls, "江南区.et": []byte("WPS 自有格式"), "模板.ett": xls})
	rd := NewReader(templates.Default())
	for _, c := range []struct{ name, code string }{
		{"青秀区.et", "OK"},
		{"模板.ett", "OK"},
		{"江南区.et", "WPS_FORMAT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := rd.ReadFile(filepath.Join(dir, c.name), c.name)
			if got := firstCode(s); got != c.code {
				t.Errorf("code %s, want %s: %v", got, c.code, s.Findings)
			}
			if s.Unread() {
				t.Error("a workbook is listed as not read")
			}
		})
	}
	files, err := Scan(dir)
	if err != nil || len(files) != 3 {
		t.Errorf("Scan = %q, %v", files, err)
	}
}

// The .et file of the public corpus, as WPS saved it, opens and its sheets
// are read (it holds no statistics table).
func TestWPSWorkbookWild(t *testing.T) {
	p := filepath.Join(wildDir(), "sheetjs__wps_fn.et")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("wild corpus not found: %v", err)
	}
	s := NewReader(templates.Default()).ReadFile(p, "2018-10/江南区.et")
	if len(s.Sheets) == 0 {
		t.Fatalf("no sheets read: %v", s.Findings)
	}
	if code := firstCode(s); code != ErrNoDataSheet.Code {
		t.Errorf("code %s, want %s", code, ErrNoDataSheet.Code)
	}
}

// What may stand in a clerk's message besides Chinese: names of file kinds
// (.xlsx), the programs a clerk uses, and the names quoted from the file.
var clerkWords = regexp.MustCompile(`\.[a-z0-9]+\b|Excel|WPS|ZIP|\*`)

func clerkText(s string, names ...string) string {
	for _, n := range names {
		s = strings.ReplaceAll(s, n, "")
	}
	s = regexp.MustCompile(`「[^」]*」`).ReplaceAllString(testkit.Unquoted(s), "")
	return clerkWords.ReplaceAllString(s, "")
}

// Every error of the system or of a library met while reading a file (a
// missing file, a folder, a damaged archive or workbook, a timeout) is a
// Chinese sentence with advice that fits: no English words of Go, the
// operating system or a library reach the clerk.
func TestReadErrorsSaidInChinese(t *testing.T) {
	dir := t.TempDir()
	xlsx, err := os.ReadFile("../samples/2018-10/兴宁区.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{
		"坏.zip":      []byte("PK\x03\x04 cut short"),
		"坏2.zip":     brokenMember(t),
		"截断.xlsx":    xlsx[:len(xlsx)/2],
		"乱码.xls":     append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, bytes.Repeat([]byte{0xff}, 600)...),
		"文件夹.xlsx/x": nil,
	})
	rd := NewReader(templates.Default())
	cases := []struct {
		name, code, text string
	}{
		{"不存在.xlsx", "FILE_NOT_FOUND", "找不到这个文件"},
		{"文件夹.xlsx", "UNREADABLE_FILE", "这不是普通文件（是文件夹）"},
		{"坏.zip", "ARCHIVE_DAMAGED", "压缩包已损坏"},
		{"坏2.zip!青秀区.csv", "ARCHIVE_MEMBER_DAMAGED", "压缩包中的这个文件无法解压"},
		{"截断.xlsx", "UNREADABLE_FILE", "文件无法读取"},
		{"乱码.xls", "UNREADABLE_FILE", "文件无法读取"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := rd.ReadFile(filepath.Join(dir, c.name), c.name)
			errs := s.Errors()
			if len(errs) == 0 || errs[0].Code() != c.code || !strings.Contains(errs[0].Message(), c.text) {
				t.Fatalf("findings %v; want %s %q", s.Findings, c.code, c.text)
			}
			for _, f := range errs {
				testkit.NoLatin(t, c.name, clerkText(f.Message()+"。"+f.Fix(), c.name))
			}
		})
	}
	t.Run("no permission", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads any file")
		}
		p := filepath.Join(dir, "锁住.xlsx")
		writeFiles(t, dir, map[string][]byte{"锁住.xlsx": xlsx})
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		if s := rd.ReadFile(p, "锁住.xlsx"); firstCode(s) != "NO_PERMISSION" {
			t.Errorf("findings %v", s.Findings)
		}
	})
	t.Run("system errors", func(t *testing.T) {
		for _, err := range []error{os.ErrNotExist, os.ErrPermission, os.ErrClosed} {
			e := fileError(&os.PathError{Op: "open", Path: "/x/青秀区.xlsx", Err: err})
			if testkit.HasLatin(clerkText(e.Error() + problem.Fix(e))) {
				t.Errorf("%v: %q", err, e.Error())
			}
			if !errors.Is(e, err) {
				t.Errorf("%v: the cause is not kept", err)
			}
		}
	})
	t.Run("timeout and reader fault", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		r := NewReader(templates.Default())
		r.Limits.Time = 1
		r.readFile = func(p, name string, _ <-chan struct{}) *Submission { <-release; return nil }
		s := r.readBounded("x.xlsx", "x.xlsx", newMemoryBudget(r.memory()))
		testkit.NoLatin(t, "timeout", clerkText(s.Errors()[0].Message()))
		s = r.unreadable("x.xlsx", &quiet{ErrReaderFailed, os.ErrInvalid})
		testkit.NoLatin(t, "fault", clerkText(s.Errors()[0].Message()))
	})
	for _, p := range append(unreadProblems, ErrArchiveEncrypted, ErrArchiveUnsafeName, ErrMemberDamaged, ErrWPSFormat,
		ErrFileNotFound, ErrNoPermission, ErrFileInUse, ErrNameTooLong) {
		testkit.NoLatin(t, p.Code, clerkText(p.Text+"。"+p.Fix))
	}
}

// The messages of every file of the public corpus of odd spreadsheets are
// in Chinese: what the libraries said of a damaged file is not shown.
func TestWildCorpusSaidInChinese(t *testing.T) {
	entries, err := os.ReadDir(wildDir())
	if err != nil {
		t.Skipf("wild corpus not found: %v", err)
	}
	rd := NewReader(templates.Default())
	rd.Limits.Time = 0
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".md") || e.Name() == "MANIFEST.tsv" {
			continue
		}
		s := rd.ReadFile(filepath.Join(wildDir(), e.Name()), e.Name())
		for _, f := range s.Errors() {
			if f.Code() == ErrEncrypted.Code || f.Code() == ErrMissingMetric.Code {
				continue // their advice names a command-line option and a command
			}
			if txt := clerkText(f.Message(), e.Name()); testkit.HasLatin(txt) {
				t.Errorf("%s: %s: %q", e.Name(), f.Code(), txt)
			}
		}
	}
}

// A spreadsheet inside a zip archive is annotated like any other: its copy
// is made from the bytes inside the archive.
func TestAnnotateZipMember(t *testing.T) {
	dir := t.TempDir()
	xlsx, err := os.ReadFile("../samples/2018-10/兴宁区.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{"附件.zip": buildZip(t, []testEntry{{name: "青秀区.xlsx", utf8: true, body: xlsx}})})
	src := filepath.Join(dir, "附件.zip") + "!青秀区.xlsx"
	rd := NewReader(templates.Default())
	s := rd.ReadFile(src, src)
	if s.OK() {
		t.Fatal("the sheet names another unit than its file and should be refused")
	}
	dst := filepath.Join(t.TempDir(), "青秀区.xlsx")
	if err := rd.Annotate(src, dst, s); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(dst); err != nil || st.Size() == 0 {
		t.Fatalf("no copy: %v", err)
	}
}
