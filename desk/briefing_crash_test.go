package desk

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jianbao/ingest"
)

// crash stands for the program stopping at a step of making a briefing.
type crash struct{}

// makeUntil makes a briefing of 2018-10 and stops it, as a crash would,
// right after step: nothing of the maker runs after that.
func (d *testDesk) makeUntil(step string) {
	d.t.Helper()
	afterStep = func(s string) {
		if s == step {
			panic(crash{})
		}
	}
	defer func() {
		afterStep = nil
		if v := recover(); v != (crash{}) {
			d.t.Fatalf("the maker did not reach %q: %v", step, v)
		}
	}()
	a, err := d.st.checkPassword(OfficeLogin, d.pw[OfficeLogin])
	if err != nil || a == nil {
		d.t.Fatalf("office account: %v", err)
	}
	_, err = d.srv.makeBriefing(mustPeriod("2018-10"), d.cfg.Report.Issue, a)
	d.t.Fatalf("the maker went past %q: %v", step, err)
}

func mustPeriod(s string) ingest.Period {
	p, _ := ingest.ParsePeriod(s)
	return p
}

// entries lists the names in a folder of the data folder, none when it
// is not there.
func (d *testDesk) entries(name string) []string {
	es, _ := os.ReadDir(filepath.Join(d.dir, name))
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// A briefing stopped at any step leaves, once the desk opens again,
// nothing: no work folder, no briefing folder, nothing listed; the next
// briefing is made whole.
func TestBriefingCrashLeavesNothing(t *testing.T) {
	for _, tt := range []struct {
		step      string
		briefings []string // what is left in briefings/ before the desk opens again
	}{
		{"exported", nil},
		{"written", nil},
		{"placed", []string{"1"}},
	} {
		t.Run(tt.step, func(t *testing.T) {
			d := newTestDesk(t, nil)
			office := d.login(OfficeLogin)
			d.keep("青秀区", "2018-10", "青秀区.csv", []byte(goodSheet), true)
			d.makeUntil(tt.step)
			if got := d.entries(briefingsName); strings.Join(got, ",") != strings.Join(tt.briefings, ",") {
				t.Fatalf("before reopening, briefings/ holds %v, want %v", got, tt.briefings)
			}
			if len(d.entries(tmpName)) == 0 {
				t.Fatal("no work folder left to clean")
			}
			// Other left-overs: a work folder of another run, and a file
			// in briefings/ that is not a briefing's folder.
			if err := os.MkdirAll(filepath.Join(d.dir, tmpName, "briefing-9", "sheets"), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(d.dir, briefingsName), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d.dir, briefingsName, "说明.txt"), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}

			d.stop()
			d.start()
			if got := d.entries(tmpName); len(got) > 0 {
				t.Errorf("work folders left after reopening: %v", got)
			}
			if got := d.entries(briefingsName); strings.Join(got, ",") != "说明.txt" {
				t.Errorf("briefings/ after reopening: %v, want only the file that is not a briefing's", got)
			}
			office = d.client()
			if code, _ := d.post(office, "/login", url.Values{"login": {OfficeLogin}, "password": {d.pw[OfficeLogin]}}); code != 303 {
				t.Fatalf("login: %d", code)
			}
			_, page := d.get(office, "/office/briefings?month=2018-10")
			if !strings.Contains(page, "还没有生成过简报") {
				t.Errorf("a briefing is listed:\n%s", page)
			}
			id := d.makeBriefing(office, "2018-10")
			if id != "1" {
				t.Errorf("the next briefing is number %s, want 1", id)
			}
			if got := d.entries(filepath.Join(briefingsName, id)); strings.Join(got, ",") != "briefing.pdf,briefing.xlsx,summary.json" {
				t.Errorf("the briefing's folder holds %v", got)
			}
			if got := d.entries(tmpName); len(got) > 0 {
				t.Errorf("work folders left after a briefing: %v", got)
			}
		})
	}
}

// A data folder made before briefings existed gets their tables when it
// opens, as often as it opens.
func TestBriefingTablesAddedOnOpen(t *testing.T) {
	d := newTestDesk(t, nil)
	d.stop()
	db, err := openDB(d.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tbl := range []string{"briefing_outputs", "briefing_versions", "briefings"} {
		if _, err := db.Exec(`DROP TABLE ` + tbl); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	for range 2 {
		d.start()
		if _, err := d.st.briefings(); err != nil {
			t.Fatalf("after opening: %v", err)
		}
		d.stop()
	}
}

// A back-up holds the briefings made, and opens with them listed and
// whole.
func TestBackupKeepsBriefings(t *testing.T) {
	d := newTestDesk(t, nil)
	office := d.login(OfficeLogin)
	d.keep("青秀区", "2018-10", "青秀区.csv", []byte(goodSheet), true)
	id := d.makeBriefing(office, "2018-10")
	_, pdf := d.get(office, "/office/briefings/"+id+"/briefing.pdf")
	dst := filepath.Join(t.TempDir(), "备份")
	if err := Backup(d.dir, dst); err != nil {
		t.Fatal(err)
	}
	d.stop()
	d.dir = dst
	d.start()
	c := d.client()
	if code, _ := d.post(c, "/login", url.Values{"login": {OfficeLogin}, "password": {d.pw[OfficeLogin]}}); code != 303 {
		t.Fatalf("login: %d", code)
	}
	if code, got := d.get(c, "/office/briefings/"+id+"/briefing.pdf"); code != 200 || got != pdf {
		t.Errorf("the back-up's briefing: status %d, same bytes %t", code, got == pdf)
	}
}
