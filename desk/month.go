package desk

import (
	"fmt"

	"jianbao/ingest"
	"jianbao/templates"
)

// placed is an uploaded sheet checked for the month it is kept under.
type placed struct {
	Period ingest.Period
	Check  *checked
	// Moved says that the sheet states a month other than the one chosen
	// on the form, and is kept under the month it states.
	Moved bool
	// Refused says why the sheet is not kept, "" when it is: the months it
	// states disagree, so that no month can be told.
	Refused string
}

// periodCodes are the findings that say a sheet's month is not the one it
// was checked for.
var periodCodes = map[string]bool{ingest.ErrPeriodMismatch.Code: true, ingest.ErrWrongPeriod.Code: true}

// periodTrouble reports whether c has a finding about its month.
func (c *checked) periodTrouble() (bool, string) {
	for _, f := range c.Findings {
		if periodCodes[f.Code] {
			return true, f.Message
		}
	}
	return false, ""
}

// placeSheet checks an upload of unit for the month it is for. That is
// the month chosen on the form, unless the sheet states another month and
// reads cleanly as that month's: then it is that month's sheet (Moved).
// A sheet that states no month, or states the chosen one among others, is
// checked for the chosen month, and its findings say what is wrong with
// its months. A sheet whose months disagree, the chosen one not among
// them, is refused: no month can be told.
func placeSheet(cfg *templates.Config, unit string, chosen ingest.Period, ext string, data []byte) placed {
	c := checkSheet(cfg, unit, chosen, ext, data)
	trouble, _ := c.periodTrouble()
	if !trouble {
		return placed{Period: chosen, Check: c}
	}
	stated := statedPeriod(cfg, unit, ext, data)
	if stated.IsZero() || stated == chosen {
		return placed{Period: chosen, Check: c}
	}
	other := checkSheet(cfg, unit, stated, ext, data)
	// The reader's words name the file's month, which here is only the
	// month chosen on the form: the clerk is told of the sheet's months.
	if bad, _ := other.periodTrouble(); bad {
		return placed{Refused: fmt.Sprintf("表中写的月份前后不一致（有%s，也有别的月份），看不出是哪个月的报表，未收下。请在表中只写一个统计月份后重新上传", stated.Chinese())}
	}
	return placed{Period: stated, Check: other, Moved: true}
}

// statedPeriod is the month a sheet states of itself, zero when it states
// none: read as if no month had been chosen, and under a name that gives
// none.
func statedPeriod(cfg *templates.Config, unit, ext string, data []byte) ingest.Period {
	rd := ingest.NewReader(cfg)
	rd.Lean = true
	return rd.Read(unit+ext, data).Period
}
