package ingest

import (
	"encoding/binary"
	"sync"
)

// maxSharedCellMaps bounds how many distinct cell maps a CellMaps keeps;
// beyond it maps are returned as they are.
const maxSharedCellMaps = 4096

// CellMaps shares equal metric-to-cell maps between the sheets one Reader
// reads. Sheets filled in from the same template name the same cells, so a
// rollup of thousands of sheets keeps a handful of maps instead of one per
// sheet. A shared map must not be changed.
type CellMaps struct {
	mu   sync.Mutex
	maps map[string]map[string]string
}

// Share returns a map equal to m, the one kept for maps with these entries
// if there is one. ids lists every key m may have, in a fixed order.
func (c *CellMaps) Share(ids []string, m map[string]string) map[string]string {
	if len(m) == 0 {
		return m
	}
	key := cellKey(ids, m)
	if key == "" {
		return m
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if kept, ok := c.maps[key]; ok {
		return kept
	}
	if c.maps == nil {
		c.maps = map[string]map[string]string{}
	}
	if len(c.maps) < maxSharedCellMaps {
		c.maps[key] = m
	}
	return m
}

// cellKey spells the entries of m in the order of ids, each cell prefixed
// by its length so that no two maps spell alike, or "" when m has keys
// outside ids.
func cellKey(ids []string, m map[string]string) string {
	var b []byte
	n := 0
	for i, id := range ids {
		if cell, ok := m[id]; ok {
			b = binary.AppendUvarint(b, uint64(i))
			b = binary.AppendUvarint(b, uint64(len(cell)))
			b = append(b, cell...)
			n++
		}
	}
	if n != len(m) {
		return ""
	}
	return string(b)
}
