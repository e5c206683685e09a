// Command jianbao turns the monthly statistics sheets of reporting units into
// checked citywide figures, a PDF briefing, an Excel workbook and
// summary.json; it also validates sheets before they are sent and writes the
// standard blank sheet.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"jianbao/aggregate"
	"jianbao/gcpace"
	"jianbao/ingest"
	"jianbao/render"
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

// usageError marks a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errFailed is returned after a command has reported its own failure.
var errFailed = errors.New("")

// start is when the program started, for --timings.
var start = time.Now()

func main() {
	gcpace.Proportional()
	app := newApp(os.Stdout, os.Stderr)
	err := app.Run(os.Args)
	os.Exit(exitCode(err, os.Stderr))
}

func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "用法错误：", ue.msg)
		return exitUsage
	case errors.Is(err, errFailed):
		return exitFailed
	}
	fmt.Fprintln(stderr, "错误：", err)
	return exitFailed
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
	return templates.Load(path)
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
		&cli.StringFlag{Name: "config", Usage: "报表配置文件 config.yaml（默认用内置配置）"},
		&cli.StringFlag{Name: "templates", Usage: "放 config.yaml 和 briefing.tmpl 的文件夹（默认用内置模板）"},
	}
}

func commonOf(c *cli.Context) common {
	return common{config: c.String("config"), templates: c.String("templates")}
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:           "jianbao",
		Usage:          "督查统计报表汇总：校验各单位报表，生成简报（PDF）、汇总表（Excel）和 summary.json",
		Version:        version,
		Writer:         stdout,
		ErrWriter:      stderr,
		OnUsageError:   onUsageError,
		ExitErrHandler: func(*cli.Context, error) {}, // main maps errors to exit codes
		Commands:       commands(),
	}
}

func commands() []*cli.Command {
	cs := []*cli.Command{rollupCommand(), validateCommand(), templateCommand(), defaultsCommand()}
	for _, c := range cs {
		c.OnUsageError = onUsageError
	}
	return cs
}

func onUsageError(_ *cli.Context, err error, _ bool) error { return usageError{err.Error()} }

func parsePeriodFlag(s string) (ingest.Period, error) {
	if s == "" {
		return ingest.Period{}, nil
	}
	p, ok := ingest.ParsePeriod(s)
	if !ok {
		return p, usageError{fmt.Sprintf("--period %q 不是有效的月份，应写成 YYYY-MM，如 2018-10", s)}
	}
	return p, nil
}

func parseInstant(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageError{fmt.Sprintf("--generated-at %q 不是有效的时间，应写成 2018-11-05 或 2018-11-05T09:00:00+08:00", s)}
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
		ArgsUsage: "DIR",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "period", Usage: "汇总月份 YYYY-MM（默认为找到的最新月份）"},
			&cli.StringFlag{Name: "out", Usage: "输出文件夹（默认 out/<月份>）"},
			&cli.BoolFlag{Name: "strict", Usage: "有被退回的报表或未报送的单位时不生成输出，以失败退出"},
			&cli.IntFlag{Name: "issue", Usage: "简报期号（默认取配置文件）"},
			&cli.StringFlag{Name: "generated-at", Usage: "简报日期和文件时间戳（默认为当前时间），相同输入和时间得到相同文件"},
			&cli.StringFlag{Name: "password", Usage: "打开加密工作簿的密码"},
			&cli.IntFlag{Name: "workers", Usage: "同时读取的文件数（默认为CPU核数）；结果与单线程完全相同"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "不显示进度条"},
			&cli.BoolFlag{Name: "timings", Usage: "在标准错误上列出各阶段用时（读取、汇总、每个输出文件）"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError{"rollup 需要一个文件夹参数，例如：jianbao rollup samples"}
			}
			p, err := parsePeriodFlag(c.String("period"))
			if err != nil {
				return err
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
		return usageError{fmt.Sprintf("%s 不是文件夹", o.dir)}
	}
	if o.issue > 0 {
		cfg.Report.Issue = o.issue
	}
	clock := stageClock{}
	if o.timings {
		defer clock.print(c.App.ErrWriter)
	}
	rd := ingest.NewReader(cfg)
	rd.Password, rd.Lean = o.password, true
	if !o.quiet {
		bar := newProgressBar(c.App.ErrWriter, "读取报表")
		rd.Progress = bar.update
		defer bar.finish()
	}
	clock.last = time.Now()
	endPacing := gcpace.Reading()
	tally, err := aggregate.ReadDir(cfg, rd, o.dir, o.workers)
	if err != nil {
		endPacing()
		return err
	}
	clock.lap("ingest", "读取报表")
	period := o.period
	if period.IsZero() {
		period = tally.Latest()
	}
	rep, err := tally.Report(period, at)
	endPacing() // the workbook is held whole while it is built
	if err != nil {
		return err
	}
	clock.lap("aggregate", "汇总")
	rep.Version = version
	printRollup(c, rep, tally.Files())
	if o.strict && (len(rep.Excluded) > 0 || len(rep.Missing) > 0) {
		fmt.Fprintln(c.App.ErrWriter, "严格模式：有被退回的报表或未报送的单位，未生成输出。")
		return errFailed
	}
	out := o.out
	if out == "" {
		out = filepath.Join(defaultRoot, period.String())
	}
	outputs := []render.Renderer{render.PDF{Narrative: narrative}, render.XLSX{}, render.JSON{}}
	for i, r := range outputs {
		outputs[i] = clock.timed(r)
	}
	if err := render.WriteAll(out, rep, outputs...); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "已生成：%s\n", strings.Join([]string{
		filepath.Join(out, "briefing.pdf"), filepath.Join(out, "briefing.xlsx"), filepath.Join(out, "summary.json")}, "、"))
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

func printRollup(c *cli.Context, r *aggregate.Report, files int) {
	w := c.App.Writer
	fmt.Fprintf(w, "汇总月份：%s（1—%d月累计），读取%d个文件，采用%d份报表。\n",
		r.Period.Chinese(), r.Period.Month, files, r.Sources.Len())
	if len(r.Missing) > 0 {
		fmt.Fprintf(w, "本月无有效报表的单位（%d个）：%s\n", len(r.Missing), strings.Join(r.Missing, "、"))
	}
	for _, e := range r.Excluded {
		fmt.Fprintf(w, "未计入：%s（%s %s）：%s\n", e.File, e.Unit, e.Period, strings.Join(e.Reasons, "；"))
	}
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
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "报送前检查报表，逐个单元格指出问题",
		ArgsUsage: "FILE...",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "period", Usage: "要求的月份 YYYY-MM；表中没写月份时按此月份检查"},
			&cli.StringFlag{Name: "format", Value: "text", Usage: "输出格式：text 或 json"},
			&cli.StringFlag{Name: "password", Usage: "打开加密工作簿的密码"},
			&cli.BoolFlag{Name: "explain", Usage: "逐个文件说明是怎样读的：哪张表、哪几行是表头、哪一列对应哪个指标、单位和月份从哪里读到"},
			&cli.StringFlag{Name: "annotate", Usage: "把标注后的副本写到此文件夹：有问题的单元格涂红（错误）或黄（提示）并加批注；原文件不改动"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usageError{"validate 需要至少一个文件，例如：jianbao validate 青秀区.xlsx"}
			}
			if f := c.String("format"); f != "text" && f != "json" {
				return usageError{fmt.Sprintf("--format 只能是 text 或 json，不是 %q", f)}
			}
			p, err := parsePeriodFlag(c.String("period"))
			if err != nil {
				return err
			}
			return runValidate(c, validateOptions{common: commonOf(c), files: c.Args().Slice(), period: p,
				format: c.String("format"), password: c.String("password"), explain: c.Bool("explain"),
				annotate: c.String("annotate")})
		},
	}
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
	if o.annotate != "" {
		if err := annotateAll(c, rd, o.annotate, subs); err != nil {
			return err
		}
	}
	write := ingest.WriteText
	if o.format == "json" {
		write = ingest.WriteJSON
	}
	if err := write(c.App.Writer, subs); err != nil {
		return err
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
// never over an input file.
func annotateAll(c *cli.Context, rd *ingest.Reader, dir string, subs []*ingest.Submission) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	used := map[string]bool{}
	for _, s := range subs {
		dst := annotatedName(dir, s.File, used)
		if same(dst, s.File) {
			return fmt.Errorf("--annotate 的文件夹不能是原文件所在的文件夹：%s", dir)
		}
		if err := rd.Annotate(s.File, dst, s); err != nil {
			fmt.Fprintf(c.App.ErrWriter, "未能标注 %s：%v\n", s.File, err)
			continue
		}
		fmt.Fprintf(c.App.ErrWriter, "已写出标注副本：%s\n", dst)
	}
	return nil
}

// annotatedName is dir/<file name>, as .xlsx, numbered when two inputs
// share a name.
func annotatedName(dir, src string, used map[string]bool) string {
	base := filepath.Base(src)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	if e := strings.ToLower(ext); e != ".xlsx" && e != ".xlsm" {
		ext = ".xlsx"
	}
	name := stem + ext
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s-%d%s", stem, i, ext)
	}
	used[name] = true
	return filepath.Join(dir, name)
}

func same(a, b string) bool {
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
			out = append(out, a)
			continue
		}
		files, err := ingest.Scan(a)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			out = append(out, filepath.Join(a, filepath.FromSlash(f)))
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
			&cli.StringFlag{Name: "period", Usage: "月份 YYYY-MM（不填则留空待填）"},
			&cli.StringFlag{Name: "unit", Usage: "填报单位（不填则留空待填）"},
			&cli.BoolFlag{Name: "all", Usage: "为每个单位各生成一份，-o 为文件夹"},
			&cli.StringFlag{Name: "o", Aliases: []string{"output"}, Usage: "输出文件（--all 时为文件夹）", Required: true},
		),
		Action: func(c *cli.Context) error {
			p, err := parsePeriodFlag(c.String("period"))
			if err != nil {
				return err
			}
			if c.Bool("all") && c.String("unit") != "" {
				return usageError{"--all 和 --unit 不能同时使用"}
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
		return err
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
	return "", usageError{fmt.Sprintf("--unit %q 不是配置中的单位；可用的单位：%s", name, strings.Join(cfg.UnitNames(), "、"))}
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
		ArgsUsage: "DIR",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError{"defaults 需要一个文件夹参数"}
			}
			return writeDefaults(c.Args().First())
		},
	}
}

func writeDefaults(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range []string{templates.DefaultConfigName, templates.BriefingName} {
		p := filepath.Join(dir, name)
		if fileExists(p) {
			return fmt.Errorf("%s 已存在，未覆盖", p)
		}
		b, err := templates.DefaultFile(name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// progressBar draws a one-line bar on a terminal for runs longer than about a
// second; elsewhere (a pipe, a file, CI) it draws nothing.
type progressBar struct {
	w     io.Writer
	label string
	on    bool
	start time.Time
	last  time.Time
	drawn bool
}

func newProgressBar(w io.Writer, label string) *progressBar {
	f, ok := w.(*os.File)
	on := false
	if ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progressBar{w: w, label: label, on: on, start: time.Now()}
}

func (p *progressBar) update(done, total int) {
	now := time.Now()
	if !p.on || now.Sub(p.start) < time.Second || (now.Sub(p.last) < 100*time.Millisecond && done < total) {
		return
	}
	p.last, p.drawn = now, true
	const width = 30
	filled := width * done / max(total, 1)
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total)
}

func (p *progressBar) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
