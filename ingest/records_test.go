package ingest

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"jianbao/templates"
)

// A record gives back what was kept of its submission: where it came from,
// its figures in metric order, and only for the sheets that have them its
// findings, 累计 figures and the file it repeats.
func TestRecordsKeepWhatRollupNeeds(t *testing.T) {
	ids := []string{"a", "b", "c"}
	cells := map[string]string{"a": "C5", "b": "D5"}
	warn := Finding{Warning, &CellError{File: "2.xlsx", Err: ErrSwing}}
	subs := []*Submission{
		{File: "1.xlsx", SHA256: strings.Repeat("01", 32), Sheet: "统计表", SheetIndex: 2, Unit: "青秀区", Period: Period{2018, 10},
			Total: Figures{"a": 1, "c": 3}, Sources: cells, Areas: []AreaFigures{{Area: "x", Counts: []int64{1, 0, 3}}}},
		{File: "2.xlsx", Sheet: "统计" + "表", Unit: "兴宁区", Period: Period{2018, 9}, Total: Figures{"b": 7},
			Cumulative: Figures{"b": 9}, CumulativeCells: map[string]string{"b": "E5"}, DuplicateOf: "1.xlsx",
			Findings: []Finding{warn}},
		{File: "3.xlsx", Sheet: "Sheet1", Total: Figures{}, DuplicateOf: "1.xlsx"},
	}
	recs := NewRecords(ids, len(subs))
	for i := len(subs) - 1; i >= 0; i-- { // in any order
		recs.Set(i, subs[i])
	}
	want := []Record{
		{File: "1.xlsx", SHA256: [32]byte(bytes.Repeat([]byte{1}, 32)), Sheet: "统计表", SheetIndex: 2, Unit: "青秀区", Period: Period{2018, 10},
			Counts: []int64{1, 0, 3}, Cells: cells, AreaRows: 1},
		{File: "2.xlsx", Sheet: "统计表", Unit: "兴宁区", Period: Period{2018, 9}, Counts: []int64{0, 7, 0},
			Cumulative: []int64{0, 9, 0}, CumulativeCells: map[string]string{"b": "E5"}, DuplicateOf: "1.xlsx",
			Findings: []Finding{warn}},
		{File: "3.xlsx", Sheet: "Sheet1", Counts: []int64{0, 0, 0}, DuplicateOf: "1.xlsx"},
	}
	for i, w := range want {
		if got := recs.At(i); !reflect.DeepEqual(got, w) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	if !recs.Counted(0) || recs.Counted(1) || !recs.OK(1) {
		t.Errorf("Counted = %v, %v; OK(1) = %v", recs.Counted(0), recs.Counted(1), recs.OK(1))
	}
	if h0, h1 := recs.At(0).Hash(), recs.At(1).Hash(); h0 != subs[0].SHA256 || h1 != "" {
		t.Errorf("Hash = %q, %q", h0, h1)
	}
	if len(recs.notes) != 2 {
		t.Errorf("%d records with notes, want 2", len(recs.notes))
	}
	if recs.Len() != 3 || recs.Period(1) != (Period{2018, 9}) {
		t.Errorf("Len = %d, Period(1) = %v", recs.Len(), recs.Period(1))
	}
}

// Two sheets with the same totals but other work-area rows are not the
// same figures: they conflict rather than repeat.
func TestRecordsSameFigures(t *testing.T) {
	base := func(area string, n int64) *Submission {
		return &Submission{File: area, Unit: "青秀区", Period: Period{2018, 10}, Total: Figures{"a": 5},
			Areas: []AreaFigures{{Area: area, Counts: []int64{n}}, {Area: "y", Counts: []int64{5 - n}}}}
	}
	recs := NewRecords([]string{"a"}, 5)
	recs.Set(0, base("x", 2))
	for k, c := range []struct {
		sub  *Submission
		same bool
	}{
		{base("x", 2), true},
		{base("x", 3), false},
		{base("z", 2), false},
		{&Submission{Total: Figures{"a": 5}}, false},
	} {
		i := k + 1
		recs.Set(i, c.sub)
		if got := recs.sameFigures(0, i); got != c.same {
			t.Errorf("%+v: sameFigures = %v, want %v", c.sub.Areas, got, c.same)
		}
	}
}

// ReadEach yields every file once with its index, whatever the number of
// workers, and counts progress up to the number of files.
func TestReadEachOrder(t *testing.T) {
	files, err := Scan("../samples")
	if err != nil || len(files) < 40 {
		t.Fatalf("Scan = %d files, %v", len(files), err)
	}
	files = files[:40]
	rd := NewReader(templates.Default())
	for _, workers := range []int{1, 3, 8} {
		got := make([]string, len(files))
		var progress []int
		rd.Progress = func(done, total int) { progress = append(progress, done) }
		rd.ReadEach(files, func(n string) string { return Locate("../samples", n) }, workers, func(i int, s *Submission) {
			if got[i] != "" {
				t.Errorf("%d workers: index %d yielded twice", workers, i)
			}
			got[i] = s.File
			if !s.OK() {
				t.Errorf("%s: %v", s.File, s.Findings)
			}
		})
		if !slices.Equal(got, files) {
			t.Errorf("%d workers: yielded %v", workers, got)
		}
		if len(progress) != len(files) || !slices.IsSorted(progress) || progress[len(progress)-1] != len(files) {
			t.Errorf("%d workers: progress %v", workers, progress)
		}
	}
}

// Check reports on every file what ReadFiles and Reconcile report, while
// keeping only that.
func TestCheckMatchesReconcile(t *testing.T) {
	var names []string
	for _, dir := range []string{"../testdata/conflict", "../testdata/duplicate", "../testdata/reject", "../samples/2018-09", "../samples/2018-10"} {
		files, err := Scan(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			names = append(names, Locate(dir, f))
		}
	}
	rd := NewReader(templates.Default())
	self := func(n string) string { return n }
	want := rd.ReadFiles(names, self, 2)
	rd.Reconcile(want)
	got := rd.Check(names, self, 2)
	var text, wantText bytes.Buffer
	if err := WriteJSON(&text, got); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&wantText, want); err != nil {
		t.Fatal(err)
	}
	if text.String() != wantText.String() {
		t.Errorf("Check reports\n%s\nReconcile reports\n%s", text.String(), wantText.String())
	}
	codes := map[string]int{}
	for _, s := range got {
		for _, f := range s.Findings {
			codes[f.Code()]++
		}
	}
	if codes["CONFLICT"] == 0 || codes["DUPLICATE"] == 0 || codes["LARGE_SWING"]+codes["NOT_WHOLE_NUMBER"] == 0 {
		t.Errorf("findings %v: the folders should give conflicts, duplicates and rejections", codes)
	}
}
