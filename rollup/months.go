package rollup

import (
	"fmt"
	"strings"

	"jianbao/ingest"
	"jianbao/problem"
)

// noAcceptedSheet says, as problem p, that no sheet of period is
// accepted, and for which months some are.
func noAcceptedSheet(p *problem.Problem, period ingest.Period, months []ingest.Period) error {
	if len(months) == 0 {
		return fmt.Errorf("%s%w；文件夹中没有任何可以采用的报表", period.Chinese(), p)
	}
	return fmt.Errorf("%s%w；可以采用的报表是%s的", period.Chinese(), p, MonthRanges(months))
}

// MonthRanges names months, in order, in few words: 2017年12月、2018年1月至10月.
func MonthRanges(ps []ingest.Period) string {
	var parts []string
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1] == next(ps[j]) && ps[j+1].Year == ps[i].Year {
			j++
		}
		part := ps[i].Chinese()
		if j > i {
			part += fmt.Sprintf("至%d月", ps[j].Month)
		}
		parts = append(parts, part)
		i = j + 1
	}
	return strings.Join(parts, "、")
}

// next is the month after p.
func next(p ingest.Period) ingest.Period {
	if p.Month == 12 {
		return ingest.Period{Year: p.Year + 1, Month: 1}
	}
	return ingest.Period{Year: p.Year, Month: p.Month + 1}
}
