package render

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jianbao/internal/testkit"
	"jianbao/problem"
)

// The codes of the package's problems are a contract with programs.
func TestProblemCodes(t *testing.T) {
	for _, c := range []struct {
		p    *problem.Problem
		code string
	}{
		{ErrWrite, "WRITE_FAILED"},
		{ErrOutputName, "OUTPUT_NAME"},
		{ErrMissingGlyph, "MISSING_GLYPH"},
		{ErrBriefingTemplate, "BAD_BRIEFING_TEMPLATE"},
		{ErrPDF, "PDF_FAILED"},
		{ErrChart, "CHART_FAILED"},
		{ErrWorkbook, "WORKBOOK_FAILED"},
		{ErrSummary, "SUMMARY_FAILED"},
		{ErrBlankTemplate, "TEMPLATE_FAILED"},
		{ErrRender, "RENDER_FAILED"},
	} {
		if c.p.Code != c.code {
			t.Errorf("%s: code %s, want %s", c.p.Text, c.p.Code, c.code)
		}
		if c.p.Text == "" || c.p.Fix == "" {
			t.Errorf("%s: no text or no advice", c.code)
		}
		testkit.NoLatin(t, c.code, strings.ReplaceAll(c.p.Text+"。"+c.p.Fix, "briefing.tmpl", ""))
	}
}

// An output that cannot be made gives its file, then Chinese only (what
// the sheets or templates say is quoted), and the code as data.
func TestOutputErrors(t *testing.T) {
	glyph := pdfFixture(false)
	glyph.Units[1].Name = "兴宁\U0001F600区"
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, code, place, want string
		err                     func(dir string) error
	}{
		{"glyph", "MISSING_GLYPH", "briefing.pdf", "：“😀”内置字体中没有这个字符：字符编码U+1F600，见于“兴宁😀区”", func(dir string) error {
			return WriteAll(dir, glyph, PDF{Narrative: pdfNarrativeText(t)})
		}},
		{"template", "BAD_BRIEFING_TEMPLATE", "briefing.pdf", "：简报模板有误：第2行没有“NoSuchField”这一项", func(dir string) error {
			return WriteAll(dir, pdfFixture(false), PDF{Narrative: "{{define \"overview\"}}\n{{.NoSuchField}}{{end}}"})
		}},
		{"template syntax", "BAD_BRIEFING_TEMPLATE", "briefing.pdf", "：简报模板有误：第3行写法有误", func(dir string) error {
			return WriteAll(dir, pdfFixture(false), PDF{Narrative: "\n\n{{if}}"})
		}},
		{"no time", "PDF_FAILED", "briefing.pdf", "：简报无法生成：报告没有生成时间", func(dir string) error {
			r := pdfFixture(false)
			r.GeneratedAt = time.Time{}
			return WriteAll(dir, r, PDF{})
		}},
		{"not a folder", "WRITE_FAILED", "file/out", "：输出文件无法写入：路径中有一段不是文件夹", func(string) error {
			return WriteAll(filepath.Join(notDir, "out"), rollupFixture(t), JSON{})
		}},
		{"name", "OUTPUT_NAME", "", "“../x”输出文件名无效或重复", func(dir string) error {
			return WriteAll(dir, rollupFixture(t), fakeRenderer{name: "../x"})
		}},
		{"other error", "RENDER_FAILED", "a.txt", "：输出文件无法生成", func(dir string) error {
			return WriteAll(dir, rollupFixture(t), fakeRenderer{name: "a.txt", err: errors.New("boom")})
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.err(t.TempDir())
			if problem.Code(err) != c.code {
				t.Fatalf("err = %v, code %s, want %s", err, problem.Code(err), c.code)
			}
			msg := err.Error()
			at := strings.Index(msg, c.want)
			if at < 0 || !strings.HasSuffix(msg[:at], c.place) {
				t.Fatalf("message %q, want …%s%s", msg, c.place, c.want)
			}
			testkit.NoLatin(t, c.name, testkit.Unquoted(strings.ReplaceAll(msg[at:], "U+1F600", "")))
		})
	}
}
