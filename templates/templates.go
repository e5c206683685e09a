package templates

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"

	"gopkg.in/yaml.v2"

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

// Parse decodes and checks a configuration.
func Parse(b []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.SetStrict(true)
	if err := dec.Decode(&c); err != nil {
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
	if len(c.Units) == 0 || len(c.Metrics) == 0 {
		return configError("至少需要一个单位和一个指标")
	}
	seen := map[string]bool{}
	for _, u := range c.Units {
		if u.Name == "" || seen["unit:"+u.Name] {
			return configError("单位名称为空或重复：“%s”", u.Name)
		}
		seen["unit:"+u.Name] = true
	}
	for _, m := range c.Metrics {
		if m.ID == "" || m.Name == "" || seen["metric:"+m.ID] {
			return configError("指标的编号或名称为空或重复：“%s”", m.ID)
		}
		seen["metric:"+m.ID] = true
	}
	if err := c.checkNature(); err != nil {
		return err
	}
	if !seen["metric:"+c.Rate.Numerator] || !seen["metric:"+c.Rate.Denominator] {
		return configError("整改率的分子或分母不是已配置的指标")
	}
	for _, r := range c.Checks.Rules {
		if !seen["metric:"+r.Left] || !seen["metric:"+r.Right] || (r.Op != "<=" && r.Op != ">=") {
			return configError("校验规则“%s”的指标或比较符有误", r.Code)
		}
	}
	return nil
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
