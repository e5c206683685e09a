package ingest

import (
	"strings"
	"testing"

	"jianbao/templates"
)

func TestCheckConfig(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *templates.Config)
		want string // "" when accepted
	}{
		{"default", func(*templates.Config) {}, ""},
		{"zero marks that read as 0", func(c *templates.Config) { c.Labels.Zero = append(c.Labels.Zero, "0", "0.00", "０") }, ""},
		{"zero mark with a measure word", func(c *templates.Config) { c.Labels.Zero = append(c.Labels.Zero, "3个") }, "“3个”是数字3"},
		{"area alias of another area", func(c *templates.Config) {
			c.Areas[1].Aliases = append(c.Areas[1].Aliases, "（"+c.Areas[0].Name+"）")
		}, "“areas”：工作类别“" + templates.Default().Areas[1].Name + "”的别称"},
		{"unit alias of its own unit twice", func(c *templates.Config) { c.Units[0].Aliases = append(c.Units[0].Aliases, c.Units[0].Name) }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := templates.Default()
			c.edit(cfg)
			err := CheckConfig(cfg)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}
