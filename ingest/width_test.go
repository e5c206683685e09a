package ingest

import (
	"testing"

	"golang.org/x/text/width"
)

// foldWidth must agree with width.Fold on every character it might see.
func TestFoldWidthAgreesWithWidthFold(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := foldWidth(s), width.Fold.String(s); got != want {
			t.Errorf("foldWidth(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0x3000); r <= 0x303F; r++ {
		check("约谈" + string(r) + "12")
	}
	for r := rune(0xFF00); r <= 0xFFEF; r++ {
		check("（" + string(r) + "）")
	}
	for _, s := range []string{"", "plain", "问责（人）", "４２", "１２个", "\u3000１\u3000", "ｶﾀｶﾅ", "￥１２", "a\u00a0b",
		"１\xff", "\xe4\xb8１", "１\uFFFD"} {
		check(s)
	}
}

func TestPlainCount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"42", 42, true},
		{"007", 7, true},
		{"999999999", 999999999, true},
		{"1000000000", 0, false}, // ten digits: the general parse decides
		{"", 0, false},
		{" 4", 0, false},
		{"4.0", 0, false},
		{"-4", 0, false},
		{"４", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, ok := plainCount(tt.in)
			if n != tt.want || ok != tt.ok {
				t.Errorf("plainCount(%q) = %d, %v; want %d, %v", tt.in, n, ok, tt.want, tt.ok)
			}
		})
	}
}
