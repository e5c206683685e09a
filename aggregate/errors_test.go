package aggregate

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/internal/testkit"
	"jianbao/problem"
	"jianbao/templates"
)

// The codes of the package's problems are a contract with programs.
func TestProblemCodes(t *testing.T) {
	for _, c := range []struct {
		p    *problem.Problem
		code string
	}{
		{ErrOtherConfiguration, "OTHER_CONFIGURATION"},
		{ErrNoPeriod, "NO_PERIOD"},
		{ErrChanged, "FILE_CHANGED"},
		{ErrFolder, "UNREADABLE_FOLDER"},
	} {
		if c.p.Code != c.code {
			t.Errorf("%s: code %s, want %s", c.p.Text, c.p.Code, c.code)
		}
		if c.p.Text == "" || c.p.Fix == "" {
			t.Errorf("%s: no text or no advice", c.code)
		}
		testkit.NoLatin(t, c.code, c.p.Text+"。"+c.p.Fix)
	}
}

// What a rollup's errors say is the place (a file or folder) and then
// Chinese only; the code comes as data.
func TestErrorMessages(t *testing.T) {
	cfg := templates.Default()
	s := sub("10/qingxiu.xlsx", "青秀区", 10, 3, 3)
	s.Areas = []ingest.AreaFigures{{Area: "脱贫攻坚", Counts: []int64{1, 2}}}
	_, other := buildReport(cfg, []*ingest.Submission{s}, ingest.Period{Year: 2018, Month: 10}, time.Unix(0, 0))
	_, noPeriod := buildReport(cfg, nil, ingest.Period{}, time.Time{})
	missing := filepath.Join(t.TempDir(), "none")
	_, folder := ReadDir(cfg, ingest.NewReader(cfg), missing, 1)
	for _, c := range []struct {
		err         error
		code, place string
	}{
		{other, "OTHER_CONFIGURATION", "10/qingxiu.xlsx"},
		{noPeriod, "NO_PERIOD", ""},
		{folder, "UNREADABLE_FOLDER", missing},
	} {
		if problem.Code(c.err) != c.code {
			t.Errorf("%v: code %s, want %s", c.err, problem.Code(c.err), c.code)
			continue
		}
		msg := c.err.Error()
		if c.place != "" {
			if !strings.HasPrefix(msg, c.place+"：") {
				t.Errorf("%q does not start with %s", msg, c.place)
			}
			msg = strings.TrimPrefix(msg, c.place)
		}
		testkit.NoLatin(t, c.code, msg)
	}
	if !errors.Is(folder, fs.ErrNotExist) || !strings.HasSuffix(folder.Error(), "：文件或文件夹不存在") {
		t.Errorf("folder error %q: the cause is lost", folder)
	}
}
