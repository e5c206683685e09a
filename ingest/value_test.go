package ingest

import (
	"errors"
	"testing"

	"jianbao/templates"
)

func testParser() *ValueParser {
	cfg := templates.Default()
	return NewValueParser(cfg.Labels.Zero, cfg.Labels.Measures)
}

func TestValueParser(t *testing.T) {
	p := testParser()
	good := []struct {
		in   string
		want int64
	}{
		{"0", 0}, {"42", 42}, {"", 0}, {"  ", 0}, {"—", 0}, {"-", 0}, {"/", 0}, {"无", 0},
		{"４２", 42}, {"1,234", 1234}, {"１，２３４", 1234}, {"12个", 12}, {"35人次", 35},
		{"12.0", 12}, {"12.00", 12}, {" 7 ", 7}, {"1.2E+3", 1200}, {"3份", 3},
		{"1,234,567", 1234567}, {"1,234.0", 1234}, {"1,234.00人次", 1234},
	}
	for _, tc := range good {
		t.Run("ok/"+tc.in, func(t *testing.T) {
			got, err := p.Parse(tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("Parse(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
	bad := []string{"-3", "12.5", "0.5", "十二", "若干", "#REF!", "12,34", "1.5E+0", "abc", "12 13", "9999999999999", "1.9999999999999999E+1", "1.0000000000000001E+3"}
	for _, in := range bad {
		t.Run("bad/"+in, func(t *testing.T) {
			got, err := p.Parse(in)
			if !errors.Is(err, ErrNotWholeNumber) {
				t.Fatalf("Parse(%q) = %d, %v; want ErrNotWholeNumber", in, got, err)
			}
		})
	}
}

func FuzzValueParser(f *testing.F) {
	for _, s := range []string{"42", "1,234", "４２", "12个", "12.5", "-3", "无", "1.2E+3", "#REF!"} {
		f.Add(s)
	}
	p := testParser()
	f.Fuzz(func(t *testing.T, s string) {
		n, err := p.Parse(s)
		if err == nil && (n < 0 || n > maxCount) {
			t.Fatalf("Parse(%q) = %d: out of range without error", s, n)
		}
		if err != nil && !errors.Is(err, ErrNotWholeNumber) {
			t.Fatalf("Parse(%q): error %v does not wrap ErrNotWholeNumber", s, err)
		}
	})
}
