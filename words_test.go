package main

import (
	"bytes"
	"errors"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"jianbao/internal/testkit"
	"jianbao/templates"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/")

// What a clerk reads is Chinese. The Latin letters it may hold are the
// clerk's own (file names and paths, sheet names in 「」, values quoted
// “…”, cell and column references such as C7 and D列) and the names of
// the programs and formats a clerk saves with (Excel, WPS, .xlsx …).
// Command-line words (options, commands) are for the command line's own
// messages only.
var (
	cellRef     = regexp.MustCompile(`\b[A-Z]{1,3}[0-9]{1,7}(:[A-Z]{1,3}[0-9]{1,7})?\b|\b[A-Z]{1,3}列`)
	sheetName   = regexp.MustCompile(`「[^」]*」`)
	productName = regexp.MustCompile(`Excel|WPS`)
	extension   = regexp.MustCompile(`\.(xlsx|xlsm|xls|csv|tsv|et|zip|rar|7z|ods|xlsb)\b`)
	fmtVerb     = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	lineCode    = regexp.MustCompile(`(?m)（[A-Z][A-Z_]+）$`)
)

// clerkWords drops from s what a clerk's text may hold in Latin letters,
// and the names given (paths).
func clerkWords(s string, names ...string) string {
	for _, n := range names {
		s = strings.ReplaceAll(s, n, "")
	}
	s = testkit.Unquoted(s)
	s = sheetName.ReplaceAllString(s, "")
	s = cellRef.ReplaceAllString(s, "")
	s = productName.ReplaceAllString(s, "")
	return extension.ReplaceAllString(s, "")
}

// problemTexts are the texts and advice of every problem declared in the
// program's source (a composite literal of problem.Problem), by package
// folder; a field given as a constant of the same folder is followed.
func problemTexts(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	consts := map[string]map[string]string{}
	var files []*ast.File
	var dirs []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		dir := filepath.Dir(p)
		files, dirs = append(files, f), append(dirs, dir)
		if consts[dir] == nil {
			consts[dir] = map[string]string{}
		}
		for _, decl := range f.Decls {
			if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							if s, ok := stringValue(vs.Values[i], nil); ok {
								consts[dir][n.Name] = s
							}
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		dir := dirs[i]
		ast.Inspect(f, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok || !isProblemType(cl.Type) {
				return true
			}
			for _, e := range cl.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if k, _ := kv.Key.(*ast.Ident); k != nil && (k.Name == "Text" || k.Name == "Fix") {
					if s, ok := stringValue(kv.Value, consts[dir]); ok {
						out[dir] = append(out[dir], s)
					}
				}
			}
			return true
		})
	}
	return out
}

func isProblemType(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "Problem"
	case *ast.SelectorExpr:
		return x.Sel.Name == "Problem"
	}
	return false
}

// stringValue is the value of a string literal, a sum of them, or a
// constant named in consts.
func stringValue(e ast.Expr, consts map[string]string) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			s, err := strconv.Unquote(x.Value)
			return s, err == nil
		}
	case *ast.BinaryExpr:
		a, ok1 := stringValue(x.X, consts)
		b, ok2 := stringValue(x.Y, consts)
		return a + b, ok1 && ok2 && x.Op == token.ADD
	case *ast.Ident:
		s, ok := consts[x.Name]
		return s, ok
	}
	return "", false
}

// Every problem's text and advice is Chinese, in every package; only the
// command line's own problems (package main) may name options and
// commands, and only the office's files (the configuration, the briefing
// template, the outputs) are named by their file names.
func TestProblemTextsInChinese(t *testing.T) {
	texts := problemTexts(t)
	if len(texts["ingest"]) < 40 || len(texts["."]) < 20 || len(texts["render"]) < 10 {
		t.Fatalf("too few problems found: %d in ingest, %d in main, %d in render", len(texts["ingest"]), len(texts["."]), len(texts["render"]))
	}
	officeFiles := regexp.MustCompile(`\b(config\.yaml|briefing\.tmpl|summary\.json)\b`)
	for dir, list := range texts {
		for _, s := range list {
			rest := officeFiles.ReplaceAllString(clerkWords(s), "")
			if dir == "." {
				rest = clerkText(rest)
			}
			if testkit.HasLatin(rest) {
				t.Errorf("%s: %q has Latin letters", dir, s)
			}
			if dir != "." && (strings.Contains(s, "--") || strings.Contains(s, "jianbao")) {
				t.Errorf("%s: %q gives command-line advice", dir, s)
			}
		}
	}
}

// The sentences ingest builds around its problems (the details after
// them, the lines of --explain) are Chinese too; patterns for reading
// sheets are not sentences and are left out.
func TestIngestSentencesInChinese(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, "ingest", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			patterns := map[*ast.BasicLit]bool{}
			ast.Inspect(f, func(node ast.Node) bool {
				if spec, ok := node.(*ast.ValueSpec); ok {
					for i, name := range spec.Names {
						if bl, ok := at(spec.Values, i).(*ast.BasicLit); ok && strings.HasSuffix(name.Name, "Pattern") {
							patterns[bl] = true
						}
					}
				}
				if call, ok := node.(*ast.CallExpr); ok {
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "MustCompile") {
						for _, a := range call.Args {
							if bl, ok := a.(*ast.BasicLit); ok {
								patterns[bl] = true
							}
						}
					}
				}
				bl, ok := node.(*ast.BasicLit)
				if !ok || bl.Kind != token.STRING || patterns[bl] {
					return true
				}
				s, err := strconv.Unquote(bl.Value)
				if err != nil || !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
					return true
				}
				n++
				if rest := clerkWords(fmtVerb.ReplaceAllString(s, "")); testkit.HasLatin(rest) {
					t.Errorf("%s: %q has Latin letters", fset.Position(bl.Pos()), s)
				}
				return true
			})
		}
	}
	if n < 50 {
		t.Fatalf("only %d sentences found", n)
	}
}

// The checks of the configuration speak to the clerk too.
func TestConfigTextsInChinese(t *testing.T) {
	cfg, err := templates.Load("")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Checks.Rules) == 0 {
		t.Fatal("no checks in the configuration")
	}
	for _, r := range cfg.Checks.Rules {
		testkit.NoLatin(t, r.Code, clerkWords(r.Message+"。"+r.Fix))
	}
	testkit.NoLatin(t, "labels.unclassified", cfg.Labels.Unclassified)
}

// validate's text is Chinese on every line, with no codes unless asked
// for with --codes.
func TestValidateTextInChinese(t *testing.T) {
	var files []string
	for _, dir := range []string{"testdata/reject", "testdata/conflict", "testdata/duplicate", "testdata/xls", "testdata/foreign", "samples/2018-10"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
				return err
			}
			// The damaged zip's own words are the reader's, mapped to
			// Chinese with the other system errors in ingest/sheets.
			if !strings.Contains(p, "truncated-zip") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	files = append(files, filepath.Join(t.TempDir(), "缺少的报表.xlsx"))
	for _, c := range []struct {
		name  string
		codes bool
	}{{"text", false}, {"with codes", true}} {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"validate"}
			if c.codes {
				args = append(args, "--codes")
			}
			code, stdout, stderr := run(t, append(args, files...)...)
			if code != exitFailed || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if n := strings.Count(stdout, "[错误]"); n < 10 {
				t.Fatalf("%d errors only:\n%s", n, stdout)
			}
			if got := lineCode.MatchString(stdout); got != c.codes {
				t.Errorf("codes shown: %v, want %v\n%s", got, c.codes, stdout)
			}
			for _, line := range strings.Split(stdout, "\n") {
				rest := clerkWords(line, files...)
				if c.codes {
					rest = lineCode.ReplaceAllString(rest, "")
				}
				if testkit.HasLatin(rest) {
					t.Errorf("line %q has Latin letters: %q", line, rest)
				}
			}
		})
	}
}

// The help of the program and of each command is Chinese, with examples;
// its only Latin words are the program's name, its commands and options,
// their values (text, json) and file names. The help is kept in
// testdata/help, refreshed with -update.
func TestHelpGolden(t *testing.T) {
	allowed := map[string]bool{"jianbao": true, "text": true, "json": true, "out": true,
		"config": true, "yaml": true, "briefing": true, "tmpl": true, "pdf": true, "xlsx": true, "summary": true}
	app := newApp(nil, nil)
	app.Setup()
	for _, f := range append(app.Flags, app.VisibleFlags()...) {
		for _, n := range f.Names() {
			allowed[n] = true
		}
	}
	for _, c := range app.Commands {
		for _, n := range c.Names() {
			allowed[n] = true
		}
		for _, f := range c.Flags {
			for _, n := range f.Names() {
				allowed[n] = true
			}
		}
	}
	latinWord := regexp.MustCompile(`[A-Za-z][A-Za-z0-9-]*`)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"jianbao", []string{"--help"}},
		{"validate", []string{"validate", "--help"}},
		{"rollup", []string{"rollup", "--help"}},
		{"template", []string{"help", "template"}},
		{"defaults", []string{"defaults", "-h"}},
		{"serve", []string{"serve", "--help"}},
		{"help", []string{"help", "help"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			for _, w := range latinWord.FindAllString(stdout, -1) {
				if !allowed[w] {
					t.Errorf("help has the word %q", w)
				}
			}
			for _, want := range []string{"用法：", "例子：", "jianbao"} {
				if !strings.Contains(stdout, want) {
					t.Errorf("help has no %q", want)
				}
			}
			golden := filepath.Join("testdata", "help", c.name+".txt")
			if *updateGolden {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if stdout != string(want) {
				t.Errorf("help differs from %s (run with -update and review the diff):\n%s", golden, stdout)
			}
		})
	}
	// The same help is shown however it is asked for.
	_, a, _ := run(t, "help", "validate")
	_, b, _ := run(t, "validate", "-h")
	if a != b {
		t.Errorf("help validate and validate -h differ:\n%s\n%s", a, b)
	}
	if _, v, _ := run(t, "--version"); v != "jianbao 版本 "+version+"\n" {
		t.Errorf("version %q", v)
	}
}

// Mistakes in how the program is called exit with 2, said in Chinese; a
// mistyped command or option comes with the one most likely meant.
func TestUsageMistakes(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"valdate", "青秀区.xlsx"}, "“valdate”没有这个命令，要用的可能是 validate。"},
		{[]string{"rolup", "samples"}, "“rolup”没有这个命令，要用的可能是 rollup。"},
		{[]string{"tempalte"}, "要用的可能是 template。"},
		{[]string{"检查", "青秀区.xlsx"}, "“检查”没有这个命令，要用的可能是 validate。"},
		{[]string{"help", "valdate"}, "“valdate”没有这个命令，要用的可能是 validate。"},
		{[]string{"nosuch"}, "“nosuch”没有这个命令。可用的命令有 validate、rollup、template、defaults、serve 和 help"},
		{[]string{"validate", "--perid", "2018-10", "x.xlsx"}, "没有选项 --perid，要用的可能是 --period。"},
		{[]string{"--verbose"}, "没有选项 --verbose。"},
		{[]string{"validate"}, "缺少要检查的报表"},
		{[]string{"rollup"}, "缺少文件夹"},
		{[]string{"defaults"}, "缺少文件夹"},
		{[]string{"rollup", "samples", "更多"}, "“更多”是多余的参数"},
		{[]string{"template", "-o", "x.xlsx", "青秀区"}, "“青秀区”是多余的参数"},
		{[]string{"help", "validate", "rollup"}, "“rollup”是多余的参数"},
		{[]string{"template"}, "缺少必填的选项：-o"},
		{[]string{"rollup", "--period"}, "选项 --period 后面缺少值"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, stderr := run(t, c.args...)
			if code != exitUsage || !strings.HasPrefix(stderr, "用法错误：") || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d (want %d), stderr %q, want %q", code, exitUsage, stderr, c.want)
			}
			if strings.Contains(stderr, "No help topic") || strings.Contains(stderr, "Incorrect Usage") {
				t.Errorf("stderr in English: %q", stderr)
			}
		})
	}
}

// What the program does with its arguments, the same on every platform:
// files and folders without a command are checked, nothing shows the help
// or, in a window of the program's own, serves the desk beside it and
// opens it in the browser. No desk here serves for longer than to answer
// that it listens.
func TestArgumentRouting(t *testing.T) {
	good, bad := "samples/2018-10/经开区.xlsx", "testdata/reject/01-not-whole-number-青秀区-2018-10.xlsx"
	missing := filepath.Join(t.TempDir(), "兴宁区.xlsx")
	exeDir := t.TempDir()
	data := filepath.Join(exeDir, deskFolder)
	for _, c := range []struct {
		name   string
		args   []string
		alone  bool
		code   int
		want   []string
		unwant []string
		opens  int   // addresses opened in the browser
		failed error // what opening the browser answers
	}{
		{"a good file", []string{good}, true, exitOK, []string{"经开区 2018年10月", "结论：可以报送", "共1个文件"}, nil, 0, nil},
		{"files from a terminal", []string{good, bad}, false, exitFailed, []string{"C7 “12.5”不是0或正整数", "共2个文件：1个可以报送，1个需修改后报送"}, nil, 0, nil},
		{"a folder", []string{"testdata/duplicate"}, true, exitOK, []string{"江南区（重发）.xlsx", "共2个文件"}, nil, 0, nil},
		{"a missing file", []string{missing}, true, exitFailed, []string{"兴宁区.xlsx", "需修改后报送"}, nil, 0, nil},
		{"nothing, in a window of its own", nil, true, exitOK,
			[]string{"拖到本程序的图标上", "已建立收表台：" + data, "账号 office", "请记下这些密码", "报表收集台已启动：http://127.0.0.1:"}, nil, 1, nil},
		{"nothing, in a window of its own, again", nil, true, exitOK,
			[]string{"报表收集台已启动：http://127.0.0.1:"}, []string{"已建立收表台", "密码"}, 1, nil},
		{"nothing, from a terminal", nil, false, exitOK, []string{"用法：", "例子："}, nil, 0, nil},
		{"serve", []string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, false, exitOK, []string{"报表收集台已启动：http://127.0.0.1:"}, nil, 1, nil},
		{"serve without a browser", []string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--no-browser"}, false, exitOK,
			[]string{"报表收集台已启动：http://127.0.0.1:"}, nil, 0, nil},
		{"serve, the browser not opened", []string{"serve", "--data", data, "--addr", "127.0.0.1:0"}, false, exitOK,
			[]string{"未能自动打开浏览器，请在浏览器中打开 http://127.0.0.1:"}, nil, 1, errors.New("no browser")},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeHost{err: c.failed}
			var out, errb bytes.Buffer
			code := runMain(f.host(exeDir), append([]string{"jianbao"}, c.args...), &out, &errb, c.alone)
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s%s", code, c.code, out.String(), errb.String())
			}
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output has no %q:\n%s%s", w, out.String(), errb.String())
				}
			}
			for _, w := range c.unwant {
				if strings.Contains(out.String(), w) {
					t.Errorf("output has %q:\n%s", w, out.String())
				}
			}
			opened := f.opens()
			if len(opened) != c.opens {
				t.Fatalf("opened %q in the browser, want %d addresses", opened, c.opens)
			}
			for _, u := range opened {
				if !strings.Contains(out.String(), "报表收集台已启动："+u) {
					t.Errorf("opened %s, which is not where the desk said it listens:\n%s", u, out.String())
				}
			}
		})
	}
	// What a double-click shows is for the office and its clerks.
	if rest := regexp.MustCompile(`jianbao|help`).ReplaceAllString(clerkWords(welcome), ""); testkit.HasLatin(rest) {
		t.Errorf("welcome has Latin letters: %q", rest)
	}
	testkit.NoLatin(t, "pressAnyKey", pressAnyKey)
	testkit.NoLatin(t, "deskFolder", deskFolder)
}

func TestSuggestCommand(t *testing.T) {
	app := newApp(nil, nil)
	for _, c := range []struct{ word, want string }{
		{"valdate", "validate"}, {"VALIDATE", "validate"}, {"validtae", "validate"}, {"rolup", "rollup"},
		{"rollupp", "rollup"}, {"templates", "template"}, {"default", "defaults"}, {"hlep", "help"},
		{"汇总", "rollup"}, {"x", ""}, {"zzzzzz", ""}, {"vote", ""},
	} {
		if got := suggestCommand(app, c.word); got != c.want {
			t.Errorf("%q: %q, want %q", c.word, got, c.want)
		}
	}
}

// at returns the i-th expression of es, or nil.
func at(es []ast.Expr, i int) ast.Expr {
	if i < len(es) {
		return es[i]
	}
	return nil
}
