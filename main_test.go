package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"jianbao/internal/testkit"
	"jianbao/problem"
)

// reference are the January–October 2018 citywide figures the samples must
// reproduce.
var reference = map[string]int64{
	"personnel_dispatched":     42537,
	"problems_found":           33437,
	"problems_rectified":       33135,
	"letters_issued":           1976,
	"units_interviewed":        82,
	"persons_interviewed":      288,
	"units_held_accountable":   62,
	"persons_held_accountable": 415,
}

// run runs the command line in-process and returns its exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	err := newApp(&out, &errb).Run(append([]string{"jianbao"}, args...))
	return exitCode(err, &errb), out.String(), errb.String()
}

type summary struct {
	Period string `json:"period"`
	Month  struct {
		Totals map[string]int64 `json:"totals"`
	} `json:"month"`
	YearToDate struct {
		From   string           `json:"from"`
		To     string           `json:"to"`
		Totals map[string]int64 `json:"totals"`
	} `json:"year_to_date"`
	Units []struct {
		Name       string           `json:"name"`
		Month      map[string]int64 `json:"month"`
		YearToDate map[string]int64 `json:"year_to_date"`
	} `json:"units"`
	Missing  []string `json:"missing"`
	Excluded []struct {
		File    string   `json:"file"`
		Reasons []string `json:"reasons"`
	} `json:"excluded"`
	Sources []struct {
		File   string `json:"file"`
		SHA256 string `json:"sha256"`
	} `json:"sources"`
}

func readSummary(t *testing.T, dir string) summary {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRollupSamples(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := run(t, "rollup", "--out", out, "--generated-at", "2018-11-05T09:00:00+08:00", "samples")
	if code != exitOK {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	s := readSummary(t, out)
	if s.Period != "2018-10" || s.YearToDate.From != "2018-01" || s.YearToDate.To != "2018-10" {
		t.Errorf("period %s, from %s, to %s", s.Period, s.YearToDate.From, s.YearToDate.To)
	}
	for id, want := range reference {
		if got := s.YearToDate.Totals[id]; got != want {
			t.Errorf("year to date %s = %d, want %d", id, got, want)
		}
	}
	if len(s.Missing) != 0 || len(s.Excluded) != 0 || len(s.Sources) != 160 || len(s.Units) != 16 {
		t.Errorf("missing %v, excluded %v, %d sources, %d units", s.Missing, s.Excluded, len(s.Sources), len(s.Units))
	}
	checkUnitsAddUp(t, s)
	checkWorkbook(t, filepath.Join(out, "briefing.xlsx"), s)
	checkPDFText(t, filepath.Join(out, "briefing.pdf"))
}

// checkUnitsAddUp: the citywide figures are the sums of the units'.
func checkUnitsAddUp(t *testing.T, s summary) {
	month, ytd := map[string]int64{}, map[string]int64{}
	for _, u := range s.Units {
		for id := range reference {
			month[id] += u.Month[id]
			ytd[id] += u.YearToDate[id]
		}
	}
	for id := range reference {
		if month[id] != s.Month.Totals[id] || ytd[id] != s.YearToDate.Totals[id] {
			t.Errorf("%s: units add up to %d / %d, totals say %d / %d", id, month[id], ytd[id], s.Month.Totals[id], s.YearToDate.Totals[id])
		}
	}
}

// checkWorkbook reads briefing.xlsx back and finds every year-to-date figure.
func checkWorkbook(t *testing.T, path string, s summary) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cells []string
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			cells = append(cells, r...)
		}
	}
	all := "\x00" + strings.Join(cells, "\x00") + "\x00"
	for id, want := range reference {
		if !strings.Contains(all, "\x00"+formatInt(want)+"\x00") {
			t.Errorf("briefing.xlsx has no cell holding %s = %d", id, want)
		}
	}
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// checkPDFText extracts the PDF's text with pdftotext, when installed, and
// looks for every year-to-date figure and unit name.
func checkPDFText(t *testing.T, path string) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: PDF text not checked")
		return
	}
	txt, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(txt), ",", "")
	for id, want := range reference {
		if !strings.Contains(text, formatInt(want)) {
			t.Errorf("PDF text lacks %s = %d", id, want)
		}
	}
	for _, u := range []string{"市本级", "青秀区", "东盟经开区", "经开区", "横县"} {
		if !strings.Contains(string(txt), u) {
			t.Errorf("PDF text lacks %s", u)
		}
	}
}

func TestRollupStrictAndExcluded(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "samples/2018-10", filepath.Join(dir, "2018-10"))
	removeMatching(t, filepath.Join(dir, "2018-10"), "青秀")
	copyFile(t, "testdata/reject/01-not-whole-number-青秀区-2018-10.xlsx", filepath.Join(dir, "2018-10", "青秀区.xlsx"))
	out := filepath.Join(t.TempDir(), "o")
	if code, _, _ := run(t, "rollup", "--strict", "--out", out, dir); code != exitFailed {
		t.Fatalf("strict with an excluded sheet: exit %d, want %d", code, exitFailed)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("strict failure wrote outputs: %v", err)
	}
	code, stdout, stderr := run(t, "rollup", "--out", out, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	s := readSummary(t, out)
	if len(s.Excluded) != 1 || !strings.Contains(s.Excluded[0].Reasons[0], "C7") || len(s.Missing) != 1 || s.Missing[0] != "青秀区" {
		t.Errorf("excluded %+v, missing %v", s.Excluded, s.Missing)
	}
}

func TestValidateExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"validate", "samples/2018-10/经开区.xlsx"}, exitOK, "可以报送"},
		{[]string{"validate", "testdata/reject/01-not-whole-number-青秀区-2018-10.xlsx"}, exitFailed, "C7"},
		{[]string{"validate", "--format", "json", "testdata/reject/04-total-mismatch-青秀区-2018-10.xlsx"}, exitFailed, `"code": "TOTAL_MISMATCH"`},
		{[]string{"validate", "--codes", "--period", "2018-09", "samples/2018-10/经开区.xlsx"}, exitFailed, "（WRONG_PERIOD）"},
		{[]string{"validate", "--format", "xml", "samples/2018-10/经开区.xlsx"}, exitUsage, ""},
		{[]string{"validate"}, exitUsage, ""},
		{[]string{"validate", "--no-such-flag", "x.xlsx"}, exitUsage, ""},
		{[]string{"validate", "does-not-exist.xlsx"}, exitFailed, "找不到这个文件"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			if code != c.code || !strings.Contains(stdout, c.want) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, c.code, stdout, stderr)
			}
		})
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, "template", "--all", "--period", "2018-10", "-o", dir); code != exitOK {
		t.Fatalf("template --all: %s", stderr)
	}
	// A blank template for the period is read as the unit's and month's,
	// and refused: it has not been filled in.
	code, stdout, _ := run(t, "validate", "--format", "json", filepath.Join(dir, "东盟经开区-2018-10.xlsx"))
	if code != exitFailed || !strings.Contains(stdout, "东盟经开区") || !strings.Contains(stdout, `"code": "NOT_FILLED"`) {
		t.Errorf("blank template: exit %d\n%s", code, stdout)
	}
	if code, _, _ := run(t, "template", "--unit", "某某区", "-o", filepath.Join(dir, "x.xlsx")); code != exitUsage {
		t.Errorf("unknown unit: exit %d, want %d", code, exitUsage)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		copyFile(t, filepath.Join(from, e.Name()), filepath.Join(to, e.Name()))
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func removeMatching(t *testing.T, dir, part string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), part) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestValidateExplainAndAnnotate(t *testing.T) {
	src := "testdata/reject/04-total-mismatch-青秀区-2018-10.xlsx"
	before, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	code, stdout, stderr := run(t, "validate", "--explain", "--codes", "--annotate", dir, src, "samples/2018-10/经开区.xlsx")
	if code != exitFailed {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	for _, want := range []string{"数据表：第1张表「统计表」", "表头在第3、4行", "D列“督查发现问题（个）”：本月数（计入） ← 督查发现问题", "第13行“合计”：合计（核对）", "单位：经开区", "TOTAL_MISMATCH"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	for _, name := range []string{"04-total-mismatch-青秀区-2018-10.xlsx", "经开区.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("annotated copy: %v", err)
		}
	}
	if after, _ := os.ReadFile(src); !bytes.Equal(before, after) {
		t.Error("validate --annotate modified its input")
	}
}

// --timings lists every stage once, in order, with a duration; without it
// nothing is printed on standard error.
func TestRollupTimings(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "samples/2018-10", filepath.Join(dir, "2018-10"))
	out := filepath.Join(t.TempDir(), "o")
	code, _, stderr := run(t, "rollup", "--quiet", "--timings", "--out", out, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var stages []string
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] != "用时" {
			t.Fatalf("not a timing line: %q", line)
		}
		if s, err := strconv.ParseFloat(f[3], 64); err != nil || s < 0 {
			t.Errorf("%s: duration %q", f[1], f[3])
		}
		stages = append(stages, f[1])
	}
	want := "ingest aggregate briefing.pdf briefing.xlsx summary.json total"
	if got := strings.Join(stages, " "); got != want {
		t.Errorf("stages %q, want %q", got, want)
	}
	if _, _, stderr := run(t, "rollup", "--quiet", "--out", out, dir); stderr != "" {
		t.Errorf("without --timings, standard error has %q", stderr)
	}
}

// The codes of the command line's own problems are a contract with
// scripts; their sentences are Chinese, but for the words typed on the
// command line (options, their values, commands) and file names.
func TestProblemCodes(t *testing.T) {
	for _, c := range []struct {
		p    *problem.Problem
		code string
	}{
		{errNeedFolder, "NEED_FOLDER"},
		{errNeedFiles, "NEED_FILES"},
		{errNotFolder, "NOT_A_FOLDER"},
		{errBadPeriod, "BAD_PERIOD"},
		{errBadTime, "BAD_TIME"},
		{errBadIssue, "BAD_ISSUE"},
		{errBadFormat, "BAD_FORMAT"},
		{errUnitOption, "UNKNOWN_UNIT_OPTION"},
		{errAllAndUnit, "CONFLICTING_OPTIONS"},
		{errBadOption, "BAD_OPTION"},
		{errMissingOption, "MISSING_OPTION"},
		{errUnknownCommand, "UNKNOWN_COMMAND"},
		{errStrict, "STRICT_FAILED"},
		{errAnnotate, "ANNOTATE_FAILED"},
		{errExists, "FILE_EXISTS"},
		{errNoSubmissions, "NO_SUBMISSIONS"},
		{errUnexpected, "UNEXPECTED"},
	} {
		if c.p.Code != c.code {
			t.Errorf("%s: code %s, want %s", c.p.Text, c.p.Code, c.code)
		}
		if c.p.Text == "" || c.p.Fix == "" {
			t.Errorf("%s: no text or no advice", c.code)
		}
		if s := clerkText(c.p.Text + "。" + c.p.Fix); testkit.HasLatin(s) {
			t.Errorf("%s: %q has ASCII letters", c.code, s)
		}
	}
}

// What the terminal shows of an error is the Chinese sentence with its
// place and the advice, never the code; usage mistakes, including those
// the command-line library finds, exit with 2.
func TestErrorsSaidInChinese(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"nosuch"}, exitUsage, "用法错误：“nosuch”没有这个命令。可用的命令有"},
		{[]string{"template"}, exitUsage, "用法错误：缺少必填的选项：-o。"},
		{[]string{"validate", "--no-such-flag", "x.xlsx"}, exitUsage, "没有选项 --no-such-flag。"},
		{[]string{"rollup", "--issue", "x", "samples"}, exitUsage, "选项 --issue 的值“x”无效"},
		{[]string{"rollup", "--period", "2018/13", "samples"}, exitUsage, "--period：“2018/13”不是有效的月份。请写成"},
		{[]string{"rollup", "--generated-at", "昨天", "samples"}, exitUsage, "不是有效的时间"},
		{[]string{"rollup", filepath.Join(dir, "none")}, exitUsage, "none：不是文件夹：文件或文件夹不存在。"},
		{[]string{"rollup"}, exitUsage, "缺少文件夹"},
		{[]string{"validate", "--format", "xml", "a.xlsx"}, exitUsage, "“xml”不是可用的输出格式"},
		{[]string{"template", "--all", "--unit", "青秀区", "-o", dir}, exitUsage, "不能再指定单位"},
		{[]string{"rollup", "--config", missing, "samples"}, exitFailed, "错误：" + missing + "：配置文件无法使用：文件或文件夹不存在。请检查"},
		{[]string{"defaults", "templates"}, exitFailed, "文件已存在，未覆盖"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, stderr := run(t, c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d (want %d), stderr %q, want %q", code, c.code, stderr, c.want)
			}
			if m := codeLike.FindString(stderr); m != "" {
				t.Errorf("stderr shows the code %s: %q", m, stderr)
			}
			names := append([]string{dir}, c.args...)
			sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
			if s := clerkText(stderr, names...); testkit.HasLatin(s) {
				t.Errorf("stderr %q has ASCII letters", s)
			}
		})
	}
}

// With --format json, an error that keeps the files from being checked is
// also written as JSON, its code in a field of its own.
func TestValidateJSONError(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	code, stdout, stderr := run(t, "validate", "--format", "json", "--config", missing, "samples/2018-10/经开区.xlsx")
	if code != exitFailed || !strings.Contains(stderr, "配置文件无法使用") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var out struct {
		Files []json.RawMessage `json:"files"`
		Error struct {
			Code, File, Message, Fix string
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	e := out.Error
	if out.Files == nil || len(out.Files) != 0 || e.Code != "BAD_CONFIG" || e.File != missing || e.Fix == "" ||
		e.Message != missing+"：配置文件无法使用：文件或文件夹不存在" {
		t.Errorf("JSON %s", stdout)
	}
}

// The strict failure is said, not coded.
func TestStrictSaid(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "samples/2018-10", filepath.Join(dir, "2018-10"))
	removeMatching(t, filepath.Join(dir, "2018-10"), "青秀")
	code, _, stderr := run(t, "rollup", "--quiet", "--strict", "--out", filepath.Join(dir, "o"), dir)
	if code != exitFailed || !strings.HasPrefix(stderr, "错误：严格模式：") || codeLike.MatchString(stderr) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// codeLike matches what looks like a problem code.
var codeLike = regexp.MustCompile(`\b[A-Z]+_[A-Z_]+\b|\bBAD_[A-Z]+\b`)

// clerkText drops from s what may be in Latin letters: the given names
// (paths), quoted values (“…”), file names, options and their values, and
// the names of the commands.
func clerkText(s string, names ...string) string {
	for _, n := range names {
		s = strings.ReplaceAll(s, n, "")
	}
	s = quoted.ReplaceAllString(s, "")
	s = fileName.ReplaceAllString(s, "")
	s = option.ReplaceAllString(s, "")
	return commandWord.ReplaceAllString(s, "")
}

var (
	quoted      = regexp.MustCompile(`“[^”]*”`)
	fileName    = regexp.MustCompile(`[\p{L}\p{N}_.-]*\.(xlsx|yaml|tmpl|pdf|json)\b`)
	option      = regexp.MustCompile(`(^|[^\w])--?[a-z][a-z-]*`)
	commandWord = regexp.MustCompile(`\b(rollup|validate|template|defaults|serve|help|text|json)\b`)
)

// A subfolder that cannot be opened is listed, with why, and the other
// files are read. Root opens any folder, so this runs only for other users;
// the scan itself is tested without permissions in ingest.
func TestUnreadableSubfolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can open any folder")
	}
	dir := t.TempDir()
	copyTree(t, "samples/2018-10", filepath.Join(dir, "2018-10"))
	locked := filepath.Join(dir, "2018-10", "锁住")
	if err := os.Mkdir(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"rollup", "--quiet", "--out", filepath.Join(t.TempDir(), "o"), dir}, exitOK},
		{[]string{"validate", dir}, exitFailed},
	} {
		t.Run(c.args[0], func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			if code != c.code || !strings.Contains(stdout, "锁住/") || !strings.Contains(stdout, "文件夹无法打开，其中的报表没有读取：没有访问权限") {
				t.Errorf("exit %d (want %d)\n%s%s", code, c.code, stdout, stderr)
			}
		})
	}
}

// A folder with no spreadsheet in it is a failure, said in Chinese with the
// folder's name, for rollup and validate alike.
func TestEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "说明.docx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"validate", []string{"validate", dir}},
		{"validate with a file", []string{"validate", "samples/2018-10/经开区.xlsx", dir}},
		{"rollup", []string{"rollup", "--quiet", "--out", filepath.Join(t.TempDir(), "o"), dir}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			want := "错误：" + dir + "：文件夹中没有找到报表。"
			if code != exitFailed || !strings.HasPrefix(stderr, want) {
				t.Errorf("exit %d (want %d), stderr %q, want %q\n%s", code, exitFailed, stderr, want, stdout)
			}
		})
	}
}

// A file that cannot be read is listed with the unit and month its path
// names, by validate and in the rollup's list of sheets left out.
func TestUnreadableListedByPath(t *testing.T) {
	dir := t.TempDir()
	month := filepath.Join(dir, "2018-10")
	copyTree(t, "samples/2018-10", month)
	removeMatching(t, month, "青秀")
	if err := os.Mkdir(filepath.Join(month, "青秀区.xlsx"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"validate", []string{"validate", filepath.Join(dir, "2018-10", "兴宁区-缺.xlsx")}, "（兴宁区 2018年10月）"},
		{"rollup", []string{"rollup", "--quiet", "--out", filepath.Join(t.TempDir(), "o"), dir}, "未计入：2018-10/青秀区.xlsx（青秀区 2018-10）"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, stdout, stderr := run(t, c.args...)
			if !strings.Contains(stdout, c.want) {
				t.Errorf("output has no %q:\n%s%s", c.want, stdout, stderr)
			}
		})
	}
}

// The briefing's issue number and date are checked before any sheet is
// read: a bad one is a usage error, and nothing is read or written.
func TestRollupOptionsCheckedFirst(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--issue", "0"}, "--issue：“0”不是有效的期号"},
		{[]string{"--issue", "-5"}, "--issue：“-5”不是有效的期号"},
		{[]string{"--generated-at", "0001-01-01T00:00:00Z"}, "--generated-at：“0001-01-01T00:00:00Z”不是有效的时间"},
		{[]string{"--generated-at", "1979-12-31"}, "--generated-at：“1979-12-31”不是有效的时间"},
		{[]string{"--generated-at", "2108-01-01"}, "--generated-at：“2108-01-01”不是有效的时间"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "o")
			args := append(append([]string{"rollup", "--quiet", "--out", out}, c.args...), "samples")
			code, stdout, stderr := run(t, args...)
			if code != exitUsage || stdout != "" || !strings.Contains(stderr, "用法错误："+c.want) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, exitUsage, stdout, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("outputs were written")
			}
		})
	}
}
