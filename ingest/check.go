package ingest

import (
	"fmt"
)

// check adds the warnings that do not keep a sheet out: the configured rules
// between metrics (one metric against another, or the sum of some parts
// against their whole) and a sheet of zeros only.
func (r *Reader) check(sub *Submission, a *accountant) {
	warn := func(metric string, err error) {
		e := a.loc(sub.Sources[metric], "", err)
		sub.Findings = append(sub.Findings, Finding{Warning, e})
	}
	for _, rule := range r.cfg.Checks.Rules {
		if !rule.Compares() {
			continue
		}
		left, right := rule.Sides(sub.Total)
		if !rule.Holds(left, right) {
			p := &Problem{Code: rule.Code, Text: rule.Message, Fix: rule.Fix}
			at := rule.Left
			if len(rule.Parts) > 0 {
				at = rule.Right
			}
			warn(at, fmt.Errorf("%w（%d，对比%d）", p, left, right))
		}
	}
	if allZero(sub.Total) {
		sub.Findings = append(sub.Findings, Finding{Warning, a.loc(a.figureArea(), "", ErrAllZero)})
	}
}

// allZero reports whether every figure of the month is 0.
func allZero(total map[string]int64) bool {
	for _, v := range total {
		if v != 0 {
			return false
		}
	}
	return true
}
