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
	var lines []string
	var line strings.Builder
	used, avail := 0.0, width-indent
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		used, avail = 0, width
	}
	for _, u := range cjkUnits(s) {
		w := fonts.StringWidth(family, u, size)
		if u == " " && line.Len() == 0 {
			continue
		}
		if used+w > avail+1e-9 && line.Len() > 0 && u != " " {
			flush()
		}
		for w > avail+1e-9 && line.Len() == 0 {
			head, rest := cjkSplitToFit(u, family, size, avail)
			line.WriteString(head)
			flush()
			u = rest
			w = fonts.StringWidth(family, u, size)
		}
		if u == "" {
			continue
		}
		line.WriteString(u)
		used += w
	}
	if line.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
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

// cjkSplitToFit returns the longest prefix of u (at least one rune) that fits
// avail, and the rest.
func cjkSplitToFit(u, family string, size, avail float64) (string, string) {
	rs := []rune(u)
	n := 1
	for n < len(rs) && fonts.StringWidth(family, string(rs[:n+1]), size) <= avail {
		n++
	}
	return string(rs[:n]), string(rs[n:])
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
