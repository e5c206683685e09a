// Command plot draws how time and peak memory grow with the number of files
// from the TSV rows bench/compare.sh appends (files, what, wall_s, cpu_s,
// rss_kib), on log-log axes.
//
//	go run ./bench/plot -o bench/scaling.png results.tsv
package main

import (
	"bufio"
	"flag"
	"image/color"
	"log"
	"os"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

type point struct{ files, wall, rss float64 }

var colors = map[string]color.RGBA{
	"rollup": {200, 30, 30, 255}, "json": {230, 120, 20, 255}, "ingest": {150, 90, 20, 255},
	"pandas": {30, 80, 200, 255}, "unzip": {90, 90, 90, 255}, "inflate": {30, 150, 60, 255},
	"live": {160, 60, 160, 255},
}

func main() {
	out := flag.String("o", "bench/scaling.png", "PNG to write")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: plot [-o FILE.png] RESULTS.tsv")
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	series := map[string][]point{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) != 5 {
			continue
		}
		n, _ := strconv.ParseFloat(fs[0], 64)
		w, _ := strconv.ParseFloat(fs[2], 64)
		m, _ := strconv.ParseFloat(fs[4], 64)
		if n <= 0 {
			log.Fatalf("%s: a row with %q files", flag.Arg(0), fs[0])
		}
		series[fs[1]] = append(series[fs[1]], point{n, w, m / 1024})
	}
	f.Close()
	if len(series) == 0 {
		log.Fatalf("%s: no rows", flag.Arg(0))
	}
	names := make([]string, 0, len(series))
	for k := range series {
		names = append(names, k)
	}
	sort.Strings(names)

	timeP := newPlot("Wall time vs files (2 cores)", "files", "seconds")
	memP := newPlot("Peak RSS (live: heap kept after ingest) vs files", "files", "MiB")
	for _, name := range names {
		pts := series[name]
		sort.Slice(pts, func(i, j int) bool { return pts[i].files < pts[j].files })
		var tx, mx plotter.XYs
		for _, p := range pts {
			if p.wall > 0 { // rows with no time (the live heap) go on the memory plot only
				tx = append(tx, plotter.XY{X: p.files, Y: max(p.wall, 0.01)})
			}
			mx = append(mx, plotter.XY{X: p.files, Y: max(p.rss, 1)})
		}
		if len(tx) > 0 {
			addLine(timeP, name, tx)
		}
		addLine(memP, name, mx)
	}
	img := vgimg.New(vg.Points(1100), vg.Points(420))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Points(12), PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(6)}
	canvases := plot.Align([][]*plot.Plot{{timeP, memP}}, tiles, dc)
	timeP.Draw(canvases[0][0])
	memP.Draw(canvases[0][1])
	w, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(w); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text, p.Y.Label.Text = x, y
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	return p
}

func addLine(p *plot.Plot, name string, xy plotter.XYs) {
	l, s, err := plotter.NewLinePoints(xy)
	if err != nil {
		log.Fatal(err)
	}
	c := colors[name]
	l.Color, s.Color = c, c
	l.Width = vg.Points(1.5)
	s.Shape = draw.CircleGlyph{}
	p.Add(l, s)
	p.Legend.Add(name, l, s)
}
