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
func ExampleTally() {
	cfg := templates.Default()
	rd := ingest.NewReader(cfg)
	dir := "../samples"
	files, err := ingest.Scan(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	locate := func(name string) string { return ingest.Locate(dir, name) }
	tally := aggregate.NewTally(cfg, rd, len(files), func(name string) *ingest.Submission { return rd.ReadFile(locate(name), name) })
	rd.ReadEach(files, locate, 0, tally.Add)
	r, err := tally.Report(tally.Latest(), time.Time{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tally.Files(), "files,", r.Sources.Len(), "accepted, month", r.Period)
	fmt.Println("problems found", r.YearToDate["problems_found"], "rectified", r.YearToDate["problems_rectified"], "rate", r.YTDRate.Percent())
	// Output:
	// 160 files, 160 accepted, month 2018-10
	// problems found 33437 rectified 33135 rate 99.1%
}
