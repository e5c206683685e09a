package desk

import (
	"sync"

	"jianbao/ingest"
	"jianbao/templates"
)

// The figures of versions already read, so that a page that adds up a
// unit's year reads each earlier month's sheet once. A version's figures
// follow from its original's bytes (kept under their SHA-256, never
// changed), its unit, month and kind of file, and the configuration the
// desk runs with, which together are the key.
var (
	figuresMu   sync.Mutex
	figuresSeen = map[figuresKey]ingest.Figures{}
)

type figuresKey struct {
	cfg                     *templates.Config
	sum, unit, period, kind string
}

// maxFiguresSeen bounds the figures kept; when full, they are let go all
// at once.
const maxFiguresSeen = 4096

// figuresOf returns the month's figures of a version, nil when it counts
// none: it cannot be read as a sheet, or has errors (checked again with
// the configuration the desk runs with). Its error is the store's.
func (s *server) figuresOf(v *version) (ingest.Figures, error) {
	ext := uploadExt(v.FileName)
	k := figuresKey{s.cfg, v.SHA256, v.Unit, v.Period, ext}
	figuresMu.Lock()
	f, ok := figuresSeen[k]
	figuresMu.Unlock()
	if ok {
		return f, nil
	}
	data, err := s.st.blob(v.SHA256)
	if err != nil {
		return nil, err
	}
	p, ok := ingest.ParsePeriod(v.Period)
	if sub := checkSheet(s.cfg, v.Unit, p, ext, data).sub; ok && readable(sub) && sub.OK() {
		f = sub.Total
	}
	figuresMu.Lock()
	if len(figuresSeen) >= maxFiguresSeen {
		clear(figuresSeen)
	}
	figuresSeen[k] = f
	figuresMu.Unlock()
	return f, nil
}
