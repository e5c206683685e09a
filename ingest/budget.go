package ingest

import (
	"archive/zip"
	"os"
	"path"
	"strings"
	"sync"

	"jianbao/ingest/sheets"
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

// Expected memory of reading a file: a cell costs several times the bytes
// of XML that wrote it, a line of text several times its bytes.
const (
	xmlFactor   = 8
	plainFactor = 20
	readFloor   = 1 << 20
)

// expectedMemory estimates what reading the file at p will hold at most:
// for a zip package (an .xlsx, or an archive of them) from the unpacked
// sizes its directory gives, otherwise from its size; never more than the
// limits let one file hold.
func (r *Reader) expectedMemory(p string) int64 {
	if archive, _, ok := splitMember(p); ok {
		if _, err := os.Stat(p); err != nil {
			p = archive // a file inside a zip: at most as large as the archive unpacks
		}
	}
	f, st, err := openRegular(p)
	if err != nil {
		return readFloor
	}
	defer f.Close()
	size := min(st.Size(), r.Limits.FileBytes)
	need := readFloor + plainFactor*size
	if unpacked, ok := unpackedXML(f, st.Size()); ok {
		need = readFloor + size + xmlFactor*unpacked
	}
	return min(need, r.maxFileMemory())
}

// unpackedXML sums the unpacked sizes of the XML parts of the zip package
// in f, from its directory; ok is false when f is not one, or when its
// directory is too large to read for an estimate.
func unpackedXML(f *os.File, size int64) (total int64, ok bool) {
	var magic [4]byte
	if _, err := f.ReadAt(magic[:], 0); err != nil || string(magic[:]) != "PK\x03\x04" {
		return 0, false
	}
	if n, ok := sheets.ZipEntries(f, size); !ok || n > sheets.MaxZipEntries {
		return 0, false
	}
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return 0, false
	}
	for _, e := range zr.File {
		switch strings.ToLower(path.Ext(e.Name)) {
		case ".xml", ".rels", ".vml", ".xlsx", ".xlsm", ".csv", ".xls", ".et":
			total += int64(min(e.UncompressedSize64, 1<<40))
		}
	}
	return total, true
}

// maxFileMemory is what the limits let the reading of one file hold: the
// file, its unpacked parts, and its cells.
func (r *Reader) maxFileMemory() int64 {
	return r.Limits.FileBytes + r.Limits.UnzippedBytes + int64(r.Limits.BookCellsBound())*cellBytes
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
