// Package fonts holds the Chinese fonts embedded in the PDF briefing:
// subsets of WenQuanYi Micro Hei (a Hei face for headings and figures), of
// AR PL SungtiL GB (a Song face for body text) and of AR PL UKai CN (a Kai
// face for level-2 headings, as GB/T 9704 sets them). All three keep the same
// characters. subset.sh rebuilds them; the licence files sit next to them.
package fonts

import (
	_ "embed"
	"fmt"
	"math"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Family names under which the fonts are registered in a PDF.
const (
	Hei  = "hei"
	Song = "song"
	Kai  = "kai"
)

var (
	//go:embed wqy-microhei-subset.ttf
	heiTTF []byte
	//go:embed gbsn00lp-subset.ttf
	songTTF []byte
	//go:embed ukai-subset.ttf
	kaiTTF []byte
)

// face is one parsed font with a cache of advance widths.
type face struct {
	data []byte

	once sync.Once
	font *sfnt.Font
	upem int
	err  error

	mu     sync.Mutex
	buf    sfnt.Buffer
	widths map[rune]int // advance in thousandths of an em; -1 when no glyph
}

var faces = map[string]*face{
	Hei:  {data: heiTTF},
	Song: {data: songTTF},
	Kai:  {data: kaiTTF},
}

// Families lists the embedded families.
func Families() []string { return []string{Hei, Song, Kai} }

// Bytes returns the TrueType bytes of a family, or nil for an unknown one.
func Bytes(family string) []byte {
	f, ok := faces[family]
	if !ok {
		return nil
	}
	return f.data
}

func lookup(family string) (*face, error) {
	f, ok := faces[family]
	if !ok {
		return nil, fmt.Errorf("fonts: unknown family %q", family)
	}
	f.once.Do(f.parse)
	if f.err != nil {
		return nil, f.err
	}
	return f, nil
}

func (f *face) parse() {
	f.font, f.err = sfnt.Parse(f.data)
	if f.err != nil {
		f.err = fmt.Errorf("fonts: parse: %w", f.err)
		return
	}
	f.upem = int(f.font.UnitsPerEm())
	f.widths = map[rune]int{}
}

// width returns the advance of r in thousandths of an em, rounded as the PDF
// library rounds it, or -1 when the font has no glyph for r.
func (f *face) width(r rune) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if w, ok := f.widths[r]; ok {
		return w
	}
	w := -1
	gi, err := f.font.GlyphIndex(&f.buf, r)
	if err == nil && gi != 0 {
		adv, err := f.font.GlyphAdvance(&f.buf, gi, fixed.I(f.upem), font.HintingNone)
		if err == nil {
			w = int(math.Round(float64(adv) / 64 * 1000 / float64(f.upem)))
		}
	}
	f.widths[r] = w
	return w
}

// Has reports whether the family has a glyph for r. Control characters other
// than the space never have one.
func Has(family string, r rune) bool {
	f, err := lookup(family)
	if err != nil {
		return false
	}
	return f.width(r) >= 0
}

// MissingGlyphs returns the distinct runes of s, in order of first
// appearance, for which the family has no glyph.
func MissingGlyphs(family, s string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if seen[r] {
			continue
		}
		seen[r] = true
		if !Has(family, r) {
			out = append(out, r)
		}
	}
	return out
}

// Width returns the advance of r in thousandths of an em and whether the
// family has a glyph for it.
func Width(family string, r rune) (int, bool) {
	f, err := lookup(family)
	if err != nil {
		return 0, false
	}
	w := f.width(r)
	if w < 0 {
		return 0, false
	}
	return w, true
}

// StringWidth returns the width of s in millimetres at size points, summing
// the advances the way the PDF library does (no kerning). Runes without a
// glyph count as half an em.
func StringWidth(family, s string, size float64) float64 {
	total := 0
	for _, r := range s {
		w, ok := Width(family, r)
		if !ok {
			w = 500
		}
		total += w
	}
	return float64(total) * size / 72 * 25.4 / 1000
}

// Inked reports whether the family draws r with a visible outline: it has a
// glyph for r and, unless r is a space, that glyph has at least one contour.
func Inked(family string, r rune) bool {
	f, err := lookup(family)
	if err != nil {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, err := f.font.GlyphIndex(&f.buf, r)
	if err != nil || gi == 0 {
		return false
	}
	if unicode.IsSpace(r) {
		return true
	}
	segs, err := f.font.LoadGlyph(&f.buf, gi, fixed.I(f.upem), nil)
	return err == nil && len(segs) > 0
}
