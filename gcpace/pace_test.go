package gcpace

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestLimit(t *testing.T) {
	const MiB = 1 << 20
	for _, c := range []struct {
		name                 string
		live, floor, ceiling int64
		percent              int
		want                 int64
	}{
		{"small live data: the fixed floor", 10 * MiB, 64 * MiB, 400 * MiB, 100, 64 * MiB},
		{"large live data: proportional", 50 * MiB, 64 * MiB, 400 * MiB, 100, 100 * MiB},
		{"other percent", 50 * MiB, 64 * MiB, 400 * MiB, 200, 150 * MiB},
		{"never past the ceiling", 300 * MiB, 64 * MiB, 400 * MiB, 100, 400 * MiB},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := limit(c.live, c.floor, c.ceiling, c.percent); got != c.want {
				t.Errorf("limit = %d MiB, want %d MiB", got>>20, c.want>>20)
			}
		})
	}
}

// Pace turns the proportional collector off, revises the limit after
// collections as the live heap grows, and stop leaves the given settings.
func TestPace(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const floor, ceiling = 1 << 20, 1 << 40
	stop := Pace(floor, ceiling, 100)
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent while pacing = %d, want -1 (off)", got)
	}
	live := make([][]byte, 64)
	for i := range live {
		live[i] = make([]byte, 1<<20) // 64 MiB live: the limit must follow it
	}
	raised := false
	for range 100 {
		runtime.GC()
		runtime.Gosched()
		if debug.SetMemoryLimit(-1) >= 128<<20 {
			raised = true
			break
		}
	}
	runtime.KeepAlive(live)
	if !raised {
		t.Errorf("limit stayed at %d MiB with 64 MiB live", debug.SetMemoryLimit(-1)>>20)
	}
	live = nil
	lowered := false
	for range 100 {
		runtime.GC()
		runtime.Gosched()
		if debug.SetMemoryLimit(-1) < 64<<20 {
			lowered = true
			break
		}
	}
	if !lowered {
		t.Errorf("limit stayed at %d MiB once the live data was freed", debug.SetMemoryLimit(-1)>>20)
	}
	stop()
	for range 3 { // a collection after stop leaves the limit alone
		runtime.GC()
		runtime.Gosched()
	}
	if got := debug.SetMemoryLimit(-1); got != ceiling {
		t.Errorf("limit after stop = %d, want %d", got, int64(ceiling))
	}
	if got := debug.SetGCPercent(200); got != 100 {
		t.Errorf("GC percent after stop = %d, want 100", got)
	}
}

// Reading paces only when neither GOGC nor GOMEMLIMIT is set, and its stop
// leaves the proportional settings; Proportional leaves alone what the user
// set.
func TestReadingAndProportional(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer func(g, l bool) { gcTuned, limitTuned = g, l }(gcTuned, limitTuned)

	gcTuned, limitTuned = true, true
	stop := Reading()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent while reading = %d, want -1 (paced)", got)
	}
	if got := debug.SetMemoryLimit(-1); got < readBudget || got > memoryLimit {
		t.Errorf("limit while reading = %d MiB, want %d..%d MiB", got>>20, readBudget>>20, memoryLimit>>20)
	}
	stop()
	if got := debug.SetGCPercent(-1); got != gcPercent {
		t.Errorf("GC percent after reading = %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != memoryLimit {
		t.Errorf("limit after reading = %d, want %d", got, memoryLimit)
	}

	for _, c := range []struct {
		name                string
		gcTuned, limitTuned bool
	}{{"GOGC set", false, true}, {"GOMEMLIMIT set", true, false}} {
		t.Run(c.name, func(t *testing.T) {
			gcTuned, limitTuned = c.gcTuned, c.limitTuned
			debug.SetGCPercent(150)
			debug.SetMemoryLimit(1 << 40)
			stop := Reading()
			stop()
			wantPercent, wantLimit := 150, int64(1<<40)
			if gcTuned {
				wantPercent = gcPercent
			}
			if limitTuned {
				wantLimit = memoryLimit
			}
			if got := debug.SetGCPercent(wantPercent); got != 150 {
				t.Errorf("GC percent while reading = %d, want 150 (not paced)", got)
			}
			Proportional()
			if got := debug.SetGCPercent(-1); got != wantPercent {
				t.Errorf("GC percent after Proportional = %d, want %d", got, wantPercent)
			}
			if got := debug.SetMemoryLimit(-1); got != wantLimit {
				t.Errorf("limit after Proportional = %d, want %d", got, wantLimit)
			}
		})
	}
}
