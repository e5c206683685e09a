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
	Ranking Ranking  `yaml:"ranking"`
	Rate    RateDef  `yaml:"rate"`
	// Corrections say which of several sheets for one unit and month is
	// the later, corrected one.
	Corrections Corrections `yaml:"corrections"`

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

// Rule compares two metrics of one sheet: Left Op Right must hold, or the
// sheet gets a warning with Code and Message.
type Rule struct {
	Code    string `yaml:"code"`
	Left    string `yaml:"left"`
	Op      string `yaml:"op"` // "<=" or ">="
	Right   string `yaml:"right"`
	Message string `yaml:"message"`
	Fix     string `yaml:"fix"`
}

// Holds reports whether the rule holds for the two values.
func (r Rule) Holds(left, right int64) bool {
	if r.Op == ">=" {
		return left >= right
	}
	return left <= right
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

// RateDef defines the headline rate (整改率) as one metric over another.
type RateDef struct {
	Name        string `yaml:"name"`
	Numerator   string `yaml:"numerator"`
	Denominator string `yaml:"denominator"`
}

// Ranking sets the 红黑榜 thresholds on the rectification rate.
type Ranking struct {
	RedAtLeast float64 `yaml:"red_at_least"`
	BlackBelow float64 `yaml:"black_below"`
	MinFound   int64   `yaml:"min_found"`
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
	known := func(id string) bool { _, ok := metrics[id]; return ok && id != "" }
	for _, f := range []struct{ field, id, what string }{
		{"numerator", c.Rate.Numerator, "分子"}, {"denominator", c.Rate.Denominator, "分母"}} {
		if !known(f.id) {
			say("rate."+f.field, "整改率的%s“%s”不是已配置的指标编号（“metrics”中的“id”）", f.what, f.id)
		}
	}
	for i, r := range c.Checks.Rules {
		at := fmt.Sprintf("checks.rules[%d]", i)
		for _, f := range []struct{ field, id string }{{"left", r.Left}, {"right", r.Right}} {
			if !known(f.id) {
				say(at+"."+f.field, "校验规则“%s”的指标“%s”不是已配置的指标编号", r.Code, f.id)
			}
		}
		if r.Op != "<=" && r.Op != ">=" {
			say(at+".op", "校验规则“%s”的比较符“%s”应是“<=”（不大于）或“>=”（不小于）", r.Code, r.Op)
		}
	}
	if len(said) > 0 {
		return configError("%s", strings.Join(said, "；"))
	}
	return nil
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
