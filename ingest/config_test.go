package ingest

import (
	"fmt"
	"strings"
	"testing"

	"jianbao/templates"
)

// at gives 第N行 for the first line of the embedded configuration that
// begins with prefix, found in the text, apart from the parser.
func at(prefix string) string {
	b, _ := templates.DefaultFile(templates.DefaultConfigName)
	for i, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, prefix) {
			return fmt.Sprintf("第%d行", i+1)
		}
	}
	return "（没有“" + prefix + "”这一行）"
}

// A wrong configuration is refused naming the line of the file and the
// field at fault, with what the field says.
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
		}, at("  - {name: '\"美丽南宁\"乡村建设'") + "“areas”第2项的“aliases”第4项：工作类别“" + templates.Default().Areas[1].Name + "”的别称“（脱贫攻坚）”"},
		{"version pattern without {n}", func(c *templates.Config) { c.Corrections.Versions = append(c.Corrections.Versions, "第n版") }, at("  versions:") + "“corrections.versions”第5项：“第n版”应含一处“{n}”"},
		{"revision pattern with two {n}", func(c *templates.Config) { c.Corrections.Revisions = []string{"{n}改{n}"} }, at("  revisions:") + "“corrections.revisions”第1项：“{n}改{n}”"},
		{"correction word in a unit's name", func(c *templates.Config) { c.Corrections.Words = append(c.Corrections.Words, "兴宁") }, at("  words:") + "“corrections.words”第10项：“兴宁”是单位“兴宁区”的名称“兴宁区”的一部分"},
		{"final word in a unit's alias", func(c *templates.Config) { c.Corrections.Final = []string{"南宁市"} }, at("  final:") + "“corrections.final”第1项：“南宁市”是单位“市本级”的名称“南宁市本级”的一部分"},
		{"date label that labels the month", func(c *templates.Config) { c.Corrections.DateLabel = append(c.Corrections.DateLabel, "统计时段") }, at("  date_label:") + "“corrections.date_label”第5项：“统计时段”已是"},
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
