package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"validate", "validate", 0},
		{"valdate", "validate", 1},
		{"metircs", "metrics", 1},
		{"rollup", "rolup", 1},
		{"", "abc", 3},
		{"检查", "检察", 1},
		{"abc", "cab", 2},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
