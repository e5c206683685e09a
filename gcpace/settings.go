package gcpace

import (
	"os"
	"runtime/debug"
)

// The settings of the jianbao command: the collector may let the heap grow
// to three times the live data (gcPercent, unless GOGC is set), which saves
// time over Go's default of two, but never far past memoryLimit (unless
// GOMEMLIMIT is set), which keeps a country-sized rollup (33,600 files)
// under 500 MiB even while the workbook is built. While a rollup reads and
// adds up, what it keeps is a small record per file, so unless either
// variable is set the collector works to a fixed budget instead,
// readBudget, or twice the live data when that is more (Pace): memory stays
// flat however many files there are.
const (
	memoryLimit = 400 << 20
	gcPercent   = 200
	readBudget  = 64 << 20
)

// gcTuned and limitTuned say whether the program sets the collector's
// proportion and limit, that is whether the user left GOGC and GOMEMLIMIT
// unset.
var (
	gcTuned    = os.Getenv("GOGC") == ""
	limitTuned = os.Getenv("GOMEMLIMIT") == ""
)

// Reading has the collector work to readBudget while a run reads and adds
// up (Pace), unless the user set GOGC or GOMEMLIMIT; the returned function
// ends that and goes back to Proportional.
func Reading() (stop func()) {
	if !gcTuned || !limitTuned {
		return func() {}
	}
	end := Pace(readBudget, memoryLimit, 100)
	return func() {
		end()
		Proportional()
	}
}

// Proportional lets the heap grow to gcPercent over the live data, but not
// far past memoryLimit, each unless the user set GOGC or GOMEMLIMIT.
func Proportional() {
	if limitTuned {
		debug.SetMemoryLimit(memoryLimit)
	}
	if gcTuned {
		debug.SetGCPercent(gcPercent)
	}
}
