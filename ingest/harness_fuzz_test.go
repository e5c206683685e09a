package ingest_test

import (
	"fmt"
	"os"
	"path/filepath"
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

// FuzzFolder holds the concurrent reading of a whole folder to the same
// rule: a folder of generated workbooks, each with random damage, read by
// several workers sharing one memory budget, gives every sheet its true
// figures or refuses it, and allocates no more than fuzzMemory a file.
//
//	go test ./ingest -run '^$' -fuzz '^FuzzFolder$' -fuzztime 2m
func FuzzFolder(f *testing.F) {
	f.Add(uint64(3), uint32(900), byte(0x11), uint8(6))
	f.Add(uint64(77), uint32(0), byte(0), uint8(12))
	cfg := templates.Default()
	r := ingest.NewReader(cfg)
	f.Fuzz(func(t *testing.T, seed uint64, at uint32, x byte, n uint8) {
		dir := t.TempDir()
		count := int(n%12) + 1
		cases := make([]tablegen.Case, count)
		names := make([]string, count)
		for k := range count {
			cases[k] = tablegen.Generate((seed + uint64(k)*7919) % 100000)
			data, err := tablegen.WriteXLSX(cases[k])
			if err != nil {
				t.Skip(err)
			}
			if x != 0 && len(data) > 0 && k%2 == 0 {
				data[(int(at)+k*131)%len(data)] ^= x
			}
			names[k] = fmt.Sprintf("%d/%s", k, cases[k].Name())
			p := filepath.Join(dir, filepath.FromSlash(names[k]))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		subs := r.ReadFiles(names, func(name string) string { return ingest.Locate(dir, name) }, 4)
		runtime.ReadMemStats(&after)
		if used := after.TotalAlloc - before.TotalAlloc; used > uint64(count)*fuzzMemory {
			t.Fatalf("seed %d: reading %d files allocated %d MiB", seed, count, used>>20)
		}
		for k, sub := range subs {
			if o, why := judgeSubmission(&cases[k], sub, cfg); o == tablegen.Wrong {
				t.Fatalf("seed %d, file %s: read wrong: %s", seed, names[k], why)
			}
		}
	})
}
