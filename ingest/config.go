package ingest

import (
	"fmt"
	"strings"

	"jianbao/templates"
)

// CheckConfig refuses a configuration in which one spelling would mean two
// things as sheets are read: an alias of two units, a unit's name that is
// another unit's alias, a name or alias of two metrics or of two work
// areas (compared as the reader compares them: width folded, spaces,
// quotes and measure words in brackets dropped), or a zero mark that reads
// as a number other than 0; or marks of a correction that cannot work (see
// checkCorrections). The error, of problem templates.ErrConfig,
// names the field and the spellings.
func CheckConfig(cfg *templates.Config) error {
	var said []string
	say := func(format string, args ...any) { said = append(said, fmt.Sprintf(format, args...)) }

	type owner struct{ name, as string }
	units := map[string]owner{}
	for ui, u := range cfg.Units {
		for i, name := range append([]string{u.Name}, u.Aliases...) {
			k := fold(name)
			if k == "" {
				continue
			}
			as := "别称"
			if i == 0 {
				as = "名称"
			}
			prev, ok := units[k]
			switch {
			case !ok:
				units[k] = owner{u.Name, as}
			case prev.name == u.Name:
			case i == 0:
				say("%s：单位名称“%s”已是单位“%s”的%s", cfg.Where(fmt.Sprintf("units[%d].name", ui)), name, prev.name, prev.as)
			default:
				say("%s：单位“%s”的别称“%s”已是单位“%s”的%s", cfg.Where(fmt.Sprintf("units[%d].aliases[%d]", ui, i-1)), u.Name, name, prev.name, prev.as)
			}
		}
	}

	n := NewNormalizer(cfg.MeasureWords())
	names := func(field, kind string, owners [][]string) {
		seen := map[string]owner{}
		for oi, o := range owners {
			for i, name := range o[1:] {
				k := n.Key(name)
				if k == "" {
					continue
				}
				as := "别称"
				if i == 0 {
					as = "名称"
				}
				prev, ok := seen[k]
				switch {
				case !ok:
					seen[k] = owner{o[0], as}
				case prev.name == o[0]:
				default:
					at := fmt.Sprintf("%s[%d].name", field, oi)
					if i > 0 {
						at = fmt.Sprintf("%s[%d].aliases[%d]", field, oi, i-1)
					}
					say("%s：%s“%s”的%s“%s”已是%s“%s”的%s", cfg.Where(at), kind, o[0], as, name, kind, prev.name, prev.as)
				}
			}
		}
	}
	var metrics, areas [][]string
	for _, m := range cfg.Metrics {
		metrics = append(metrics, append([]string{m.ID, m.Name}, m.Aliases...))
	}
	for _, a := range cfg.Areas {
		areas = append(areas, append([]string{a.Name, a.Name}, a.Aliases...))
	}
	names("metrics", "指标", metrics)
	names("areas", "工作类别", areas)

	numbers := NewValueParser(nil, cfg.Labels.Measures)
	for i, z := range cfg.Labels.Zero {
		if v, err := numbers.Parse(z); err == nil && v != 0 {
			say("%s：“%s”是数字%d，不能当作0", cfg.Where(fmt.Sprintf("labels.zero[%d]", i)), z, v)
		}
	}
	checkCorrections(cfg, say)
	if len(said) == 0 {
		return nil
	}
	return fmt.Errorf("%w：%s", templates.ErrConfig, strings.Join(said, "；"))
}

// checkCorrections refuses marks of a correction (templates.Corrections)
// that would mislead: a version pattern without one {n}; a word of
// correction or finality that is part of a unit's name or other spelling
// (every file of that unit would be a correction); a date label that is
// also a label of the month.
func checkCorrections(cfg *templates.Config, say func(format string, args ...any)) {
	c := cfg.Corrections
	type list struct {
		field string
		items []string
	}
	for _, l := range []list{{"versions", c.Versions}, {"revisions", c.Revisions}} {
		field := l.field
		for i, p := range l.items {
			if strings.Count(p, "{n}") != 1 {
				say("%s：“%s”应含一处“{n}”，代表版本号", cfg.Where(fmt.Sprintf("corrections.%s[%d]", field, i)), p)
			}
		}
	}
	for _, l := range []list{{"words", c.Words}, {"final", c.Final}} {
		field := l.field
		for i, w := range l.items {
			k := strings.ToLower(fold(w))
			if k == "" {
				continue
			}
			for _, u := range cfg.Units {
				for _, name := range append([]string{u.Name}, u.Aliases...) {
					if strings.Contains(strings.ToLower(fold(name)), k) {
						say("%s：“%s”是单位“%s”的名称“%s”的一部分", cfg.Where(fmt.Sprintf("corrections.%s[%d]", field, i)), w, u.Name, name)
					}
				}
			}
		}
	}
	periods := map[string]bool{}
	for _, l := range foldAll(cfg.Labels.PeriodLabel) {
		periods[l] = true
	}
	for i, l := range c.DateLabel {
		if periods[fold(l)] {
			say("%s：“%s”已是“labels.period_label”中的统计月份标签", cfg.Where(fmt.Sprintf("corrections.date_label[%d]", i)), l)
		}
	}
}
