package gcpace

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Pace sets how Go's collector paces itself while a run reads and adds
// up: the heap may grow to floor bytes before the collector runs, or to
// percent more than the live heap when that is more, but not past ceiling.
// What a rollup keeps is small (a row of an ingest.Records table per file), so in the usual
// case the collector works to the fixed floor and memory stays flat however
// many files there are; a very large sheet being read raises the budget with
// its live data as the proportional collector would. The pace is revised
// after every collection. Past the ceiling (live data over ceiling divided
// by 1+percent/100) the collector runs more and more often, as it would
// under GOMEMLIMIT. Pace replaces the collector's settings (GOGC,
// GOMEMLIMIT) for the whole program, and a limit set by anyone else while
// it paces is replaced at the next collection: pace once at a time. stop
// ends the pacing and leaves the collector at percent under ceiling.
func Pace(floor, ceiling int64, percent int) (stop func()) {
	var mu sync.Mutex // the check of stopped and the setting of the limit are one step
	stopped := false
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(floor)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var tick func(*gcTick)
	tick = func(t *gcTick) {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(limit(int64(sample[0].Value.Uint64()), floor, ceiling, percent))
		}
		runtime.SetFinalizer(t, tick) // again after the next collection
	}
	runtime.SetFinalizer(&gcTick{}, tick)
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		debug.SetMemoryLimit(ceiling)
		debug.SetGCPercent(percent)
	}
}

// gcTick is an object nobody holds, whose finalizer runs once per
// collection.
type gcTick struct{ _ [16]byte }

// limit is the heap a run may reach before the next collection: percent
// over the live heap, but at least floor and at most ceiling.
func limit(live, floor, ceiling int64, percent int) int64 {
	return min(max(live+live*int64(percent)/100, floor), ceiling)
}
