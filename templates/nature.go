package templates

import (
	"fmt"
	"strconv"
	"strings"
)

// The nature of a metric: how its figures add up over months (Kind) and
// how they are written (Number).
const (
	KindFlow     = "flow"   // a figure of the month; the year to date is the sum of the months
	KindStock    = "stock"  // a figure at the end of the month; the year to date is the latest month's
	NumberCount  = "count"  // whole numbers ≥ 0
	NumberAmount = "amount" // exact decimals ≥ 0 with Decimals places, held as integers scaled by 10^Decimals
	// MaxDecimals bounds the decimal places of an amount.
	MaxDecimals = 4
)

// Stock reports whether the metric is a period-end value (kind: stock).
func (m Metric) Stock() bool { return m.Kind == KindStock }

// Amount reports whether the metric is an exact decimal (number: amount).
func (m Metric) Amount() bool { return m.Number == NumberAmount }

// Places is the number of decimal places the metric's figures are held
// with: 0 for counts.
func (m Metric) Places() int {
	if !m.Amount() {
		return 0
	}
	return m.Decimals
}

// Scale is 10^Places: the held integer of one whole unit (1 元 held as 100
// with two decimals).
func (m Metric) Scale() int64 {
	s := int64(1)
	for range m.Places() {
		s *= 10
	}
	return s
}

// InBriefing reports whether the metric is shown in the briefing's tables
// and prose (briefing: false leaves it to the workbook and summary.json).
func (m Metric) InBriefing() bool { return m.Briefing == nil || *m.Briefing }

// Text writes a held figure exactly, with the metric's decimal places and
// no grouping: 8768660 of an amount with two decimals is "87686.60".
func (m Metric) Text(v int64) string { return DecimalText(v, m.Places()) }

// DecimalText writes v scaled by 10^places exactly: DecimalText(5, 2) is
// "0.05".
func DecimalText(v int64, places int) string {
	s := strconv.FormatInt(v, 10)
	if places <= 0 {
		return s
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) <= places {
		s = strings.Repeat("0", places-len(s)+1) + s
	}
	s = s[:len(s)-places] + "." + s[len(s)-places:]
	if neg {
		s = "-" + s
	}
	return s
}

// MetricByID finds a metric of the configuration by its id.
func (c *Config) MetricByID(id string) (Metric, bool) {
	for _, m := range c.Metrics {
		if m.ID == id {
			return m, true
		}
	}
	return Metric{}, false
}

// checkNature refuses a kind, number or decimals that is not one of those
// allowed, and fills in the defaults (flow, count).
func (c *Config) checkNature(say func(path, format string, args ...any)) {
	for i := range c.Metrics {
		m := &c.Metrics[i]
		at := fmt.Sprintf("metrics[%d]", i)
		switch m.Kind {
		case "":
			m.Kind = KindFlow
		case KindFlow, KindStock:
		default:
			say(at+".kind", "指标“%s”的“kind”应为“flow”（当月发生数，累计为各月之和）或“stock”（月末时点数，累计取最近一月），不能是“%s”", m.ID, m.Kind)
		}
		switch m.Number {
		case "":
			m.Number = NumberCount
		case NumberCount, NumberAmount:
		default:
			say(at+".number", "指标“%s”的“number”应为“count”（整数）或“amount”（带小数的金额），不能是“%s”", m.ID, m.Number)
		}
		switch {
		case m.Decimals < 0 || m.Decimals > MaxDecimals:
			say(at+".decimals", "指标“%s”的“decimals”（小数位数）应为0到%d，不能是%d", m.ID, MaxDecimals, m.Decimals)
		case m.Decimals > 0 && !m.Amount():
			say(at+".decimals", "指标“%s”填了“decimals”（小数位数），但不是金额：小数位数只用于“number: amount”的指标", m.ID)
		}
	}
	for i, w := range c.Labels.Measures {
		if strings.HasPrefix(w, "万") || strings.HasPrefix(w, "亿") {
			say(fmt.Sprintf("labels.measures[%d]", i), "“labels.measures”中的“%s”以“万”或“亿”开头，是倍数而不只是计量单位：表中“3%s”若照此读作3会差上万倍；以%s计的指标请在该指标的“measure”中写明", w, w, w)
		}
	}
	places := func(id string) (int, bool) {
		m, ok := c.MetricByID(id)
		return m.Places(), ok
	}
	for i, r := range c.Checks.Rules {
		a, okA := places(r.Left)
		b, okB := places(r.Right)
		if okA && okB && a != b {
			say(fmt.Sprintf("checks.rules[%d]", i), "校验规则“%s”比较的两个指标小数位数不同（%d位和%d位），无法直接比较", r.Code, a, b)
		}
	}
}

// MeasureWords are the measure words a header may carry in brackets: those
// of labels.measures and each metric's own.
func (c *Config) MeasureWords() []string {
	out := append([]string(nil), c.Labels.Measures...)
	seen := map[string]bool{}
	for _, w := range out {
		seen[w] = true
	}
	for _, m := range c.Metrics {
		if m.Measure != "" && !seen[m.Measure] {
			seen[m.Measure] = true
			out = append(out, m.Measure)
		}
	}
	return out
}
