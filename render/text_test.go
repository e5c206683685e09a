package render

import (
	"strings"
	"testing"

	"jianbao/render/fonts"
)

func TestCJKWrapRules(t *testing.T) {
	s := "2018年1—10月，全市累计派出监督检查人员42,537人次，督查发现问题33,437个（含“挂牌督办”事项），整改率99.1%。各单位要对照问题清单——逐项整改、逐项销号。"
	for _, width := range []float64{20, 33.3, 50, 81, 120} {
		lines := cjkWrap(s, fonts.Song, 12, width, 8.5)
		if got := strings.Join(lines, ""); got != s {
			t.Fatalf("width %v: lines join to %q", width, got)
		}
		for i, l := range lines {
			avail := width
			if i == 0 {
				avail -= 8.5
			}
			if w := fonts.StringWidth(fonts.Song, l, 12); w > avail+1e-9 {
				t.Errorf("width %v: line %q is %.2f mm wide", width, l, w)
			}
			rs := []rune(l)
			if i > 0 && strings.ContainsRune(cjkNoLineStart, rs[0]) {
				t.Errorf("width %v: line %q starts with closing punctuation", width, l)
			}
			if i < len(lines)-1 && strings.ContainsRune(cjkNoLineEnd, rs[len(rs)-1]) {
				t.Errorf("width %v: line %q ends with opening punctuation", width, l)
			}
		}
		for _, num := range []string{"42,537", "33,437", "99.1%"} {
			if !strings.Contains(strings.Join(lines, "\n"), num) {
				t.Errorf("width %v: %s was broken across lines: %q", width, num, lines)
			}
		}
	}
}

func TestCJKWrapSpacesAndLongWords(t *testing.T) {
	lines := cjkWrap("abc defghijklmnopqrstuvwxyz 中文", fonts.Hei, 10, 15, 0)
	for _, l := range lines {
		if strings.HasPrefix(l, " ") || strings.HasSuffix(l, " ") {
			t.Errorf("line %q has an edge space", l)
		}
		if w := fonts.StringWidth(fonts.Hei, l, 10); w > 15+1e-9 {
			t.Errorf("line %q is %.2f mm wide", l, w)
		}
	}
	if got := cjkWrap("", fonts.Hei, 10, 15, 0); len(got) != 1 || got[0] != "" {
		t.Errorf("empty text gives %q", got)
	}
}

func TestCJKWrapBalanced(t *testing.T) {
	s := "问责责任单位数"
	full := fonts.StringWidth(fonts.Hei, s, 8)
	lines := cjkWrapBalanced(s, fonts.Hei, 8, full*0.8)
	if len(lines) != 2 {
		t.Fatalf("lines = %q", lines)
	}
	if d := len([]rune(lines[0])) - len([]rune(lines[1])); d < -1 || d > 1 {
		t.Errorf("unbalanced lines %q", lines)
	}
}

func TestCJKQuotes(t *testing.T) {
	if got := cjkQuotes(`南宁市"两重两问"办公室`); got != "南宁市“两重两问”办公室" {
		t.Errorf("cjkQuotes = %q", got)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 42537: "42,537", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := pdfThousands(n); got != want {
			t.Errorf("pdfThousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCJKWrapSpans(t *testing.T) {
	head, rest := "（二）报表质量不高。", "1份统计表未通过校验，退回有关单位修改，未计入本期统计：良庆区（2018年10月）“合计数”与各分项之和对不上。"
	spans := []cjkSpan{{head, fonts.Kai}, {rest, fonts.Song}}
	for _, width := range []float64{20, 33.3, 50, 81, 170} {
		lines := cjkWrapSpans(spans, 12, width, 8.5)
		var all, kai strings.Builder
		for i, l := range lines {
			avail := width
			if i == 0 {
				avail -= 8.5
			}
			w := 0.0
			for j, sp := range l {
				if sp.text == "" || (j > 0 && l[j-1].family == sp.family) {
					t.Errorf("width %v: line %d has pieces %q", width, i, l)
				}
				all.WriteString(sp.text)
				if sp.family == fonts.Kai {
					kai.WriteString(sp.text)
				}
				w += fonts.StringWidth(sp.family, sp.text, 12)
			}
			if w > avail+1e-9 {
				t.Errorf("width %v: line %d (%q) is %.2f mm wide", width, i, l, w)
			}
		}
		if all.String() != head+rest || kai.String() != head {
			t.Errorf("width %v: lines %q", width, lines)
		}
	}
}
