package render

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"jianbao/aggregate"
	"jianbao/problem"
	"jianbao/templates"
)

// JSON writes summary.json, the machine-readable rollup. Its keys are a
// contract: keys may be added, never renamed or removed.
type JSON struct{}

// Name returns "summary.json".
func (JSON) Name() string { return "summary.json" }

// Render writes the summary of r as indented UTF-8 JSON. The lists of
// sources and findings, one entry per sheet or problem, are written entry
// by entry, so that memory does not grow with the size of the file.
func (JSON) Render(w io.Writer, r *aggregate.Report) error {
	if r == nil || r.Config == nil {
		return fmt.Errorf("%w：没有报告或配置", ErrSummary)
	}
	ids := jsonMetrics(r.Config.Metrics)
	jw := newJSONWriter(w)
	jw.field("period", r.Period.String())
	month := append(totals(r, r.Month), jsonKV{"coverage", r.MonthCoverage()})
	month = month.opt("compared_with_last_month", comparison(ids, r.MonthOnMonth()))
	month = month.opt("compared_with_last_year", comparison(ids, r.MonthOnLastYear()))
	jw.field("month", month)
	ytd := append(jsonObj{{"from", r.From.String()}, {"to", r.Period.String()}}, totals(r, r.YearToDate)...)
	ytd = append(ytd, jsonKV{"coverage", r.YTDCoverage()}).opt("compared_with_last_year", comparison(ids, r.YearOnYear()))
	jw.field("year_to_date", ytd)
	jw.field("units", units(r, r.Units))
	if r.Config.OpenAreas() {
		jw.field("areas", areas(r))
	}
	jw.field("missing", nonNil(r.Missing))
	jw.field("excluded", excluded(r.Excluded))
	jw.field("unread", append([]aggregate.UnreadFile{}, r.Unread...))
	jw.field("skipped_files", r.Skipped)
	jw.field("superseded", superseded(ids, r.Superseded))
	writeEach(jw, "sources", r.Sources.Len(), func(i int) any { return source(ids, r.Sources.At(i)) })
	writeList(jw, "findings", r.Findings, func(f aggregate.Finding) any { return jsonFinding(f) })
	jw.field("generated_at", stamp(r.GeneratedAt))
	jw.field("config_sha256", r.Config.Hash)
	if err := jw.close(); err != nil {
		return problem.Wrap(ErrSummary, err)
	}
	return nil
}

// The month and the year to date are objects of: their totals, each
// derived figure under its id (a rate as a fraction rounded as displayed,
// or null; a difference as a count), how many units or sheets they are
// of, and the comparisons with last month and last year, like for like
// (absent when no unit can be compared). Derived figures are keyed by
// their configured ids, so that the shipped configuration keeps the keys
// rectification_rate and unrectified; a configuration without derived
// figures has none of these keys.

// jsonComparison is a comparison over the units with figures in both
// periods: their totals now and then.
type jsonComparison struct {
	Units    []string               `json:"units"`
	AllUnits bool                   `json:"all_units"`
	Current  map[string]json.Number `json:"current"`
	Earlier  map[string]json.Number `json:"earlier"`
}

func comparison(ids jsonMetrics, c aggregate.Comparison) *jsonComparison {
	if !c.Valid() {
		return nil
	}
	return &jsonComparison{Units: c.Units, AllUnits: c.Complete(), Current: figures(ids, c.Now), Earlier: figures(ids, c.Then)}
}

type jsonExcluded struct {
	File    string   `json:"file"`
	Unit    string   `json:"unit"`
	Period  string   `json:"period"`
	Reasons []string `json:"reasons"`
	Codes   []string `json:"codes"`
}

// jsonSuperseded is a sheet corrected by a later one: which, why, each
// figure that changed with its cells, and the unit's month figures
// before and after.
type jsonSuperseded struct {
	File         string            `json:"file"`
	Unit         string            `json:"unit"`
	Period       string            `json:"period"`
	Sheet        string            `json:"sheet"`
	SupersededBy string            `json:"superseded_by"`
	BySheet      string            `json:"superseded_by_sheet"`
	Reason       string            `json:"reason"`
	Changes      []jsonCellChange  `json:"changes"`
	Totals       []jsonTotalChange `json:"totals"`
}

type jsonCellChange struct {
	Metric  string      `json:"metric"`
	Area    string      `json:"area"`
	OldCell string      `json:"old_cell"`
	Cell    string      `json:"cell"`
	Old     json.Number `json:"old"`
	New     json.Number `json:"new"`
}

type jsonTotalChange struct {
	Metric string      `json:"metric"`
	Old    json.Number `json:"old"`
	New    json.Number `json:"new"`
}

func superseded(ids jsonMetrics, xs []aggregate.SupersededSheet) []jsonSuperseded {
	out := make([]jsonSuperseded, 0, len(xs))
	for _, x := range xs {
		j := jsonSuperseded{File: x.File, Unit: x.Unit, Period: x.Period.String(), Sheet: x.OldSheet,
			SupersededBy: x.By, BySheet: x.Sheet, Reason: x.Reason,
			Changes: make([]jsonCellChange, 0, len(x.Changes)), Totals: make([]jsonTotalChange, 0, len(x.Totals))}
		for _, c := range x.Changes {
			j.Changes = append(j.Changes, jsonCellChange{Metric: c.Metric, Area: c.Area, OldCell: c.OldCell, Cell: c.Cell, Old: ids.number(c.Metric, c.Old), New: ids.number(c.Metric, c.New)})
		}
		for _, c := range x.Totals {
			j.Totals = append(j.Totals, jsonTotalChange{Metric: c.Metric, Old: ids.number(c.Metric, c.Old), New: ids.number(c.Metric, c.New)})
		}
		out = append(out, j)
	}
	return out
}

type jsonSource struct {
	File    string                 `json:"file"`
	SHA256  string                 `json:"sha256"`
	Unit    string                 `json:"unit"`
	Period  string                 `json:"period"`
	Sheet   string                 `json:"sheet"`
	Cells   map[string]string      `json:"cells"`
	Figures map[string]json.Number `json:"figures"`
}

type jsonFinding struct {
	Unit     string `json:"unit"`
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Value    string `json:"value"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

// stamp formats t as RFC 3339, "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// totals are the figures f and each derived figure of them, by id.
func totals(r *aggregate.Report, f aggregate.Figures) jsonObj {
	o := jsonObj{{"totals", figures(jsonMetrics(r.Config.Metrics), f)}}
	for _, d := range r.Config.Derived {
		if d.IsRate() {
			o = append(o, jsonKV{d.ID, rateValue(aggregate.Rate{Num: f[d.Left], Den: f[d.Right]}, d.Decimals)})
		} else {
			o = append(o, jsonKV{d.ID, jsonMetrics(r.Config.Metrics).number(d.Left, aggregate.Difference(d, f))})
		}
	}
	return o
}

// areas lists the work areas with their figures, as the workbook's 分类别
// does: written when row labels are open (area_labels: open), where the
// areas are the labels the sheets hold; a configuration of closed labels
// has no such key.
func areas(r *aggregate.Report) []jsonObj {
	ids := jsonMetrics(r.Config.Metrics)
	out := make([]jsonObj, 0, len(r.Areas))
	for _, a := range r.Areas {
		out = append(out, jsonObj{{"area", a.Area}, {"configured", a.Configured},
			{"month", figures(ids, a.Month)}, {"year_to_date", figures(ids, a.YearToDate)}})
	}
	return out
}

// figures gives every configured metric a value, 0 when absent.
func figures(ids jsonMetrics, f aggregate.Figures) map[string]json.Number {
	m := make(map[string]json.Number, len(ids))
	for _, mt := range ids {
		m[mt.ID] = json.Number(mt.Text(f[mt.ID]))
	}
	return m
}

// jsonMetrics are the configured metrics, whose figures summary.json
// writes as numbers: a count as digits, an amount (number: amount) exactly
// with its decimal places (87686.60), never through a float.
type jsonMetrics []templates.Metric

// number writes v of the metric id.
func (ms jsonMetrics) number(id string, v int64) json.Number {
	for _, m := range ms {
		if m.ID == id {
			return json.Number(m.Text(v))
		}
	}
	return json.Number(templates.DecimalText(v, 0))
}

// rateValue is the rate as a fraction rounded as displayed with decimals
// decimals of a percent (99.1% → 0.991), or nil when there is nothing to
// divide by.
func rateValue(r aggregate.Rate, decimals int) *float64 {
	if !r.Valid() {
		return nil
	}
	div := 100.0
	for range decimals {
		div *= 10
	}
	v := float64(r.Scaled(decimals)) / div
	return &v
}

// units are the units' figures; each derived rate as month_<id> and
// year_to_date_<id>, and the rank (null when unranked) when a derived
// figure asks for one.
func units(r *aggregate.Report, rows []aggregate.UnitRow) []jsonObj {
	ids := jsonMetrics(r.Config.Metrics)
	_, ranked := r.Config.Ranked()
	out := make([]jsonObj, 0, len(rows))
	for _, u := range rows {
		o := jsonObj{{"name", u.Name}, {"kind", u.Kind}, {"status", string(u.Status)},
			{"month", figures(ids, u.Month)}, {"year_to_date", figures(ids, u.YearToDate)}}
		for _, d := range r.Config.Derived {
			if d.IsRate() {
				o = append(o, jsonKV{"month_" + d.ID, rateValue(aggregate.Rate{Num: u.Month[d.Left], Den: u.Month[d.Right]}, d.Decimals)},
					jsonKV{"year_to_date_" + d.ID, rateValue(aggregate.Rate{Num: u.YearToDate[d.Left], Den: u.YearToDate[d.Right]}, d.Decimals)})
			}
		}
		if ranked {
			var rank *int
			if u.Rank > 0 {
				n := u.Rank
				rank = &n
			}
			o = append(o, jsonKV{"rank", rank})
		}
		months := make([]string, 0, len(u.Months))
		for _, p := range u.Months {
			months = append(months, p.String())
		}
		out = append(out, append(o, jsonKV{"months", months}))
	}
	return out
}

func excluded(xs []aggregate.ExcludedSheet) []jsonExcluded {
	out := make([]jsonExcluded, 0, len(xs))
	for _, x := range xs {
		out = append(out, jsonExcluded{File: x.File, Unit: x.Unit, Period: x.Period,
			Reasons: nonNil(x.Reasons), Codes: nonNil(x.Codes)})
	}
	return out
}

func source(ids jsonMetrics, s aggregate.Source) jsonSource {
	cells := s.Cells
	if cells == nil {
		cells = map[string]string{}
	}
	m := make(map[string]json.Number, len(ids))
	for j, mt := range ids {
		m[mt.ID] = json.Number(mt.Text(s.Counts[j]))
	}
	return jsonSource{File: s.File, SHA256: s.Hash(), Unit: s.Unit, Period: s.Period.String(),
		Sheet: s.Sheet, Cells: cells, Figures: m}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
