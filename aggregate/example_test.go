package aggregate_test

import (
	"fmt"
	"time"

	"jianbao/aggregate"
	"jianbao/ingest"
	"jianbao/templates"
)

// A rollup reads a folder one sheet at a time into a tally, then asks it
// for the report of the latest month.
func ExampleReadDir() {
	cfg := templates.Default()
	tally, err := aggregate.ReadDir(cfg, ingest.NewReader(cfg), "../samples", 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := tally.Report(tally.Latest(), time.Time{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Sheets(), "sheets,", r.Sources.Len(), "accepted, month", r.Period, "-", len(r.Unread), "other files not read")
	fmt.Println("problems found", r.YearToDate["problems_found"], "rectified", r.YearToDate["problems_rectified"], "rate", r.YTDRate.Percent())
	// Output:
	// 160 sheets, 160 accepted, month 2018-10 - 0 other files not read
	// problems found 33437 rectified 33135 rate 99.1%
}
