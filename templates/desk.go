package templates

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Desk holds the settings of the collection desk (jianbao serve).
type Desk struct {
	// DeadlineDay is the day of the following month by which a month's
	// sheets are due (10: October's by 10 November); 0 sets no deadline.
	DeadlineDay int `yaml:"deadline_day"`
	// ChaseText is the wording of the 催报 text, with the placeholders of
	// ChaseFill; empty gives the shipped wording.
	ChaseText string `yaml:"chase_text"`
}

// MaxDeadlineDay is the latest deadline day: every month has it.
const MaxDeadlineDay = 28

// The placeholders of desk.chase_text.
const (
	chaseReport   = "{report}"
	chaseMonth    = "{month}"
	chaseCount    = "{count}"
	chaseUnits    = "{units}"
	chaseDeadline = "{deadline}"
)

var chasePlaceholder = regexp.MustCompile(`\{[^{}\s]*\}`)

// checkDesk checks the desk's settings.
func (c *Config) checkDesk(say func(path, format string, args ...any)) {
	if d := c.Desk.DeadlineDay; d < 0 || d > MaxDeadlineDay {
		say("desk.deadline_day", "报送截止日须在0到%d之间（0表示不设截止日），不能是%d", MaxDeadlineDay, d)
	}
	text := c.Desk.ChaseText
	if strings.TrimSpace(text) == "" {
		return
	}
	known := []string{chaseReport, chaseMonth, chaseCount, chaseUnits, chaseDeadline}
	for _, p := range chasePlaceholder.FindAllString(text, -1) {
		ok := false
		for _, k := range known {
			ok = ok || p == k
		}
		if !ok {
			say("desk.chase_text", "催报文字中的“%s”不认识，可写的有%s", p, strings.Join(known, "、"))
		}
	}
	if !strings.Contains(text, chaseUnits) {
		say("desk.chase_text", "催报文字中要有“%s”，那里换成要催报的各单位", chaseUnits)
	}
}

// ChaseFill is what the placeholders of the 催报 text are replaced by.
type ChaseFill struct {
	Report   string   // {report}: the report's title
	Month    string   // {month}: 2018年10月
	Units    []string // {units}: one line each
	Deadline string   // {deadline}: 2018年11月10日, "" when none is set
}

// Chase is the 催报 text filled in: the configured wording, or the
// shipped one when the configuration has none. A line that holds
// {deadline} is left out when no deadline is set.
func (c *Config) Chase(f ChaseFill) string {
	text := c.Desk.ChaseText
	if strings.TrimSpace(text) == "" {
		text = shippedChase()
	}
	r := strings.NewReplacer(chaseReport, f.Report, chaseMonth, f.Month, chaseCount, strconv.Itoa(len(f.Units)),
		chaseUnits, strings.Join(f.Units, "\n"), chaseDeadline, f.Deadline)
	var out []string
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if f.Deadline == "" && strings.Contains(line, chaseDeadline) {
			continue
		}
		out = append(out, r.Replace(line))
	}
	return strings.Join(out, "\n")
}

// shippedChase is the 催报 wording of the embedded configuration.
var shippedChase = sync.OnceValue(func() string { return Default().Desk.ChaseText })
