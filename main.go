// Command jianbao turns the monthly statistics sheets of reporting units into
// checked citywide figures, a PDF briefing, an Excel workbook and
// summary.json; it also validates sheets before they are sent and writes the
// standard blank sheet.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"jianbao/aggregate"
	"jianbao/gcpace"
	"jianbao/ingest"
	"jianbao/problem"
	"jianbao/render"
	"jianbao/rollup"
	"jianbao/templates"
)

// Exit codes are a contract with scripts.
const (
	exitOK      = 0
	exitFailed  = 1 // some file has errors, could not be read, or outputs were not written
	exitUsage   = 2 // bad flags or arguments
	version     = "0.1.0"
	defaultRoot = "out"
)

// usageError marks a mistake in how the command was called; err names the
// problem.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usage is a mistake in how the command was called: problem p, about the
// option opt ("" for none), with the value given ("" for none).
func usage(p *problem.Problem, opt, value string) error {
	var err error = p
	if value != "" {
		err = &problem.Error{Value: value, Err: p}
	}
	if opt != "" {
		err = fmt.Errorf("%s：%w", opt, err)
	}
	return usageError{err}
}

// errFailed is returned after a command has reported its own failure.
var errFailed = errors.New("")

// The problems of the command line itself. Their codes are a contract.
var (
	errNeedFolder     = &problem.Problem{Code: "NEED_FOLDER", Text: "缺少文件夹", Fix: "请在命令后写上一个文件夹"}
	errNeedFiles      = &problem.Problem{Code: "NEED_FILES", Text: "缺少要检查的报表", Fix: "请在命令后写上要检查的报表文件或文件夹，如 青秀区.xlsx"}
	errNotFolder      = &problem.Problem{Code: "NOT_A_FOLDER", Text: "不是文件夹", Fix: "请写上放报表的文件夹"}
	errBadPeriod      = &problem.Problem{Code: "BAD_PERIOD", Text: "不是有效的月份", Fix: "请写成“年-月”，如 2018-10"}
	errBadTime        = &problem.Problem{Code: "BAD_TIME", Text: "不是有效的时间", Fix: "请写成1980年至2107年间的日期，如 2018-11-05，也可加上时刻和时区"}
	errBadIssue       = &problem.Problem{Code: "BAD_ISSUE", Text: "不是有效的期号", Fix: "请写正整数，如 12"}
	errBadFormat      = &problem.Problem{Code: "BAD_FORMAT", Text: "不是可用的输出格式", Fix: "请写 text 或 json"}
	errUnitOption     = &problem.Problem{Code: "UNKNOWN_UNIT_OPTION", Text: "不是配置中的单位", Fix: "请写配置中的单位名称或别称"}
	errAllAndUnit     = &problem.Problem{Code: "CONFLICTING_OPTIONS", Text: "为每个单位各生成一份时不能再指定单位", Fix: "请去掉 --all 或 --unit 中的一个"}
	errBadOption      = &problem.Problem{Code: "BAD_OPTION", Text: "命令行选项有误", Fix: "请用 --help 查看这个命令有哪些选项"}
	errMissingOption  = &problem.Problem{Code: "MISSING_OPTION", Text: "缺少必填的选项", Fix: "请用 --help 查看这个命令的用法"}
	errUnknownCommand = &problem.Problem{Code: "UNKNOWN_COMMAND", Text: "没有这个命令", Fix: "可用的命令有 validate、rollup、template、defaults、serve 和 help"}
	errTooManyArgs    = &problem.Problem{Code: "TOO_MANY_ARGUMENTS", Text: "是多余的参数", Fix: "请用 --help 查看这个命令的用法"}
	errStrict         = &problem.Problem{Code: "STRICT_FAILED", Text: "严格模式：有被退回的报表或未报送的单位，未生成输出", Fix: "请改正被退回的报表、补齐未报送的单位后重新汇总"}
	errAnnotate       = &problem.Problem{Code: "ANNOTATE_FAILED", Text: "未能写出标注副本", Fix: "请确认原文件可以打开、标注副本的文件夹可以写入"}
	errExists         = &problem.Problem{Code: "FILE_EXISTS", Text: "文件已存在，未覆盖", Fix: "请换一个空文件夹，或先移走已有的文件"}
	errNoAccepted     = &problem.Problem{Code: "NO_ACCEPTED_SHEET", Text: "没有可以采用的报表，未生成简报", Fix: "请用 --period 指定要汇总的月份，或放入这个月的报表、改正被退回的报表后再汇总"}
	errNoSubmissions  = rollup.ErrNoSubmissions
	errUnexpected     = &problem.Problem{Code: "UNEXPECTED", Text: "程序出错", Fix: "请把这条信息和所用的命令告知维护人员"}
)

// start is when the program started, for --timings.
var start = time.Now()

func main() {
	gcpace.Proportional()
	alone := ownConsole() // see launch.go
	code := runMain(machine(), os.Args, os.Stdout, os.Stderr, alone)
	if alone {
		fmt.Fprint(os.Stdout, pressAnyKey)
		waitForKey()
	}
	os.Exit(code)
}

// exitCode maps the error a command ended with to the exit status, and
// says on stderr what went wrong unless the command has said it.
func exitCode(err error, stderr io.Writer) int {
	err = fromCLI(err)
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed):
		return exitFailed
	case errors.As(err, &ue):
		say(stderr, "用法错误：", ue.err)
		return exitUsage
	}
	say(stderr, "错误：", err)
	return exitFailed
}

// say writes err for the person at the terminal on one line: the Chinese
// sentence, with its place, then how to fix it. The code is for programs
// and is not shown. An error that names no problem is a fault of the
// program, shown with its own text for whoever looks into it.
func say(w io.Writer, lead string, err error) {
	if problem.Of(err) == nil {
		err = fmt.Errorf("%w：%s", errUnexpected, err)
	}
	msg := err.Error()
	if fix := problem.Fix(err); fix != "" {
		if !strings.HasSuffix(msg, "？") && !strings.HasSuffix(msg, "。") {
			msg += "。"
		}
		msg += fix
	}
	fmt.Fprintln(w, lead+msg)
}

// fromCLI turns what the command-line library returns in English for a
// missing required option or an unknown command into usage problems.
func fromCLI(err error) error {
	if err == nil || problem.Of(err) != nil || errors.Is(err, errFailed) {
		return err
	}
	msg := err.Error()
	if m := cliRequired.FindStringSubmatch(msg); m != nil {
		var opts []string
		for _, n := range strings.Split(m[1], ", ") {
			opts = append(opts, optionName(n))
		}
		return usageError{fmt.Errorf("%w：%s", errMissingOption, strings.Join(opts, "、"))}
	}
	if m := cliNoCommand.FindStringSubmatch(msg); m != nil {
		return usage(errUnknownCommand, "", m[1])
	}
	return err
}

var (
	cliRequired  = regexp.MustCompile(`^Required flags? "(.*)" not set`)
	cliNoCommand = regexp.MustCompile(`^No help topic for '(.*)'`)
)

// onUsageError turns the flag parser's complaint, in English, into a usage
// problem saying the same in Chinese; an option that does not exist comes
// with the one most likely meant.
func onUsageError(c *cli.Context, err error, _ bool) error {
	msg := err.Error()
	for _, f := range flagErrors {
		if m := f.re.FindStringSubmatch(msg); m != nil {
			said := f.say(m)
			if f.unknown && c != nil && c.Command != nil {
				if s := suggestOption(c.Command.Flags, m[1]); s != "" {
					said += "，要用的可能是 " + s
				}
			}
			return usageError{fmt.Errorf("%w：%s", errBadOption, said)}
		}
	}
	return usage(errBadOption, "", msg)
}

// flagErrors are the complaints of the flag package and how to say them.
var flagErrors = []struct {
	re      *regexp.Regexp
	say     func(m []string) string
	unknown bool // the option does not exist; m[1] is its name
}{
	{regexp.MustCompile(`^flag provided but not defined: -(.+)$`),
		func(m []string) string { return "没有选项 " + optionName(m[1]) }, true},
	{regexp.MustCompile(`^flag needs an argument: -(.+)$`),
		func(m []string) string { return "选项 " + optionName(m[1]) + " 后面缺少值" }, false},
	{regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-([^:]+):`),
		func(m []string) string { return fmt.Sprintf("选项 %s 的值“%s”无效", optionName(m[2]), m[1]) }, false},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`),
		func(m []string) string { return fmt.Sprintf("“%s”不是选项的写法", m[1]) }, false},
}

// optionName spells an option as on the command line: -o, --period.
func optionName(name string) string {
	name = strings.TrimLeft(name, "-")
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// common holds the flags every command shares.
type common struct {
	config    string
	templates string
}

func (c common) load() (*templates.Config, error) {
	path := c.config
	if path == "" && c.templates != "" {
		if p := filepath.Join(c.templates, templates.DefaultConfigName); fileExists(p) {
			path = p
		}
	}
	cfg, err := templates.Load(path)
	if err != nil {
		return nil, err
	}
	if err := ingest.CheckConfig(cfg); err != nil {
		return nil, &problem.Error{File: path, Err: err}
	}
	return cfg, nil
}

func (c common) narrative() (string, error) {
	path := ""
	if c.templates != "" {
		if p := filepath.Join(c.templates, templates.BriefingName); fileExists(p) {
			path = p
		}
	}
	return templates.Briefing(path)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func commonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "报表配置文件，如 config.yaml（默认用程序内置的配置）"},
		&cli.StringFlag{Name: "templates", Usage: "放 config.yaml 和 briefing.tmpl 的文件夹（默认用程序内置的）"},
	}
}

func commonOf(c *cli.Context) common {
	return common{config: c.String("config"), templates: c.String("templates")}
}

// newApp is the program as the tests run it, on a host that opens no
// browser.
func newApp(stdout, stderr io.Writer) *cli.App { return newAppOn(host{}, stdout, stderr) }

// newAppOn is the program on host h.
func newAppOn(h host, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:                  "jianbao",
		Usage:                 "检查各单位的督查统计报表，汇总生成督查简报、汇总表和汇总数据",
		Version:               version,
		Flags:                 []cli.Flag{cli.HelpFlag}, // the library adds it only beside its own help command
		Action:                rootAction,               // see launch.go
		HideHelpCommand:       true,                     // its own, in Chinese, is among the commands
		CustomAppHelpTemplate: appHelp,
		Writer:                stdout,
		ErrWriter:             stderr,
		OnUsageError:          onUsageError,
		ExitErrHandler:        func(*cli.Context, error) {}, // main maps errors to exit codes
		Commands:              commands(h),
	}
}

func commands(h host) []*cli.Command {
	cs := []*cli.Command{validateCommand(), rollupCommand(), templateCommand(), defaultsCommand(), serveCommand(h), helpCommand()}
	for _, c := range cs {
		c.OnUsageError = onUsageError
		c.CustomHelpTemplate = commandHelp
		// No command has subcommands: a folder or file called "h" or
		// "help" is an argument, not a request for help.
		c.HideHelpCommand = true
	}
	return cs
}

// oneFolder checks that the command was given one folder.
func oneFolder(c *cli.Context) error {
	switch {
	case c.NArg() == 0:
		return usage(errNeedFolder, "", "")
	case c.NArg() > 1:
		return usage(errTooManyArgs, "", strings.Join(c.Args().Tail(), " "))
	}
	return nil
}

func parsePeriodFlag(s string) (ingest.Period, error) {
	if s == "" {
		return ingest.Period{}, nil
	}
	p, ok := ingest.ParsePeriod(s)
	if !ok {
		return p, usage(errBadPeriod, "--period", s)
	}
	return p, nil
}

func parseInstant(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			if y := t.Year(); y < 1980 || y > 2107 { // what the files' timestamps can hold
				break
			}
			return t, nil
		}
	}
	return time.Time{}, usage(errBadTime, "--generated-at", s)
}

// rollupOptions are the inputs of `jianbao rollup`.
type rollupOptions struct {
	common
	dir         string
	period      ingest.Period
	out         string
	strict      bool
	issue       int
	generatedAt string
	password    string
	workers     int
	quiet       bool
	timings     bool
}

func rollupCommand() *cli.Command {
	return &cli.Command{
		Name:      "rollup",
		Usage:     "汇总文件夹中的全部报表，生成 briefing.pdf、briefing.xlsx 和 summary.json",
		ArgsUsage: "放报表的文件夹",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "period", Usage: "汇总的月份，如 2018-10（默认为报表中最新的月份）"},
			&cli.StringFlag{Name: "out", Usage: "写出结果的文件夹（默认为 out 文件夹下以月份命名的文件夹）"},
			&cli.BoolFlag{Name: "strict", Usage: "有被退回的报表或未报送的单位时不生成输出，以失败退出"},
			&cli.IntFlag{Name: "issue", Usage: "简报期号（默认取配置文件）"},
			&cli.StringFlag{Name: "generated-at", Usage: "简报日期和文件时间戳（默认为当前时间），相同输入和时间得到相同文件"},
			&cli.StringFlag{Name: "password", Usage: "打开加密工作簿的密码"},
			&cli.IntFlag{Name: "workers", Usage: "同时读取的文件数（默认为处理器核数）；结果与逐个读取完全相同"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "不显示进度条"},
			&cli.BoolFlag{Name: "timings", Usage: "在标准错误上列出各阶段用时（读取、汇总、每个输出文件）"},
		),
		Action: func(c *cli.Context) error {
			if err := oneFolder(c); err != nil {
				return err
			}
			p, err := parsePeriodFlag(c.String("period"))
			if err != nil {
				return err
			}
			if c.IsSet("issue") && c.Int("issue") < 1 {
				return usage(errBadIssue, "--issue", strconv.Itoa(c.Int("issue")))
			}
			return runRollup(c, rollupOptions{common: commonOf(c), dir: c.Args().First(), period: p,
				out: c.String("out"), strict: c.Bool("strict"), issue: c.Int("issue"),
				generatedAt: c.String("generated-at"), password: c.String("password"),
				workers: c.Int("workers"), quiet: c.Bool("quiet"), timings: c.Bool("timings")})
		},
	}
}

func runRollup(c *cli.Context, o rollupOptions) error {
	cfg, err := o.load()
	if err != nil {
		return err
	}
	narrative, err := o.narrative()
	if err != nil {
		return err
	}
	at, err := parseInstant(o.generatedAt)
	if err != nil {
		return err
	}
	if st, err := os.Stat(o.dir); err != nil || !st.IsDir() {
		return usageError{&problem.Error{File: o.dir, Err: problem.Wrap(errNotFolder, err)}}
	}
	if o.issue > 0 {
		cfg.Report.Issue = o.issue
	}
	clock := stageClock{}
	if o.timings {
		defer clock.print(c.App.ErrWriter)
	}
	ro := rollup.Options{Config: cfg, Narrative: narrative, Period: o.period, At: at, Version: version,
		Password: o.password, Workers: o.workers}
	var bar *progressBar // nil with --quiet
	if !o.quiet {
		bar = newProgressBar(c.App.ErrWriter, "读取报表")
		ro.Progress = bar.update
	}
	clock.last = time.Now()
	endPacing := gcpace.Reading()
	tally, err := rollup.Read(o.dir, ro)
	bar.finish() // the bar's line ends before anything else is said
	if err != nil {
		endPacing()
		return err
	}
	clock.lap("ingest", "读取报表")
	rep, err := rollup.Report(tally, ro)
	endPacing() // the workbook is held whole while it is built
	if err != nil {
		return err
	}
	clock.lap("aggregate", "汇总")
	printRollup(c, rep, tally.Sheets())
	if err := rollup.Check(o.dir, tally, rep, errNoAccepted); err != nil {
		return err
	}
	if o.strict && (len(rep.Excluded) > 0 || len(rep.Missing) > 0) {
		return errStrict
	}
	out := o.out
	if out == "" {
		out = filepath.Join(defaultRoot, rep.Period.String())
	}
	outputs := rollup.Renderers(narrative)
	for i, r := range outputs {
		outputs[i] = clock.timed(r)
	}
	bar.status("正在生成简报、汇总表和汇总数据……")
	err = rollup.Write(out, rep, outputs)
	bar.clear()
	if err != nil {
		return err
	}
	var written []string
	for _, n := range rollup.Names {
		written = append(written, filepath.Join(out, n))
	}
	fmt.Fprintf(c.App.Writer, "已生成：%s\n", strings.Join(written, "、"))
	return nil
}

// stageClock measures the stages of a rollup for --timings: each lap is the
// wall time since last (set when a stage starts, then by each lap);
// rendered outputs are timed one by one.
type stageClock struct {
	last   time.Time
	stages []stageTime
}

type stageTime struct {
	code, name string
	took       time.Duration
}

func (s *stageClock) lap(code, name string) {
	now := time.Now()
	s.stages = append(s.stages, stageTime{code, name, now.Sub(s.last)})
	s.last = now
}

// timed wraps a renderer so that its rendering counts as a stage.
func (s *stageClock) timed(r render.Renderer) render.Renderer { return timedRenderer{r, s} }

type timedRenderer struct {
	render.Renderer
	clock *stageClock
}

func (t timedRenderer) Render(w io.Writer, r *aggregate.Report) error {
	t.clock.last = time.Now()
	err := t.Renderer.Render(w, r)
	t.clock.lap(t.Name(), "生成"+t.Name())
	return err
}

// print writes one line per stage, "用时<TAB>code<TAB>name<TAB>seconds",
// then the total since the program started.
func (s *stageClock) print(w io.Writer) {
	for _, st := range s.stages {
		fmt.Fprintf(w, "用时\t%s\t%s\t%.3f\n", st.code, st.name, st.took.Seconds())
	}
	fmt.Fprintf(w, "用时\ttotal\t合计（自启动）\t%.3f\n", time.Since(start).Seconds())
}

// missingWhy names the units with no accepted sheet for the month, each
// with why when it did send one: refused, or two that disagree.
func missingWhy(r *aggregate.Report) []string {
	why := map[aggregate.Status]string{aggregate.Excluded: "（报表被退回）", aggregate.Conflict: "（报送了两份数字不同的报表，待核实）"}
	status := map[string]aggregate.Status{}
	for _, u := range r.Units {
		status[u.Name] = u.Status
	}
	out := make([]string, len(r.Missing))
	for i, name := range r.Missing {
		out[i] = name + why[status[name]]
	}
	return out
}

func printRollup(c *cli.Context, r *aggregate.Report, files int) {
	w := c.App.Writer
	fmt.Fprintf(w, "汇总月份：%s（1—%d月累计），读取%d个文件，采用%d份报表。\n",
		r.Period.Chinese(), r.Period.Month, files, r.Sources.Len())
	if len(r.Missing) > 0 {
		fmt.Fprintf(w, "本月无有效报表的单位（%d个）：%s\n", len(r.Missing), strings.Join(missingWhy(r), "、"))
	}
	for _, e := range r.Excluded {
		fmt.Fprintf(w, "未计入：%s（%s %s）：%s\n", e.File, e.Unit, e.Period, strings.Join(e.Reasons, "；"))
	}
	for _, s := range r.Superseded {
		fmt.Fprintf(w, "已被更正，未计入：%s（%s %s），以“%s”为准（%s）\n", s.File, s.Unit, s.Period, s.By, s.Reason)
		for _, c := range s.Changes {
			fmt.Fprintf(w, "  改动：%s\n", c.Text(r.MetricName))
		}
		var ts []string
		for _, c := range s.Totals {
			ts = append(ts, c.Text(r.MetricName))
		}
		fmt.Fprintf(w, "  %s%s的数字：%s\n", s.Unit, s.Period.Chinese(), strings.Join(ts, "，"))
	}
	printUnread(w, r)
}

// validateOptions are the inputs of `jianbao validate`.
type validateOptions struct {
	common
	files    []string
	period   ingest.Period
	format   string
	password string
	explain  bool
	annotate string
	codes    bool
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "报送前检查报表，逐个单元格指出问题",
		ArgsUsage: "报表文件或文件夹……",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "period", Usage: "要求的月份，如 2018-10；表中没写月份时按此月份检查"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "结果的格式：text（文字，默认）或 json（供其他程序读取）"},
			&cli.StringFlag{Name: "password", Usage: "打开加密工作簿的密码"},
			&cli.BoolFlag{Name: "explain", Usage: "逐个文件说明是怎样读的：哪张表、哪几行是表头、哪一列对应哪个指标、单位和月份从哪里读到"},
			&cli.StringFlag{Name: "annotate", Usage: "把标注后的副本写到此文件夹：有问题的单元格涂红（错误）或黄（提示）并加批注；原文件不改动"},
			&cli.BoolFlag{Name: "codes", Usage: "在每条问题后注明问题代码（供维护人员查对）"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usage(errNeedFiles, "", "")
			}
			if f := c.String("format"); f != "text" && f != "json" {
				return usage(errBadFormat, "--format", f)
			}
			p, err := parsePeriodFlag(c.String("period"))
			if err != nil {
				return err
			}
			o := validateOptions{common: commonOf(c), files: c.Args().Slice(), period: p,
				format: c.String("format"), password: c.String("password"), explain: c.Bool("explain"),
				annotate: c.String("annotate"), codes: c.Bool("codes")}
			err = runValidate(c, o)
			if o.format == "json" && err != nil && !errors.Is(err, errFailed) {
				writeJSONError(c.App.Writer, err)
			}
			return err
		},
	}
}

// writeJSONError writes, for programs reading validate's JSON, the error
// that kept the files from being checked: {"files": [], "error": {...}}
// with the code in its own field beside the Chinese message and advice,
// and the file or folder it concerns when there is one. The same error is
// said on stderr.
func writeJSONError(w io.Writer, err error) {
	type jsonError struct {
		Code    string `json:"code"`
		File    string `json:"file,omitempty"`
		Message string `json:"message"`
		Fix     string `json:"fix,omitempty"`
	}
	je := jsonError{Code: problem.Code(err), Message: err.Error(), Fix: problem.Fix(err)}
	var pe *problem.Error
	if errors.As(err, &pe) {
		je.File = pe.File
	}
	out := struct {
		Files []struct{} `json:"files"`
		Error jsonError  `json:"error"`
	}{Files: []struct{}{}, Error: je}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out) // the error is also said on stderr
}

func runValidate(c *cli.Context, o validateOptions) error {
	cfg, err := o.load()
	if err != nil {
		return err
	}
	rd := ingest.NewReader(cfg)
	rd.Password, rd.Period = o.password, o.period
	rd.Lean = !(o.explain && o.format == "text") // only --explain shows the layouts
	names, err := expandArgs(o.files)
	if err != nil {
		return err
	}
	subs := checkFiles(rd, names, o.explain && o.format == "text")
	if o.explain && o.format == "text" {
		if err := ingest.WriteExplain(c.App.Writer, cfg, subs); err != nil {
			return err
		}
	}
	annotateFailed := false
	if o.annotate != "" {
		if annotateFailed, err = annotateAll(c, rd, o.annotate, subs); err != nil {
			return err
		}
	}
	write := ingest.TextReport{Codes: o.codes}.Write
	if o.format == "json" {
		write = ingest.WriteJSON
	}
	if err := write(c.App.Writer, subs); err != nil {
		return err
	}
	if annotateFailed {
		return errFailed
	}
	for _, s := range subs {
		if !s.OK() {
			return errFailed
		}
	}
	return nil
}

// checkFiles reads and checks the named files. Only --explain needs each
// sheet's layout kept; otherwise a sheet is let go once read and the
// collector is paced as for a rollup.
func checkFiles(rd *ingest.Reader, names []string, explain bool) []*ingest.Submission {
	self := func(n string) string { return n }
	if explain {
		subs := rd.ReadFiles(names, self, 0)
		rd.Reconcile(subs)
		return subs
	}
	defer gcpace.Reading()()
	return rd.Check(names, self, 0)
}

// annotateAll writes an annotated copy of each readable workbook into dir,
// under a name no file has (see annotatedName): never over an input, a
// clerk's file or another copy. A copy that cannot be written is said on
// stderr, the others are still written, and failed is true.
func annotateAll(c *cli.Context, rd *ingest.Reader, dir string, subs []*ingest.Submission) (failed bool, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, &problem.Error{File: dir, Err: problem.Wrap(render.ErrWrite, err)}
	}
	used := map[string]bool{}
	for _, s := range subs {
		if s.Unread() || !s.Opened() {
			continue // not a spreadsheet, or not opened: nothing to mark, and its report says why
		}
		dst, err := annotatedName(dir, s.File, used)
		if err == nil {
			err = rd.Annotate(s.File, dst, s)
		}
		if err != nil {
			say(c.App.ErrWriter, "错误：", &problem.Error{File: s.File, Err: problem.Wrap(errAnnotate, err)})
			failed = true
			continue
		}
		fmt.Fprintf(c.App.ErrWriter, "已写出标注副本：%s\n", dst)
	}
	return failed, nil
}

// annotatedName is a name in dir for the annotated copy of src, as .xlsx
// (or .xlsm), that no file has and no other copy of this run takes:
// <name>.xlsx, else <name>（标注）.xlsx, <name>（标注2）.xlsx …; a copy in
// its source's own folder is always marked （标注）.
func annotatedName(dir, src string, used map[string]bool) (string, error) {
	base := filepath.Base(src)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if e := strings.ToLower(ext); e != ".xlsx" && e != ".xlsm" {
		ext = ".xlsx"
	}
	first := 0
	if sameDir(dir, filepath.Dir(src)) {
		first = 1
	}
	for i := first; ; i++ {
		name := stem + ext
		switch {
		case i == 1:
			name = stem + "（标注）" + ext
		case i > 1:
			name = fmt.Sprintf("%s（标注%d）%s", stem, i, ext)
		}
		p := filepath.Join(dir, name)
		if used[p] {
			continue
		}
		_, err := os.Lstat(p)
		if err == nil {
			continue
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", &problem.Error{File: p, Err: problem.Wrap(render.ErrWrite, err)}
		}
		used[p] = true
		return p, nil
	}
}

func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// expandArgs turns folder arguments into the submissions inside them.
func expandArgs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			out = append(out, a) // reported as unreadable by the reader
			continue
		}
		if !st.IsDir() {
			names, _ := ingest.ExpandFile(a)
			out = append(out, names...)
			continue
		}
		files, err := ingest.Scan(a)
		if err != nil {
			return nil, aggregate.FolderError(a, err)
		}
		if !anySheet(files) {
			return nil, &problem.Error{File: a, Err: errNoSubmissions}
		}
		for _, f := range files {
			p := filepath.Join(a, filepath.FromSlash(f))
			if strings.HasSuffix(f, "/") {
				p += "/" // a folder the scan could not open, reported as such
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// templateOptions are the inputs of `jianbao template`.
type templateOptions struct {
	common
	period ingest.Period
	unit   string
	all    bool
	out    string
}

func templateCommand() *cli.Command {
	return &cli.Command{
		Name:  "template",
		Usage: "生成标准空白报表",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "period", Usage: "月份，如 2018-10（不写则表中留空待填）"},
			&cli.StringFlag{Name: "unit", Usage: "填报单位（不写则表中留空待填）"},
			&cli.BoolFlag{Name: "all", Usage: "为每个单位各生成一份，-o 为文件夹"},
			&cli.StringFlag{Name: "o", Aliases: []string{"output"}, Usage: "输出文件（--all 时为文件夹）", Required: true},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usage(errTooManyArgs, "", strings.Join(c.Args().Slice(), " "))
			}
			p, err := parsePeriodFlag(c.String("period"))
			if err != nil {
				return err
			}
			if c.Bool("all") && c.String("unit") != "" {
				return usage(errAllAndUnit, "", "")
			}
			return runTemplate(templateOptions{common: commonOf(c), period: p, unit: c.String("unit"),
				all: c.Bool("all"), out: c.String("o")})
		},
	}
}

func runTemplate(o templateOptions) error {
	cfg, err := o.load()
	if err != nil {
		return err
	}
	if !o.all {
		unit, err := canonicalUnit(cfg, o.unit)
		if err != nil {
			return err
		}
		return writeTemplate(o.out, cfg, unit, o.period)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return &problem.Error{File: o.out, Err: problem.Wrap(render.ErrWrite, err)}
	}
	for _, u := range cfg.Units {
		name := u.Name + ".xlsx"
		if !o.period.IsZero() {
			name = u.Name + "-" + o.period.String() + ".xlsx"
		}
		if err := writeTemplate(filepath.Join(o.out, name), cfg, u.Name, o.period); err != nil {
			return err
		}
	}
	return nil
}

func canonicalUnit(cfg *templates.Config, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	if u := ingest.NewUnitMatcher(cfg.Units).Unit(name); u != "" {
		return u, nil
	}
	return "", usageError{fmt.Errorf("--unit：%w；可用的单位：%s",
		&problem.Error{Value: name, Err: errUnitOption}, strings.Join(cfg.UnitNames(), "、"))}
}

func writeTemplate(path string, cfg *templates.Config, unit string, p ingest.Period) error {
	return render.WriteFileAtomic(path, func(w io.Writer) error {
		return render.WriteTemplate(w, cfg, unit, p.Year, p.Month)
	})
}

func defaultsCommand() *cli.Command {
	return &cli.Command{
		Name:      "defaults",
		Usage:     "把内置的 config.yaml 和 briefing.tmpl 写到文件夹，供修改后用 --templates 使用",
		ArgsUsage: "文件夹",
		Action: func(c *cli.Context) error {
			if err := oneFolder(c); err != nil {
				return err
			}
			return writeDefaults(c.Args().First())
		},
	}
}

func writeDefaults(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &problem.Error{File: dir, Err: problem.Wrap(render.ErrWrite, err)}
	}
	for _, name := range []string{templates.DefaultConfigName, templates.BriefingName} {
		p := filepath.Join(dir, name)
		if fileExists(p) {
			return &problem.Error{File: p, Err: errExists}
		}
		b, err := templates.DefaultFile(name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return &problem.Error{File: p, Err: problem.Wrap(render.ErrWrite, err)}
		}
	}
	return nil
}

// progressBar draws a one-line bar on a terminal for runs longer than about a
// second; elsewhere (a pipe, a file, CI) it draws nothing. Its methods do
// nothing on a nil bar.
type progressBar struct {
	w      io.Writer
	label  string
	on     bool
	start  time.Time
	last   time.Time
	drawn  bool
	shown  string // the status line shown, "" for none
	silent time.Duration
}

// isTerminal reports whether w is a terminal; tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressSilence is how long a run goes before its bar is drawn; tests
// replace it.
var progressSilence = time.Second

func newProgressBar(w io.Writer, label string) *progressBar {
	return &progressBar{w: w, label: label, on: isTerminal(w), start: time.Now(), silent: progressSilence}
}

func (p *progressBar) update(done, total int) {
	now := time.Now()
	if !p.on || now.Sub(p.start) < p.silent || (now.Sub(p.last) < 100*time.Millisecond && done < total) {
		return
	}
	p.last, p.drawn = now, true
	const width = 30
	filled := width * done / max(total, 1)
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
}

// finish ends the bar's line, if it was drawn.
func (p *progressBar) finish() {
	if p != nil && p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// status shows msg on a line of its own until clear, on a terminal.
func (p *progressBar) status(msg string) {
	if p == nil || !p.on {
		return
	}
	p.finish()
	fmt.Fprint(p.w, msg)
	p.shown = msg
}

// clear removes the status line.
func (p *progressBar) clear() {
	if p == nil || p.shown == "" {
		return
	}
	fmt.Fprint(p.w, "\r"+strings.Repeat(" ", displayWidth(p.shown))+"\r")
	p.shown = ""
}
