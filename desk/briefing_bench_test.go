package desk

import (
	"testing"
)

// BenchmarkDeskBriefing makes the briefing of 2018-10 from the samples'
// 160 sheets, all accepted: the export into a work folder, the rollup of
// the three outputs, putting them in place and listing the briefing.
func BenchmarkDeskBriefing(b *testing.B) {
	d := newTestDesk(b, nil)
	for _, s := range samples(b, d.cfg) {
		d.keep(s.unit, s.period, s.name, s.data, true)
	}
	a, err := d.st.checkPassword(OfficeLogin, d.pw[OfficeLogin])
	if err != nil || a == nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.srv.makeBriefing(mustPeriod("2018-10"), d.cfg.Report.Issue, a); err != nil {
			b.Fatal(err)
		}
	}
}
