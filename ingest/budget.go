package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// memoryBudget is a store of bytes of memory that the reads running at the
// same time share: each read takes what it is expected to need before it
// starts and gives it back when it has really finished (a read abandoned
// at its time limit keeps its share until it stops). A read that expects
// more than the whole budget waits until it can have all of it.
type memoryBudget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	total int64
	free  int64
}

func newMemoryBudget(total int64) *memoryBudget {
	b := &memoryBudget{total: total, free: total}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// take waits until n bytes (at most the whole budget) are free, takes
// them, and returns how many it took, to be given back with give.
func (b *memoryBudget) take(n int64) int64 {
	n = min(max(n, 1), b.total)
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	return n
}

// give returns n bytes taken before.
func (b *memoryBudget) give(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

// Expected memory of reading a file, as a multiple of its size: a
// spreadsheet package unpacks to many times its size, and each cell read
// costs more than the bytes that wrote it.
const (
	packedFactor = 40
	plainFactor  = 20
	readFloor    = 1 << 20
)

// expectedMemory estimates what reading the file at p will hold at most,
// from its size and kind, bounded by what the limits allow a file.
func (r *Reader) expectedMemory(p string) int64 {
	st, err := os.Stat(p)
	if archive, _, ok := splitMember(p); err != nil && ok {
		st, err = os.Stat(archive) // a file inside a zip: at most as large as the limit allows
	}
	if err != nil || !st.Mode().IsRegular() {
		return readFloor
	}
	size := min(st.Size(), r.Limits.FileBytes)
	factor := int64(plainFactor)
	switch strings.ToLower(filepath.Ext(p)) {
	case ".xlsx", ".xlsm", ".zip":
		factor = packedFactor
	}
	return min(readFloor+factor*size, r.maxFileMemory())
}

// maxFileMemory is what the limits let the reading of one file hold: the
// file, its unpacked parts, and its cells.
func (r *Reader) maxFileMemory() int64 {
	return r.Limits.FileBytes + r.Limits.UnzippedBytes + int64(4*r.Limits.Cells)*cellBytes
}

// cellBytes is about what one cell read costs, with its text and its place
// in the table model.
const cellBytes = 160

// DefaultMemory is the memory budget the reads of a run share unless
// Reader.Memory says otherwise.
const DefaultMemory = 512 << 20

// memory is the reads' shared budget: Reader.Memory, or the default, but
// never less than one file may need.
func (r *Reader) memory() int64 {
	m := r.Memory
	if m <= 0 {
		m = DefaultMemory
	}
	return max(m, r.maxFileMemory())
}
