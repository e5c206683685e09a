package rollup

import (
	"slices"
	"time"

	"jianbao/aggregate"
	"jianbao/ingest"
	"jianbao/problem"
	"jianbao/render"
	"jianbao/templates"
)

// Names are the outputs a rollup writes, in the order they are written.
var Names = []string{"briefing.pdf", "briefing.xlsx", "summary.json"}

// Options say how to roll up a folder.
type Options struct {
	Config    *templates.Config // units, metrics, checks and the masthead, with its issue number
	Narrative string            // the briefing's text template (templates.Briefing)
	Period    ingest.Period     // the month; zero for the latest month any sheet names
	At        time.Time         // the briefing's date and the files' time stamps
	Version   string            // the program's version, named in the workbook
	Password  string            // opens encrypted workbooks
	Workers   int               // files read at once; 0 for one per processor
	// Progress, when set, is called as files are read with how many of
	// how many are done.
	Progress func(done, total int)
}

// Read reads every submission under dir into a tally; a folder with no
// sheet in it is ErrNoSubmissions.
func Read(dir string, o Options) (*aggregate.Tally, error) {
	rd := ingest.NewReader(o.Config)
	rd.Password, rd.Lean = o.Password, true
	rd.Progress = o.Progress
	tally, err := aggregate.ReadDir(o.Config, rd, dir, o.Workers)
	if err != nil {
		return nil, err
	}
	if tally.Sheets() == 0 {
		return nil, &problem.Error{File: dir, Err: ErrNoSubmissions}
	}
	return tally, nil
}

// Report makes the report of the month o names (the latest month of the
// tally when none) as of o.At.
func Report(t *aggregate.Tally, o Options) (*aggregate.Report, error) {
	period := o.Period
	if period.IsZero() {
		period = t.Latest()
	}
	rep, err := t.Report(period, o.At)
	if err != nil {
		return nil, err
	}
	rep.Version = o.Version
	return rep, nil
}

// Check refuses a report whose month has no accepted sheet, as problem p
// (ErrNoAccepted, or the command's own with its advice) placed at the
// folder dir, naming the months that have one. Call it after Report.
func Check(dir string, t *aggregate.Tally, rep *aggregate.Report, p *problem.Problem) error {
	if months := t.Months(); !slices.Contains(months, rep.Period) {
		return &problem.Error{File: dir, Err: noAcceptedSheet(p, rep.Period, months)}
	}
	return nil
}

// Renderers are the writers of the three outputs, in the order of Names.
func Renderers(narrative string) []render.Renderer {
	return []render.Renderer{render.PDF{Narrative: narrative}, render.XLSX{}, render.JSON{}}
}

// Write writes the outputs of rs (Renderers, maybe wrapped) into the
// folder out, all of them or none (render.WriteAll).
func Write(out string, rep *aggregate.Report, rs []render.Renderer) error {
	return render.WriteAll(out, rep, rs...)
}

// Run rolls up the folder dir into the folder out: Read, Report, Check and
// Write, as the command does without its messages between them.
func Run(dir, out string, o Options) (*aggregate.Report, error) {
	t, err := Read(dir, o)
	if err != nil {
		return nil, err
	}
	rep, err := Report(t, o)
	if err != nil {
		return nil, err
	}
	if err := Check(dir, t, rep, ErrNoAccepted); err != nil {
		return nil, err
	}
	return rep, Write(out, rep, Renderers(o.Narrative))
}
