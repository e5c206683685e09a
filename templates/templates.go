package templates

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"
	"reflect"
	"strings"

	"jianbao/problem"
)

//go:embed config.yaml briefing.tmpl
var defaults embed.FS

// DefaultConfigName and BriefingName are the file names of the two editable files.
const (
	DefaultConfigName = "config.yaml"
	BriefingName      = "briefing.tmpl"
)

// Config is the report configuration an office edits: units, metrics, work
// areas, labels, checks and the masthead of the briefing.
type Config struct {
	Report  Report   `yaml:"report"`
	Units   []Unit   `yaml:"units"`
	Metrics []Metric `yaml:"metrics"`
	Areas   []Area   `yaml:"areas"`
	Labels  Labels   `yaml:"labels"`
	Checks  Checks   `yaml:"checks"`
	// Derived are the figures worked out from two metrics (a rate, a
	// difference), in the order the outputs show them; none is allowed.
	Derived []Derived `yaml:"derived"`
	// Rate and Ranking are the older way of declaring one rate and its
	// 红黑榜; Parse turns them into a Derived figure.
	Ranking *Ranking `yaml:"ranking"`
	Rate    *RateDef `yaml:"rate"`
	// Corrections say which of several sheets for one unit and month is
	// the later, corrected one.
	Corrections Corrections `yaml:"corrections"`

	// Desk holds the settings of the collection desk (jianbao serve).
	Desk Desk `yaml:"desk"`

	// AreaLabels is closed (default: a row label must be one of Areas) or
	// open (any row label is a work area of its own, keyed by its text).
	AreaLabels string `yaml:"area_labels"`

	// Hash is the SHA-256 of the configuration file's bytes, for provenance.
	Hash string `yaml:"-"`

	// lines gives the line of each field and list item in the file.
	lines lineIndex
}

// Report holds the masthead and closing lines of the briefing.
type Report struct {
	Title     string `yaml:"title"`
	Office    string `yaml:"office"`
	Scope     string `yaml:"scope"`
	Subject   string `yaml:"subject"`
	Issue     int    `yaml:"issue"`
	CC        string `yaml:"cc"`
	PrintedBy string `yaml:"printed_by"`
}

// Unit is one reporting unit and the other spellings it goes by.
type Unit struct {
	Name    string   `yaml:"name"`
	Kind    string   `yaml:"kind"`
	Aliases []string `yaml:"aliases"`
}

// Metric is one counted figure: a stable id, the canonical header and the
// other headers seen in real sheets.
type Metric struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Short   string   `yaml:"short"`
	Measure string   `yaml:"measure"`
	Aliases []string `yaml:"aliases"`
	// Kind is flow (default: summed over months) or stock (a value at the
	// end of the month: the year to date is the latest month's).
	Kind string `yaml:"kind"`
	// Number is count (default: whole numbers) or amount (exact decimals
	// with Decimals places, 0 to 4, held as integers scaled by 10^Decimals).
	Number   string `yaml:"number"`
	Decimals int    `yaml:"decimals"`
	// Briefing false leaves the metric out of the briefing (nil is true).
	Briefing *bool `yaml:"briefing"`
}

// Area is one work area, a row of the standard sheet.
type Area struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
}

// Labels are the words that mark totals rows, list columns, and the unit and
// period cells, plus the measure words and zero marks allowed in cells.
type Labels struct {
	Total            []string `yaml:"total"`
	MetricColumn     []string `yaml:"metric_column"`
	ValueColumn      []string `yaml:"value_column"`
	MonthColumn      []string `yaml:"month_column"`
	CumulativeColumn []string `yaml:"cumulative_column"`
	AreaColumn       []string `yaml:"area_column"`
	UnitLabel        []string `yaml:"unit_label"`
	PeriodLabel      []string `yaml:"period_label"`
	Measures         []string `yaml:"measures"`
	Zero             []string `yaml:"zero"`
	Notes            []string `yaml:"notes"`
	Unclassified     string   `yaml:"unclassified"`
	IgnoreColumns    []string `yaml:"ignore_columns"`
	MetricWords      []string `yaml:"metric_words"`
	// The anatomy of a table: words that give a row or column its role.
	Subtotal     []string `yaml:"subtotal"`      // 小计: closes a group of rows
	PartOf       []string `yaml:"part_of"`       // 其中, 含, #: a row that is part of the row above
	OtherPeriod  []string `yaml:"other_period"`  // 上月, 同比 …: a column or row shown, not counted
	IndexColumn  []string `yaml:"index_column"`  // 序号: numbering
	SerialMarks  []string `yaml:"serial_marks"`  // 栏次, 甲, 乙: the column-number row under a header
	SubtotalMark []string `yaml:"subtotal_mark"` // ∑: a label that sums the group it names
	Derived      []string `yaml:"derived"`       // 整改率, 未整改: figures worked out from others, not counted
	LongPeriod   []string `yaml:"long_period"`   // 季度, 半年: a title naming a period longer than a month
}

// Checks are the limits and thresholds used while validating.
type Checks struct {
	Rules        []Rule `yaml:"rules"`
	SwingFactor  int64  `yaml:"swing_factor"`
	SwingMin     int64  `yaml:"swing_min"`
	MaxFileBytes int64  `yaml:"max_file_bytes"`
	MaxRows      int    `yaml:"max_rows"`
	MaxCells     int    `yaml:"max_cells"`
	MaxSeconds   int    `yaml:"max_seconds"`
}

// Rule compares metrics of one sheet: Left Op Right must hold, or the
// sheet gets a warning with Code and Message. Parts, instead of Left, is
// a list of metrics whose sum is compared (the parts of a whole: Parts
// <= Right). Op "swing" is not a comparison: it sets, for the metric
// Left, the factor (Factor) and floor (Min) of the month-on-month swing
// warning in place of checks.swing_factor and checks.swing_min.
type Rule struct {
	Code    string   `yaml:"code"`
	Left    string   `yaml:"left"`
	Parts   []string `yaml:"parts"`
	Op      string   `yaml:"op"` // <=, >=, <, >, == or swing
	Right   string   `yaml:"right"`
	Factor  int64    `yaml:"factor"` // swing only
	Min     int64    `yaml:"min"`    // swing only
	Message string   `yaml:"message"`
	Fix     string   `yaml:"fix"`
}

// OpSwing is the Op of a rule that sets one metric's swing warning.
const OpSwing = "swing"

// Compares reports whether the rule compares figures (it is not a swing
// setting).
func (r Rule) Compares() bool { return r.Op != OpSwing }

// Sides are the two values the rule compares in figures f: the left
// metric, or the sum of the parts, and the right metric.
func (r Rule) Sides(f map[string]int64) (left, right int64) {
	if len(r.Parts) > 0 {
		for _, id := range r.Parts {
			left += f[id]
		}
	} else {
		left = f[r.Left]
	}
	return left, f[r.Right]
}

// Holds reports whether the rule holds for the two values.
func (r Rule) Holds(left, right int64) bool {
	switch r.Op {
	case ">=":
		return left >= right
	case "<":
		return left < right
	case ">":
		return left > right
	case "==":
		return left == right
	case OpSwing:
		return true
	}
	return left <= right
}

// Swing gives the factor and floor of the month-on-month swing warning
// for a metric: its own swing rule, or the global setting.
func (c Checks) Swing(id string) (factor, floor int64) {
	for _, r := range c.Rules {
		if r.Op == OpSwing && r.Left == id {
			return r.Factor, r.Min
		}
	}
	return c.SwingFactor, c.SwingMin
}

// Corrections are the marks by which a sheet says it corrects one sent
// before for the same unit and month: words and version numbers in its
// file name, and the day it was filled in, written in the sheet. Case and
// full-width forms are ignored.
type Corrections struct {
	// Words in a file name that make it a correction (更正, 修改 …): the
	// second version of the sheet.
	Words []string `yaml:"words"`
	// Versions are file-name patterns giving the version number at {n}
	// (第{n}版, v{n}): in Arabic or Chinese numerals.
	Versions []string `yaml:"versions"`
	// Revisions are file-name patterns giving the number of the correction
	// at {n} (第{n}次修改): the n-th correction is version n+1.
	Revisions []string `yaml:"revisions"`
	// Final words (最终, 定稿) make a sheet later than any numbered version.
	Final []string `yaml:"final"`
	// DateLabel begins the cell that gives the day the sheet was filled
	// in (填报日期：2018年11月5日); the later day is the later sheet.
	DateLabel []string `yaml:"date_label"`
}

// Kinds of derived figure and the directions in which they are better.
const (
	KindRate       = "rate"       // Left ÷ Right, shown as a percentage
	KindDifference = "difference" // Left − Right, in the measure given
	HigherIsBetter = "higher_is_better"
	LowerIsBetter  = "lower_is_better"
)

// LegacyRateID is the id given to a rate declared the older way (rate:).
const LegacyRateID = "rectification_rate"

// Derived is a figure worked out from two metrics, never counted: a rate
// (Left ÷ Right, a percentage with Decimals decimals) or a difference
// (Left − Right). Units are ranked on it, and the 红黑榜 drawn from it,
// only when it has a Ranking. Its ID is its key in summary.json.
type Derived struct {
	ID        string   `yaml:"id"`
	Name      string   `yaml:"name"`
	Short     string   `yaml:"short"` // for narrow column headers
	Kind      string   `yaml:"kind"`
	Left      string   `yaml:"left"`
	Right     string   `yaml:"right"`
	Decimals  int      `yaml:"decimals"`
	Measure   string   `yaml:"measure"`
	Direction string   `yaml:"direction"`
	Ranking   *Ranking `yaml:"ranking"`
}

// IsRate reports whether the figure is a rate.
func (d Derived) IsRate() bool { return d.Kind == KindRate }

// LowerIsBetter reports whether a lower value ranks first.
func (d Derived) LowerIsBetter() bool { return d.Direction == LowerIsBetter }

// RateDef is the older declaration of the one rate (rate:).
type RateDef struct {
	Name        string `yaml:"name"`
	Numerator   string `yaml:"numerator"`
	Denominator string `yaml:"denominator"`
}

// Ranking asks for units to be ranked on a derived figure and, for a
// rate, sets the 红黑榜 thresholds (fractions; 0 leaves a list out). A
// unit whose Right metric is under MinRight is left off the 红黑榜.
// MinFound is the older name of MinRight.
type Ranking struct {
	RedAtLeast float64 `yaml:"red_at_least"`
	BlackBelow float64 `yaml:"black_below"`
	MinRight   int64   `yaml:"min_right"`
	MinFound   int64   `yaml:"min_found"`
}

// Lists reports whether a 红黑榜 is asked for.
func (k *Ranking) Lists() bool { return k != nil && (k.RedAtLeast > 0 || k.BlackBelow > 0) }

// HeadlineRate is the first derived rate: the one the briefing's tables,
// charts and sentences show. ok is false when no rate is configured.
func (c *Config) HeadlineRate() (d Derived, ok bool) {
	for _, d := range c.Derived {
		if d.IsRate() {
			return d, true
		}
	}
	return Derived{}, false
}

// Ranked is the derived figure units are ranked on, if any.
func (c *Config) Ranked() (d Derived, ok bool) {
	for _, d := range c.Derived {
		if d.Ranking != nil {
			return d, true
		}
	}
	return Derived{}, false
}

// Differences lists the derived differences in order.
func (c *Config) Differences() []Derived {
	var out []Derived
	for _, d := range c.Derived {
		if d.Kind == KindDifference {
			out = append(out, d)
		}
	}
	return out
}

// legacy turns the older rate: and ranking: into a derived rate.
func (c *Config) legacy() error {
	if c.Rate == nil {
		if c.Ranking != nil {
			return configError("“ranking”须写在“derived”的某一项之下")
		}
		return nil
	}
	if len(c.Derived) > 0 {
		return configError("“rate”与“derived”只能写一种，请把“rate”改写为“derived”的一项")
	}
	d := Derived{ID: LegacyRateID, Name: c.Rate.Name, Kind: KindRate, Left: c.Rate.Numerator, Right: c.Rate.Denominator,
		Decimals: 1, Direction: HigherIsBetter, Ranking: c.Ranking}
	if d.Ranking == nil {
		d.Ranking = &Ranking{}
	}
	c.Derived, c.Rate, c.Ranking = []Derived{d}, nil, nil
	return nil
}

// Default returns the embedded configuration.
func Default() *Config {
	b, err := defaults.ReadFile(DefaultConfigName)
	if err != nil {
		panic(err) // embedded at build time
	}
	c, err := Parse(b)
	if err != nil {
		panic(fmt.Sprintf("embedded %s: %v", DefaultConfigName, err))
	}
	return c
}

// Load reads a configuration file; an empty path gives the default.
func Load(path string) (*Config, error) {
	if path == "" {
		return Default(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &problem.Error{File: path, Err: problem.Wrap(ErrConfig, err)}
	}
	c, err := Parse(b)
	if err != nil {
		return nil, &problem.Error{File: path, Err: err}
	}
	return c, nil
}

// Parse decodes and checks a configuration. A wrong configuration is
// refused naming the line and the field at fault, in Chinese: a syntax
// error, a field that is not one of Config's, a value of the wrong kind, or
// a check of check that fails.
func Parse(b []byte) (*Config, error) {
	var c Config
	root, err := parseNode(b)
	if err != nil {
		return nil, err
	}
	c.lines = lineIndex{}
	var wrong []fieldsProblem
	checkNode(root, reflect.TypeOf(c), "", c.lines, &wrong)
	if len(wrong) > 0 {
		return nil, fieldsError(wrong)
	}
	if err := root.Decode(&c); err != nil {
		return nil, yamlError(err)
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	c.Hash = hex.EncodeToString(sum[:])
	return &c, nil
}

func (c *Config) check() error {
	var said []string
	say := func(path, format string, args ...any) {
		said = append(said, c.Where(path)+"："+fmt.Sprintf(format, args...))
	}
	if len(c.Units) == 0 {
		say("units", "至少需要一个单位")
	}
	if len(c.Metrics) == 0 {
		say("metrics", "至少需要一个指标")
	}
	units := map[string]int{}
	for i, u := range c.Units {
		at := fmt.Sprintf("units[%d].name", i)
		if first, ok := units[u.Name]; ok || u.Name == "" {
			say(at, "单位名称为空或重复：“%s”%s", u.Name, before(c.Line(fmt.Sprintf("units[%d].name", first)), ok))
		} else {
			units[u.Name] = i
		}
	}
	metrics := map[string]int{}
	for i, m := range c.Metrics {
		at := fmt.Sprintf("metrics[%d]", i)
		first, ok := metrics[m.ID]
		switch {
		case m.ID == "":
			say(at+".id", "指标的编号为空")
		case ok:
			say(at+".id", "指标的编号“%s”重复%s", m.ID, before(c.Line(fmt.Sprintf("metrics[%d].id", first)), true))
		case m.Name == "":
			say(at+".name", "指标“%s”的名称为空", m.ID)
		}
		if !ok {
			metrics[m.ID] = i
		}
	}
	c.checkNature(say)
	c.checkDesk(say)
	c.checkAreaLabels(say)
	known := func(id string) bool { _, ok := metrics[id]; return ok && id != "" }
	fromRate := c.Rate != nil && len(c.Derived) == 0
	if c.Rate != nil {
		for _, f := range []struct{ field, id, what string }{
			{"numerator", c.Rate.Numerator, "分子"}, {"denominator", c.Rate.Denominator, "分母"}} {
			if !known(f.id) {
				say("rate."+f.field, "%s的%s“%s”不是已配置的指标编号（“metrics”中的“id”）", rateName(c.Rate.Name), f.what, f.id)
			}
		}
	}
	if err := c.legacy(); err != nil {
		say("rate", "%s", strings.TrimPrefix(err.Error(), "配置文件无法使用："))
	}
	c.checkDerived(say, known, fromRate)
	for i, r := range c.Checks.Rules {
		c.checkRule(say, known, fmt.Sprintf("checks.rules[%d]", i), r)
	}
	if len(said) > 0 {
		return configError("%s", strings.Join(said, "；"))
	}
	return nil
}

// checkDerived checks the derived figures; fromRate says they were made
// from a rate: section, whose metrics are checked already.
func (c *Config) checkDerived(say func(path, format string, args ...any), known func(string) bool, fromRate bool) {
	ranked := 0
	ids := map[string]bool{}
	for i := range c.Derived {
		d := &c.Derived[i]
		at := fmt.Sprintf("derived[%d]", i)
		if d.ID == "" || d.Name == "" || ids[d.ID] {
			say(at+".id", "派生数字的编号或名称为空或重复：“%s”", d.ID)
		}
		ids[d.ID] = true
		for _, f := range []struct{ field, id string }{{"left", d.Left}, {"right", d.Right}} {
			if !fromRate && !known(f.id) {
				say(at+"."+f.field, "派生数字“%s”的指标“%s”不是已配置的指标编号（“metrics”中的“id”）", d.Name, f.id)
			}
		}
		if l, okL := c.MetricByID(d.Left); okL {
			if r, okR := c.MetricByID(d.Right); okR && l.Places() != r.Places() {
				say(at, "派生数字“%s”的两个指标小数位数不同（%d位和%d位），无法直接计算", d.Name, l.Places(), r.Places())
			}
		}
		if d.Kind != KindRate && d.Kind != KindDifference {
			say(at+".kind", "派生数字“%s”的“kind”须为“rate”（比率）或“difference”（差），不能是“%s”", d.Name, d.Kind)
		}
		if d.Direction == "" {
			d.Direction = HigherIsBetter
		}
		if d.Direction != HigherIsBetter && d.Direction != LowerIsBetter {
			say(at+".direction", "派生数字“%s”的“direction”须为“higher_is_better”（越高越好）或“lower_is_better”（越低越好）", d.Name)
		}
		if d.Decimals < 0 || d.Decimals > 4 {
			say(at+".decimals", "派生数字“%s”的“decimals”须在0到4之间", d.Name)
		}
		if k := d.Ranking; k != nil {
			ranked++
			if k.MinRight == 0 {
				k.MinRight = k.MinFound
			}
			if k.Lists() && !d.IsRate() {
				say(at+".ranking", "派生数字“%s”不是比率，不能设红黑榜门槛", d.Name)
			}
		}
	}
	if ranked > 1 {
		say("derived", "只能有一个派生数字设排名（“ranking”）")
	}
}

// checkRule checks one check rule at path: its metrics and comparison.
func (c *Config) checkRule(say func(path, format string, args ...any), known func(string) bool, at string, r Rule) {
	if r.Op == OpSwing {
		switch {
		case !known(r.Left):
			say(at+".left", "校验规则“%s”的指标“%s”不是已配置的指标编号", r.Code, r.Left)
		case len(r.Parts) > 0 || r.Factor <= 1 || r.Min < 0:
			say(at, "校验规则“%s”是“swing”（骤增）规则：只写“left”，“factor”须大于1，“min”不小于0", r.Code)
		}
		return
	}
	switch r.Op {
	case "<=", ">=", "<", ">", "==":
	default:
		say(at+".op", "校验规则“%s”的比较符“%s”应是“<=”（不大于）、“>=”（不小于）、“<”、“>”、“==”或“swing”", r.Code, r.Op)
	}
	if len(r.Parts) > 0 && r.Left != "" {
		say(at+".parts", "校验规则“%s”写了“parts”，就不要再写“left”", r.Code)
	}
	ids := []struct{ field, id string }{{"right", r.Right}}
	if len(r.Parts) == 0 {
		ids = append(ids, struct{ field, id string }{"left", r.Left})
	}
	for k, id := range r.Parts {
		ids = append(ids, struct{ field, id string }{fmt.Sprintf("parts[%d]", k), id})
	}
	for _, f := range ids {
		if !known(f.id) {
			say(at+"."+f.field, "校验规则“%s”的指标“%s”不是已配置的指标编号", r.Code, f.id)
		}
	}
}

// before says where a name was first written: （第12行已有）.
func before(line int, ok bool) string {
	if !ok || line == 0 {
		return ""
	}
	return fmt.Sprintf("（第%d行已有）", line)
}

// MetricIDs lists the metric ids in configuration order.
func (c *Config) MetricIDs() []string {
	ids := make([]string, len(c.Metrics))
	for i, m := range c.Metrics {
		ids[i] = m.ID
	}
	return ids
}

// UnitNames lists the unit names in configuration order.
func (c *Config) UnitNames() []string {
	names := make([]string, len(c.Units))
	for i, u := range c.Units {
		names[i] = u.Name
	}
	return names
}

// Briefing returns the narrative template text: the file at path, or the
// embedded default when path is empty.
func Briefing(path string) (string, error) {
	if path == "" {
		b, err := defaults.ReadFile(BriefingName)
		return string(b), err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", &problem.Error{File: path, Err: problem.Wrap(ErrConfig, err)}
	}
	return string(b), nil
}

// DefaultFile returns an embedded file's bytes, for writing a starting copy.
func DefaultFile(name string) ([]byte, error) { return defaults.ReadFile(name) }

// rateName is how a message names the rate of the older rate: section.
func rateName(name string) string {
	if name == "" {
		return "比率"
	}
	return name
}
