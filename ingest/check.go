package ingest

import (
	"fmt"
	"strings"
)

// check adds the warnings that do not keep a sheet out: the configured rules
// between metrics (完成整改 ≤ 发现问题 …) and an all-blank sheet.
func (r *Reader) check(sub *Submission, x *extractor) {
	warn := func(metric string, err error) {
		e := x.loc(sub.Sources[metric], "", err)
		sub.Findings = append(sub.Findings, Finding{Warning, e})
	}
	for _, rule := range r.cfg.Checks.Rules {
		left, right := sub.Total[rule.Left], sub.Total[rule.Right]
		if !rule.Holds(left, right) {
			p := &Problem{Code: rule.Code, Text: rule.Message, Fix: rule.Fix}
			warn(rule.Left, fmt.Errorf("%w（%d，对比%d）", p, left, right))
		}
	}
	if x.allBlank() {
		sub.Findings = append(sub.Findings, Finding{Warning, x.loc("", "", ErrAllBlank)})
	}
}

// allBlank reports whether every figure cell of the sheet was empty.
func (x *extractor) allBlank() bool {
	cells := func(yield func(row, col int) bool) {
		if x.l.Kind == ListLayout {
			for _, r := range x.l.Rows {
				if !yield(r, x.l.ValueCol) {
					return
				}
			}
			return
		}
		for _, a := range x.out.areas {
			for _, c := range x.l.Columns {
				if !yield(a.Row-1, c) {
					return
				}
			}
		}
	}
	blank := true
	cells(func(row, col int) bool {
		if strings.TrimSpace(x.s.At(row, col).Text) != "" {
			blank = false
		}
		return blank
	})
	return blank
}
