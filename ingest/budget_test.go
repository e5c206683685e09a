package ingest

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestPaceLimit(t *testing.T) {
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
			if got := paceLimit(c.live, c.floor, c.ceiling, c.percent); got != c.want {
				t.Errorf("paceLimit = %d MiB, want %d MiB", got>>20, c.want>>20)
			}
		})
	}
}

// PaceGC turns the proportional collector off, revises the limit after
// collections as the live heap grows, and stop leaves the given settings.
func TestPaceGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const floor, ceiling = 1 << 20, 1 << 40
	stop := PaceGC(floor, ceiling, 100)
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
