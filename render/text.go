package render

import (
	"strings"
	"unicode"

	"jianbao/render/fonts"
)

// Characters that may not begin a line (closing punctuation) or end one
// (opening punctuation), after the usual Chinese typesetting rules.
const (
	cjkNoLineStart = "，。、；：？！）」』”’》〉】〕…—%,.;:!?)]}·"
	cjkNoLineEnd   = "（「『“‘《〈【〔([{"
)

// cjkWrap breaks s into lines that fit width millimetres when set in family at
// size points; the first line is indent millimetres narrower. Lines break
// between any two Chinese characters and at spaces, never inside a run of
// Latin letters and digits (such as 42,537 or 99.1%), never before closing
// punctuation and never after opening punctuation. A unit wider than a whole
// line is split between characters.
func cjkWrap(s, family string, size, width, indent float64) []string {
	var out []string
	for _, l := range cjkWrapSpans([]cjkSpan{{text: s, family: family}}, size, width, indent) {
		var b strings.Builder
		for _, sp := range l {
			b.WriteString(sp.text)
		}
		out = append(out, b.String())
	}
	return out
}

// cjkSpan is a piece of text set in one family.
type cjkSpan struct{ text, family string }

// cjkRune is a character and the family it is set in.
type cjkRune struct {
	r      rune
	family string
}

// cjkWrapSpans wraps text whose pieces are set in different families (all
// at size points) like cjkWrap, measuring each character in its own family.
// Each line is a list of pieces, one per run of characters of one family.
func cjkWrapSpans(spans []cjkSpan, size, width, indent float64) [][]cjkSpan {
	var all strings.Builder
	var fams []string
	for _, sp := range spans {
		all.WriteString(sp.text)
		for range sp.text {
			fams = append(fams, sp.family)
		}
	}
	var lines [][]cjkSpan
	var line []cjkRune
	used, avail := 0.0, width-indent
	flush := func() {
		for len(line) > 0 && line[len(line)-1].r == ' ' {
			line = line[:len(line)-1]
		}
		lines = append(lines, cjkJoinRunes(line))
		line = nil
		used, avail = 0, width
	}
	// cjkUnits gives one rune for each rune of its input.
	pos := 0
	for _, unit := range cjkUnits(all.String()) {
		var u []cjkRune
		for _, r := range unit {
			u = append(u, cjkRune{r, fams[pos]})
			pos++
		}
		w := cjkRunesWidth(u, size)
		if unit == " " && len(line) == 0 {
			continue
		}
		if used+w > avail+1e-9 && len(line) > 0 && unit != " " {
			flush()
		}
		for w > avail+1e-9 && len(line) == 0 {
			head, rest := cjkSplitToFit(u, size, avail)
			line = append(line, head...)
			flush()
			u = rest
			w = cjkRunesWidth(u, size)
		}
		if len(u) == 0 {
			continue
		}
		line = append(line, u...)
		used += w
	}
	if len(line) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// cjkRunesWidth is the width of rs in millimetres at size points, each
// character measured in its family as fonts.StringWidth measures it.
func cjkRunesWidth(rs []cjkRune, size float64) float64 {
	total := 0
	for _, c := range rs {
		w, ok := fonts.Width(c.family, c.r)
		if !ok {
			w = 500
		}
		total += w
	}
	return float64(total) * size / 72 * 25.4 / 1000
}

// cjkJoinRunes turns characters back into pieces, one per run of one family.
func cjkJoinRunes(rs []cjkRune) []cjkSpan {
	var out []cjkSpan
	for _, c := range rs {
		if n := len(out); n > 0 && out[n-1].family == c.family {
			out[n-1].text += string(c.r)
			continue
		}
		out = append(out, cjkSpan{text: string(c.r), family: c.family})
	}
	return out
}

// cjkWrapBalanced wraps s like cjkWrap, into as few lines, but as narrow
// as they can be, so that the lines come out of about equal length.
func cjkWrapBalanced(s, family string, size, width float64) []string {
	n := len(cjkWrap(s, family, size, width, 0))
	lo, hi := 0.0, width
	for hi-lo > 0.05 {
		mid := (lo + hi) / 2
		if len(cjkWrap(s, family, size, mid, 0)) > n {
			lo = mid
		} else {
			hi = mid
		}
	}
	return cjkWrap(s, family, size, hi, 0)
}

// cjkSplitToFit returns the longest prefix of u (at least one character)
// that fits avail, and the rest.
func cjkSplitToFit(u []cjkRune, size, avail float64) ([]cjkRune, []cjkRune) {
	n := 1
	for n < len(u) && cjkRunesWidth(u[:n+1], size) <= avail {
		n++
	}
	return u[:n], u[n:]
}

// cjkUnits splits s into the pieces a line may not be broken inside: a single
// Chinese character with the punctuation glued to it, a run of Latin
// letters, digits and ASCII punctuation, or a space.
func cjkUnits(s string) []string {
	var raw []string
	var word strings.Builder
	flushWord := func() {
		if word.Len() > 0 {
			raw = append(raw, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			flushWord()
			raw = append(raw, " ")
		case r < 0x80 || (r < 0x2000 && !strings.ContainsRune(cjkNoLineStart+cjkNoLineEnd, r)):
			word.WriteRune(r)
		default:
			flushWord()
			raw = append(raw, string(r))
		}
	}
	flushWord()
	return cjkGlue(raw)
}

// cjkGlue joins closing punctuation to the unit before it, opening punctuation
// to the unit after it, and keeps a dash pair (——) together.
func cjkGlue(raw []string) []string {
	var out []string
	for _, u := range raw {
		if n := len(out); n > 0 && u != " " && out[n-1] != " " && cjkMustJoin(out[n-1], u) {
			out[n-1] += u
			continue
		}
		out = append(out, u)
	}
	return out
}

func cjkMustJoin(prev, next string) bool {
	first := []rune(next)[0]
	rs := []rune(prev)
	last := rs[len(rs)-1]
	return strings.ContainsRune(cjkNoLineStart, first) || strings.ContainsRune(cjkNoLineEnd, last)
}

// cjkQuotes turns straight double quotes into Chinese quotation marks,
// alternating opening and closing: "两重两问" becomes “两重两问”.
func cjkQuotes(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	var b strings.Builder
	open := true
	for _, r := range s {
		if r != '"' {
			b.WriteRune(r)
			continue
		}
		if open {
			b.WriteRune('“')
		} else {
			b.WriteRune('”')
		}
		open = !open
	}
	return b.String()
}
