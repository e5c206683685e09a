// Command rollupjson times the rollup without the PDF and Excel renderers:
// ingest (a bounded pool of workers, each sheet counted into a tally as
// jianbao rollup does), aggregate and summary.json, with the
// time of each stage on standard error. -workers 1 gives the one-worker run
// whose summary.json a parallel run must equal byte for byte.
//
//	go run ./bench/rollupjson -config DIR/config.yaml -out /tmp/out DIR
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"jianbao/aggregate"
	"jianbao/gcpace"
	"jianbao/ingest"
	"jianbao/render"
	"jianbao/templates"
)

func main() {
	config := flag.String("config", "", "config.yaml (default: the built-in configuration)")
	out := flag.String("out", "out-json", "folder for summary.json")
	workers := flag.Int("workers", 0, "ingest workers (0: one per CPU)")
	at := flag.String("generated-at", "2018-11-05T09:00:00+08:00", "timestamp written into summary.json")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	memprofile := flag.String("memprofile", "", "write a heap profile taken after ingest (what the read sheets keep) to this file")
	flag.Parse()

	if flag.NArg() != 1 {
		log.Fatal("usage: rollupjson [-config FILE] [-out DIR] [-workers N] DIR")
	}
	instant, err := time.Parse(time.RFC3339, *at)
	if err != nil {
		log.Fatal(err)
	}
	cfg, err := templates.Load(*config)
	if err != nil {
		log.Fatal(err)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	t0 := time.Now()
	rd := ingest.NewReader(cfg)
	rd.Lean = true // as jianbao rollup does
	if os.Getenv("GOMEMLIMIT") == "" && os.Getenv("GOGC") == "" {
		// as jianbao rollup does while it reads and adds up (it writes the
		// PDF and the workbook with the proportional collector)
		gcpace.Pace(64<<20, 400<<20, 100)
	}
	tally, err := aggregate.ReadDir(cfg, rd, flag.Arg(0), *workers)
	if err != nil {
		log.Fatal(err)
	}
	t1 := time.Now()
	if *memprofile != "" {
		writeHeapProfile(*memprofile)
	}
	rep, err := tally.Report(tally.Latest(), instant)
	if err != nil {
		log.Fatal(err)
	}
	t2 := time.Now()
	if err := render.WriteAll(*out, rep, render.JSON{}); err != nil {
		log.Fatal(err)
	}
	t3 := time.Now()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stderr, "files %d  ingest %.3fs  aggregate %.3fs  summary.json %.3fs  heap-sys %d MiB\n",
		tally.Files(), t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), t3.Sub(t2).Seconds(), ms.HeapSys>>20)
}

// writeHeapProfile collects garbage and writes the live heap to path, with
// the live bytes on standard error.
func writeHeapProfile(path string) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stderr, "live heap after ingest %.1f MiB\n", float64(ms.HeapAlloc)/(1<<20))
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		log.Fatal(err)
	}
}
