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
// as a number other than 0. The error, of problem templates.ErrConfig,
// names the field and the spellings.
func CheckConfig(cfg *templates.Config) error {
	var said []string
	say := func(format string, args ...any) { said = append(said, fmt.Sprintf(format, args...)) }

	type owner struct{ name, as string }
	units := map[string]owner{}
	for _, u := range cfg.Units {
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
				say("“units”：单位名称“%s”已是单位“%s”的%s", name, prev.name, prev.as)
			default:
				say("“units”：单位“%s”的别称“%s”已是单位“%s”的%s", u.Name, name, prev.name, prev.as)
			}
		}
	}

	n := NewNormalizer(cfg.Labels.Measures)
	names := func(field, kind string, owners [][]string) {
		seen := map[string]owner{}
		for _, o := range owners {
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
					say("“%s”：%s“%s”的%s“%s”已是%s“%s”的%s", field, kind, o[0], as, name, kind, prev.name, prev.as)
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
	for _, z := range cfg.Labels.Zero {
		if v, err := numbers.Parse(z); err == nil && v != 0 {
			say("“labels.zero”中的“%s”是数字%d，不能当作0", z, v)
		}
	}
	if len(said) == 0 {
		return nil
	}
	return fmt.Errorf("%w：%s", templates.ErrConfig, strings.Join(said, "；"))
}
