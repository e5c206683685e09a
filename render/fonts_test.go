package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"jianbao/render/fonts"
	"jianbao/templates"
)

// pdfSources are the files whose string literals end up in the PDF.
func pdfSources(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("pdf*.go")
	if err != nil {
		t.Fatal(err)
	}
	charts, err := filepath.Glob("chart*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, charts...)
	var out []string
	for _, f := range append(files, "text.go") {
		if !strings.HasSuffix(f, "_test.go") {
			out = append(out, f)
		}
	}
	return out
}

// stringLiterals returns the values of the string literals of a Go file.
func stringLiterals(t *testing.T, name string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, s)
			}
		}
		return true
	})
	return out
}

func checkGlyphs(t *testing.T, what, s string) {
	t.Helper()
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	for _, f := range fonts.Families() {
		if missing := fonts.MissingGlyphs(f, s); len(missing) > 0 {
			t.Errorf("%s: font %s has no glyph for %q", what, f, string(missing))
		}
		var blank []rune
		for _, r := range s {
			if !fonts.Inked(f, r) && !strings.ContainsRune(string(blank), r) {
				blank = append(blank, r)
			}
		}
		if len(blank) > 0 {
			t.Errorf("%s: font %s draws nothing for %q", what, f, string(blank))
		}
	}
}

// TestGlyphsOfEveryText checks that both faces draw every character the
// configuration (unit names, metric names, masthead), the narrative
// template and the renderer's own strings can put on a page or a chart.
func TestGlyphsOfEveryText(t *testing.T) {
	cfg := templates.Default()
	texts := map[string]string{"page numbers": "— 0123456789 —"}
	b, err := templates.DefaultFile(templates.BriefingName)
	if err != nil {
		t.Fatal(err)
	}
	texts[templates.BriefingName] = cjkQuotes(string(b))
	texts["unit names"] = strings.Join(cfg.UnitNames(), "")
	rp := cfg.Report
	texts["report block"] = cjkQuotes(rp.Title + rp.Office + rp.Scope + rp.Subject + rp.CC + rp.PrintedBy)
	for _, m := range cfg.Metrics {
		texts["metric names"] += m.Name + m.Short + m.Measure
	}
	for _, src := range pdfSources(t) {
		texts[src] = strings.Join(stringLiterals(t, src), "")
	}
	for what, s := range texts {
		t.Run(what, func(t *testing.T) { checkGlyphs(t, what, s) })
	}
	// Any other character of the configuration (aliases, zero marks) must be
	// drawn by at least one face, which the renderer falls back to.
	c, err := templates.DefaultFile(templates.DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cjkQuotes(string(c)) {
		if !unicode.IsControl(r) && !fonts.Inked(fonts.Song, r) && !fonts.Inked(fonts.Hei, r) {
			t.Errorf("config.yaml: no face draws %q (U+%04X)", r, r)
		}
	}
}

func TestGlyphCoverage(t *testing.T) {
	for _, name := range []string{templates.DefaultConfigName, templates.BriefingName} {
		b, err := templates.DefaultFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// Each line must be settable in one embedded font: the renderer
		// falls back to the other family when the wanted one lacks a glyph.
		for i, line := range strings.Split(cjkQuotes(string(b)), "\n") {
			var d pdfDoc
			d.face(line, fonts.Song)
			if d.err != nil {
				t.Errorf("%s:%d: %v", name, i+1, d.err)
			}
		}
	}
	tmpl, err := templates.DefaultFile(templates.BriefingName)
	if err != nil {
		t.Fatal(err)
	}
	checkGlyphs(t, templates.BriefingName, cjkQuotes(string(tmpl)))
	for _, src := range pdfSources(t) {
		checkGlyphs(t, src, strings.Join(stringLiterals(t, src), ""))
	}
	checkGlyphs(t, "page numbers", "— 0123456789 —")
}

func TestFontsAreTrueTypeAndSmall(t *testing.T) {
	for _, f := range fonts.Families() {
		b := fonts.Bytes(f)
		if len(b) == 0 || len(b) > 5<<20 {
			t.Errorf("%s: %d bytes", f, len(b))
			continue
		}
		// TrueType outlines: sfnt version 0x00010000, not 'OTTO' (CFF) or 'ttcf'.
		if string(b[:4]) != "\x00\x01\x00\x00" {
			t.Errorf("%s: sfnt version %q, want TrueType", f, b[:4])
		}
	}
	if fonts.Bytes("no such font") != nil {
		t.Error("unknown family has bytes")
	}
}

func TestMissingGlyphs(t *testing.T) {
	got := fonts.MissingGlyphs(fonts.Song, "督查\U0001F600简报\U0001F600\u0378")
	if len(got) != 2 || got[0] != 0x1F600 || got[1] != 0x378 {
		t.Errorf("MissingGlyphs = %q", got)
	}
	if w, ok := fonts.Width(fonts.Hei, '督'); !ok || w != 1000 {
		t.Errorf("Width(督) = %d, %v", w, ok)
	}
}

func TestFontLicencesPresent(t *testing.T) {
	for _, name := range []string{"LICENSE-wqy-microhei.txt", "LICENSE-arphic-gbsn00lp.txt", "LICENSE-arphic-ukai.txt", "subset.sh"} {
		if _, err := os.Stat(filepath.Join("fonts", name)); err != nil {
			t.Error(err)
		}
	}
}

// TestKaiDrawsLevel2Headings checks that the Kai face draws every character
// a level-2 heading can hold: the narrative template, the configuration
// (unit and metric names, the report block), the numbers 1 to 99 in Chinese,
// digits and punctuation, and the headings of every fixture.
func TestKaiDrawsLevel2Headings(t *testing.T) {
	texts := map[string]string{"digits and punctuation": "0123456789（）。，、；：“”%.—"}
	for _, name := range []string{templates.BriefingName, templates.DefaultConfigName} {
		b, err := templates.DefaultFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts[name] = cjkQuotes(string(b))
	}
	var ords strings.Builder
	for i := 1; i < 100; i++ {
		ords.WriteString(pdfChineseOrdinal(i))
	}
	texts["ordinals"] = ords.String()
	n, err := parsePDFNarrative(pdfNarrativeText(t))
	if err != nil {
		t.Fatal(err)
	}
	heads := 0
	for name, build := range pdfFixtures() {
		ps, err := n.paragraphs("issues", newPDFView(build()))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if h, _ := pdfLevel2Split(cjkQuotes(p)); h != "" {
				texts["heading of "+name] += h
				heads++
			}
		}
	}
	if heads < 4 {
		t.Errorf("the fixtures have %d level-2 headings, want at least 4", heads)
	}
	for what, s := range texts {
		var blank []rune
		for _, r := range s {
			if !unicode.IsControl(r) && !fonts.Inked(fonts.Kai, r) && !strings.ContainsRune(string(blank), r) {
				blank = append(blank, r)
			}
		}
		if len(blank) > 0 {
			t.Errorf("%s: Kai draws nothing for %q", what, string(blank))
		}
	}
}

func TestLevel2Split(t *testing.T) {
	for _, c := range []struct{ in, head, rest string }{
		{"（一）报送不及时。截至本期统计，兴宁区未报送。", "（一）报送不及时。", "截至本期统计，兴宁区未报送。"},
		{"（十二）整改进度不平衡。", "（十二）整改进度不平衡。", ""},
		{"（三）部分数字波动较大", "（三）部分数字波动较大", ""},
		{"良庆区（2018年10月）：合计数不对。", "", "良庆区（2018年10月）：合计数不对。"},
		{"一是紧盯重点工作。", "", "一是紧盯重点工作。"},
	} {
		head, rest := pdfLevel2Split(c.in)
		if head != c.head || rest != c.rest {
			t.Errorf("pdfLevel2Split(%q) = %q, %q", c.in, head, rest)
		}
	}
}
