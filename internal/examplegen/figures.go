package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"

	"jianbao/templates"
)

// The metric ids of the example's configuration the generator draws figures
// for; every metric of the configuration must be one of them.
const (
	idInspected  = "firms_inspected"
	idFound      = "hazards_found"
	idFixed      = "hazards_fixed"
	idFines      = "fines"
	idAccidents  = "accidents"
	idRegistered = "registered_firms"
)

// figures holds the true figures: v[u][m][a][k] is unit u's figure of
// metric k (in the configuration's order) for work area a in month m+1,
// an amount scaled by 10^decimals (fines in hundredths of 万元).
type figures struct {
	v [][][][]int64
}

// month is unit u's total of month m (1-based) for each metric.
func (f *figures) month(u, m int) []int64 {
	rows := f.v[u][m-1]
	out := make([]int64, len(rows[0]))
	for _, row := range rows {
		for k, x := range row {
			out[k] += x
		}
	}
	return out
}

// yearToDate is unit u's figure for January..m: the sum of the months for a
// flow, the month m's figure for a stock.
func (f *figures) yearToDate(cfg *templates.Config, u, m int) []int64 {
	out := make([]int64, len(cfg.Metrics))
	for i := 1; i <= m; i++ {
		for k, x := range f.month(u, i) {
			if cfg.Metrics[k].Stock() {
				out[k] = x
			} else {
				out[k] += x
			}
		}
	}
	return out
}

// newFigures draws the figures: each unit has a size and its own pace of
// fixing hazards, each area a weight; fines are in hundredths of 万元 and
// the registered firms change by a few from month to month.
func newFigures(cfg *templates.Config, seed uint64) (*figures, error) {
	idx := map[string]int{}
	for k, m := range cfg.Metrics {
		idx[m.ID] = k
	}
	for _, id := range []string{idInspected, idFound, idFixed, idFines, idAccidents, idRegistered} {
		if _, ok := idx[id]; !ok {
			return nil, fmt.Errorf("the configuration has no metric %s", id)
		}
	}
	if len(idx) != 6 {
		return nil, fmt.Errorf("the configuration has %d metrics, the generator draws 6", len(idx))
	}
	if fm, _ := cfg.MetricByID(idFines); fm.Places() != 2 {
		return nil, fmt.Errorf("%s must have 2 decimals", idFines)
	}
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	nA, nK := len(cfg.Areas), len(cfg.Metrics)
	f := &figures{v: make([][][][]int64, len(cfg.Units))}
	for u := range cfg.Units {
		size := 0.6 + r.Float64()
		pace := 0.80 + 0.19*r.Float64()
		stock := make([]int64, nA)
		for a := range stock {
			stock[a] = int64((15 + r.Float64()*260) * size)
		}
		f.v[u] = make([][][]int64, nMonths)
		for m := range nMonths {
			f.v[u][m] = make([][]int64, nA)
			for a := range nA {
				row := make([]int64, nK)
				insp := int64((8 + r.Float64()*70) * size)
				found := int64(float64(insp) * (0.3 + 0.9*r.Float64()))
				fixed := int64(float64(found) * (pace + (1-pace)*r.Float64()*0.8))
				var fines int64
				if r.IntN(10) < 6 {
					fines = int64(r.IntN(1500)) + 5
				}
				var acc int64
				if r.IntN(12) == 0 {
					acc = 1 + int64(r.IntN(2))
				}
				if m > 0 {
					stock[a] += int64(r.IntN(9)) - 3
					if stock[a] < 0 {
						stock[a] = 0
					}
				}
				row[idx[idInspected]] = insp
				row[idx[idFound]] = found
				row[idx[idFixed]] = fixed
				row[idx[idFines]] = fines
				row[idx[idAccidents]] = acc
				row[idx[idRegistered]] = stock[a]
				f.v[u][m][a] = row
			}
		}
	}
	return f, nil
}

// cityUnit names the whole city's rows in oracle.csv.
const cityUnit = "全市"

// oracle writes the true figures: period, unit (or 全市), metric id, the
// month's figure and the year to date's, as the summary writes them
// (an amount with its decimals).
func oracle(cfg *templates.Config, f *figures) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"period", "unit", "metric", "month", "year_to_date"})
	for m := 1; m <= nMonths; m++ {
		period := fmt.Sprintf("%d-%02d", year, m)
		city, cityYTD := make([]int64, len(cfg.Metrics)), make([]int64, len(cfg.Metrics))
		for u, unit := range cfg.Units {
			mo, ytd := f.month(u, m), f.yearToDate(cfg, u, m)
			for k, met := range cfg.Metrics {
				city[k] += mo[k]
				cityYTD[k] += ytd[k]
				_ = w.Write([]string{period, unit.Name, met.ID, met.Text(mo[k]), met.Text(ytd[k])})
			}
		}
		for k, met := range cfg.Metrics {
			_ = w.Write([]string{period, cityUnit, met.ID, met.Text(city[k]), met.Text(cityYTD[k])})
		}
	}
	w.Flush()
	return b.Bytes()
}
