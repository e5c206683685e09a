package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// fold maps full-width forms to half-width (４２ → 42, （ → ( ) and removes
// every kind of white space, including line breaks inside cells and the
// ideographic space.
func fold(s string) string {
	s = foldWidth(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\ufeff':
			continue
		case r == '“' || r == '”' || r == '"' || r == '「' || r == '」' || r == '\'' || r == '‘' || r == '’':
			continue // quotes are typed every way; they never tell names apart
		case r == '—' || r == '–' || r == '－' || r == '―':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldWidth folds full-width forms to their narrow equivalents and the
// ideographic space to a space, as width.Fold does. The forms typed in
// Chinese text (full-width ASCII, U+FF01–FF5E) are mapped here without
// allocating more than the result; any other form, and text that is not
// valid UTF-8, goes through width.Fold.
func foldWidth(s string) string {
	if !hasWideForms(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFEE0))
		case r == 0x3000:
			b.WriteByte(' ')
		case r >= 0xFF00 && r <= 0xFFEF, r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return width.Fold.String(s)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasWideForms reports whether s holds a character width folding changes:
// the full- and half-width forms block or the ideographic space.
func hasWideForms(s string) bool {
	for _, r := range s {
		if r >= 0xFF00 && r <= 0xFFEF || r == 0x3000 {
			return true
		}
	}
	return false
}

// numbering matches list numbering in front of a label: 1.  1、 (一) 一、 ① ⑴.
var numbering = regexp.MustCompile(`^(?:\d{1,2}[.、．)]|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}[、.]|[①-⑳⑴-⒇])`)

// stripPunct drops the brackets and colons left after folding.
var stripPunct = strings.NewReplacer("(", "", ")", "", "[", "", "]", "", ":", "")

// Normalizer turns a header or label cell into the key used for matching.
// It knows the measure words (人次 个 份 …) from the configuration.
type Normalizer struct {
	measures []string // folded, longest first
	bracket  *regexp.Regexp
}

// NewNormalizer builds a Normalizer for the given measure words.
func NewNormalizer(measures []string) *Normalizer {
	ms := make([]string, 0, len(measures))
	for _, m := range measures {
		if m = fold(m); m != "" {
			ms = append(ms, m)
		}
	}
	sortLongestFirst(ms)
	return &Normalizer{measures: ms, bracket: regexp.MustCompile(`\(([^()]*)\)`)}
}

// Key normalises a label: folded width, no white space or quotes, no list
// numbering, no colon, no measure word in brackets. Brackets holding anything
// else are dropped but their text kept, so 发出督办（挂牌督办）函 and
// 发出督办挂牌督办函 meet.
func (n *Normalizer) Key(s string) string {
	s = fold(s)
	s = numbering.ReplaceAllString(s, "")
	s = n.bracket.ReplaceAllStringFunc(s, func(m string) string {
		inner := m[1 : len(m)-1]
		if inner == "" || n.isMeasure(inner) {
			return ""
		}
		return inner
	})
	return stripPunct.Replace(s)
}

// Variants lists the forms of a key to look up, most literal first: the key,
// then without a trailing 数 or 数量, then also without a trailing measure word
// (派出人员人次 → 派出人员). Stripping step by step keeps 约谈责任人 from
// collapsing into 约谈责任 unless nothing else matches.
func (n *Normalizer) Variants(key string) []string {
	out := []string{key}
	for _, suf := range []string{"数量", "数"} {
		if strings.HasSuffix(key, suf) && len(key) > len(suf) {
			key = strings.TrimSuffix(key, suf)
			out = append(out, key)
			break
		}
	}
	for _, m := range n.measures {
		if strings.HasSuffix(key, m) && len(key) > len(m) {
			out = append(out, strings.TrimSuffix(key, m))
			break
		}
	}
	return out
}

func (n *Normalizer) isMeasure(s string) bool {
	for _, m := range n.measures {
		if s == m {
			return true
		}
	}
	return false
}

func sortLongestFirst(ss []string) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && len([]rune(ss[j])) > len([]rune(ss[j-1])); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}
