package rollup

import (
	"testing"

	"jianbao/ingest"
)

func TestMonthRanges(t *testing.T) {
	p := func(y, m int) ingest.Period { return ingest.Period{Year: y, Month: m} }
	for _, c := range []struct {
		months []ingest.Period
		want   string
	}{
		{[]ingest.Period{p(2018, 9)}, "2018年9月"},
		{[]ingest.Period{p(2018, 1), p(2018, 2), p(2018, 3)}, "2018年1月至3月"},
		{[]ingest.Period{p(2018, 1), p(2018, 3), p(2018, 4)}, "2018年1月、2018年3月至4月"},
		{[]ingest.Period{p(2017, 11), p(2017, 12), p(2018, 1)}, "2017年11月至12月、2018年1月"},
	} {
		if got := MonthRanges(c.months); got != c.want {
			t.Errorf("%v: %q, want %q", c.months, got, c.want)
		}
	}
}
