package aggregate

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"jianbao/ingest"
	"jianbao/templates"
)

// A file found with the sheets that is not one (a scan of the sheet as a
// PDF, a photo, a .rar) is listed as not read, with the unit and month its
// name suggests, and counts as no unit's refused sheet: the unit that sent
// only that is missing, not refused, and the file is in neither the
// refused sheets nor the findings. Lock and hidden files are counted.
func TestUnreadFilesApart(t *testing.T) {
	dir := t.TempDir()
	sheet, err := os.ReadFile("../samples/2018-10/兴宁区.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{
		"2018-10/兴宁区.xlsx":   sheet,
		"2018-10/江南区.pdf":    []byte("%PDF"),
		"2018-10/青秀区.rar":    []byte("Rar!"),
		"2018-10/~$兴宁区.xlsx": []byte("x"),
		"2018-10/.DS_Store":  []byte("x"),
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := templates.Default()
	tally, err := ReadDir(cfg, ingest.NewReader(cfg), dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	if tally.Files() != 3 || tally.Sheets() != 1 {
		t.Errorf("files %d, sheets %d; want 3, 1", tally.Files(), tally.Sheets())
	}
	r, err := tally.Report(ingest.Period{Year: 2018, Month: 10}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := []UnreadFile{
		{File: "2018-10/江南区.pdf", Unit: "江南区", Period: "2018-10", Reason: ingest.ErrNotASheet.Text, Code: "NOT_A_SHEET"},
		{File: "2018-10/青秀区.rar", Unit: "青秀区", Period: "2018-10", Reason: ingest.ErrArchiveUnsupported.Text, Code: "ARCHIVE_UNSUPPORTED"},
	}
	if len(r.Unread) != len(want) {
		t.Fatalf("unread %+v", r.Unread)
	}
	for i := range want {
		if r.Unread[i] != want[i] {
			t.Errorf("unread %+v, want %+v", r.Unread[i], want[i])
		}
	}
	if r.Skipped != 2 || len(r.Excluded) != 0 || len(r.Findings) != 0 {
		t.Errorf("skipped %d, excluded %v, findings %v", r.Skipped, r.Excluded, r.Findings)
	}
	for _, u := range r.Units {
		if (u.Name == "江南区" || u.Name == "青秀区") && u.Status != Missing {
			t.Errorf("%s: status %s, want missing", u.Name, u.Status)
		}
	}
}
