package ingest_test

import (
	"runtime"
	"testing"

	"jianbao/ingest"
	"jianbao/ingest/tablegen"
	"jianbao/templates"
)

// fuzzMemory bounds what reading one generated sheet, damaged or not, may
// allocate: such a sheet is a few kilobytes.
const fuzzMemory = 64 << 20

// FuzzLayouts holds the reader to its rule on generated sheets with random
// damage: a sheet of any layout, with bytes of its file changed, ends read
// with its true figures or refused, never read with other figures, and
// its reading allocates no more than fuzzMemory.
//
//	go test ./ingest -run '^$' -fuzz '^FuzzLayouts$' -fuzztime 2m
func FuzzLayouts(f *testing.F) {
	for _, s := range []uint64{1, 7, 42, 99, 500, 1234} {
		f.Add(s, uint32(0), byte(0), uint32(0), byte(0))
		f.Add(s, uint32(1500), byte(0x20), uint32(2000), byte(1))
	}
	cfg := templates.Default()
	r := ingest.NewReader(cfg)
	f.Fuzz(func(t *testing.T, seed uint64, at1 uint32, x1 byte, at2 uint32, x2 byte) {
		c := tablegen.Generate(seed % 100000)
		data, err := tablegen.WriteXLSX(c)
		if err != nil {
			t.Skip(err)
		}
		for _, d := range []struct {
			at uint32
			x  byte
		}{{at1, x1}, {at2, x2}} {
			if d.x != 0 && len(data) > 0 {
				data[int(d.at)%len(data)] ^= d.x
			}
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		sub := r.Read(c.Name(), data)
		runtime.ReadMemStats(&after)
		// What one read allocates bounds what it holds at any moment.
		if used := after.TotalAlloc - before.TotalAlloc; used > fuzzMemory {
			t.Fatalf("seed %d damaged at %d^%#x, %d^%#x: reading a %d-byte file allocated %d MiB", seed, at1, x1, at2, x2, len(data), used>>20)
		}
		if o, why := judgeSubmission(&c, sub, cfg); o == tablegen.Wrong {
			t.Fatalf("seed %d damaged at %d^%#x, %d^%#x: read wrong: %s", seed, at1, x1, at2, x2, why)
		}
	})
}
