package desk

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"time"

	"jianbao/aggregate"
	"jianbao/ingest"
	"jianbao/problem"
	"jianbao/rollup"
)

// ErrNothingAccepted marks a month with no accepted version: there is
// nothing to make its briefing from.
var ErrNothingAccepted = &problem.Problem{Code: "DESK_NOTHING_ACCEPTED", Text: "还没有已确认的报表，未生成简报", Fix: "请先确认各单位报送的报表，再生成简报"}

// outputLabels are a briefing's outputs, the only files of its folder the
// desk serves, with what the office calls them.
var outputLabels = map[string]string{"briefing.pdf": "简报", "briefing.xlsx": "汇总表", "summary.json": "汇总数据"}

// afterStep, when set, is called after each step of making a briefing:
// "exported" (the sheets are in the work folder), "written" (the outputs
// are too), "placed" (the outputs' folder is in place, not yet listed).
// Tests stop there as a crash would.
var afterStep func(step string)

func step(name string) {
	if afterStep != nil {
		afterStep(name)
	}
}

// fingerprint names what, besides the versions, the time and the issue
// number, a briefing's bytes depend on: the configuration, the briefing's
// text and the program's version.
func (s *server) fingerprint() string {
	text := sha256.Sum256([]byte(s.narrative))
	sum := sha256.Sum256([]byte("config " + s.cfg.Hash + "\nbriefing " + hex.EncodeToString(text[:]) + "\nprogram " + s.version))
	return hex.EncodeToString(sum[:])
}

// produce exports the versions into a new work folder and rolls the
// export up for month p as of at, with issue number issue, as `jianbao
// rollup` does. It returns the work folder, the folder of the outputs
// inside it and the units the briefing lists as not reported; on error
// nothing is left.
func (s *server) produce(vs []*version, p ingest.Period, at time.Time, issue int) (work, out string, missing []string, err error) {
	work, err = s.st.tmpDir("briefing-")
	if err != nil {
		return "", "", nil, err
	}
	sheets, out := filepath.Join(work, "sheets"), filepath.Join(work, "out")
	err = s.st.writeExport(sheets, vs)
	if err == nil {
		step("exported")
		cfg := *s.cfg
		cfg.Report.Issue = issue
		var rep *aggregate.Report
		rep, err = rollup.Run(sheets, out, rollup.Options{Config: &cfg, Narrative: s.narrative, Period: p, At: at, Version: s.version})
		if err == nil {
			missing = rep.Missing
		}
	}
	if err != nil {
		_ = os.RemoveAll(work)
		return "", "", nil, err
	}
	step("written")
	return work, out, missing, nil
}

// hashOutputs reads the outputs in folder dir.
func hashOutputs(dir string) ([]output, error) {
	var out []output
	for _, n := range rollup.Names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		out = append(out, output{Name: n, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))})
	}
	return out, nil
}

// briefingTime is the moment of making a briefing, to the minute: the
// time the page shows is the whole of it, so that `jianbao rollup
// --generated-at 2018-11-05T10:00` given the time shown makes the same
// files, and a remake has the very same time.
func (s *server) briefingTime() time.Time {
	t := s.st.now().Unix()
	return time.Unix(t-t%60, 0)
}

// makeBriefing makes the briefing of month p from the accepted versions
// of January to p, as account by. Its outputs are written whole into a
// work folder, the folder is moved into place as briefings/<id>, and only
// then is the briefing listed with the versions it was made from: a
// briefing cut off at any point is either listed and whole or, once the
// store opens again, gone.
func (s *server) makeBriefing(p ingest.Period, issue int, by *account) (*briefing, error) {
	s.making.Lock()
	defer s.making.Unlock()
	vs, err := s.st.briefingSources(p)
	if err != nil {
		return nil, err
	}
	if len(ofMonth(vs, p)) == 0 {
		return nil, ErrNothingAccepted
	}
	b := &briefing{Period: p.String(), GeneratedAt: s.briefingTime(), Issue: issue,
		Fingerprint: s.fingerprint(), MadeBy: by.Login}
	for _, v := range vs {
		b.VersionIDs = append(b.VersionIDs, v.ID)
	}
	work, out, missing, err := s.produce(vs, p, b.GeneratedAt, b.Issue)
	if err != nil {
		return nil, err
	}
	b.Missing = missing
	if b.Outputs, err = hashOutputs(out); err != nil {
		err = storeErr(s.st.dir, err)
	}
	if err == nil {
		b.ID, err = s.st.nextBriefingID()
	}
	if err == nil {
		if err = s.place(out, b.ID); err != nil {
			err = storeErr(s.st.dir, err)
		}
	}
	if err != nil {
		_ = os.RemoveAll(work)
		return nil, err
	}
	step("placed")
	if err := s.st.addBriefing(b, by.ID); err != nil {
		_ = os.RemoveAll(s.st.briefingDir(b.ID))
		_ = os.RemoveAll(work)
		return nil, err
	}
	_ = os.RemoveAll(work)
	return b, nil
}

// place moves the whole outputs' folder out to be briefing id's folder.
// A folder already there is not listed (ids are given in order, one
// briefing at a time), so it is a left-over and goes.
func (s *server) place(out string, id int64) error {
	dst := s.st.briefingDir(id)
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	syncDir(out)
	if err := os.Rename(out, dst); err != nil {
		return err
	}
	syncDir(filepath.Dir(dst))
	return nil
}

// syncDir asks that a folder's entries be on disk, where the system
// allows it.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		_ = f.Close()
	}
}

// remade is what making a briefing again gave.
type remade struct {
	Briefing      *briefing
	Files         []remadeFile
	Same          bool // every file is byte for byte the one kept
	ConfigChanged bool // the configuration, the briefing's text or the program differ from the briefing's
}

type remadeFile struct {
	Name, Label string
	Same        bool // the remade file has the kept file's SHA-256
	KeptIntact  bool // the kept file still has the SHA-256 recorded
}

// remake makes briefing b again from the versions, time and issue number
// it recorded, in a work folder, and compares each file with the one kept.
// Nothing kept changes.
func (s *server) remake(b *briefing) (*remade, error) {
	s.making.Lock()
	defer s.making.Unlock()
	vs, err := s.st.briefingVersions(b.ID)
	if err != nil {
		return nil, err
	}
	if len(vs) != len(b.VersionIDs) {
		return nil, storeErr(s.st.dir, errors.New("a briefing's versions are missing"))
	}
	p, ok := ingest.ParsePeriod(b.Period)
	if !ok {
		return nil, storeErr(s.st.dir, errors.New("a briefing's month is not a month"))
	}
	work, out, _, err := s.produce(vs, p, b.GeneratedAt, b.Issue)
	if err != nil {
		return nil, err
	}
	got, err := hashOutputs(out)
	_ = os.RemoveAll(work)
	if err != nil {
		return nil, storeErr(s.st.dir, err)
	}
	kept, _ := hashOutputs(s.st.briefingDir(b.ID)) // a kept file missing counts as changed
	r := &remade{Briefing: b, Same: true, ConfigChanged: s.fingerprint() != b.Fingerprint}
	for i, o := range b.Outputs {
		f := remadeFile{Name: o.Name, Label: outputLabels[o.Name]}
		f.Same = i < len(got) && got[i].Name == o.Name && got[i].SHA256 == o.SHA256
		f.KeptIntact = i < len(kept) && kept[i].SHA256 == o.SHA256
		r.Same = r.Same && f.Same
		r.Files = append(r.Files, f)
	}
	if len(b.Outputs) != len(got) {
		r.Same = false
	}
	return r, nil
}
