package sheets

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// MaxZipEntries bounds the parts of a zip package, counted before its
// directory is read: each entry read costs memory, and a workbook has tens
// of parts, a large one a few thousand.
const MaxZipEntries = 10000

var (
	eocdSignature   = []byte("PK\x05\x06")
	eocd64Signature = []byte("PK\x06\x06")
)

// ZipEntries returns how many entries the zip archive in r (of size bytes)
// says its directory holds, from its end-of-directory record, without
// reading the directory. ok is false when no such record is found (the
// archive is damaged, or not one).
func ZipEntries(r io.ReaderAt, size int64) (n uint64, ok bool) {
	const tail = 22 + 65535 + 20 // the record, its comment, and a zip64 locator before it
	start := max(size-tail, 0)
	buf := make([]byte, size-start)
	if _, err := r.ReadAt(buf, start); err != nil && err != io.EOF {
		return 0, false
	}
	i := bytes.LastIndex(buf, eocdSignature)
	if i < 0 || len(buf)-i < 22 {
		return 0, false
	}
	n = uint64(binary.LittleEndian.Uint16(buf[i+10:]))
	if n != 0xFFFF || i < 20 || !bytes.Equal(buf[i-20:i-16], []byte("PK\x06\x07")) {
		return n, true
	}
	// Zip64: the locator points at the zip64 record, which holds the count.
	at := int64(binary.LittleEndian.Uint64(buf[i-20+8:]))
	var rec [56]byte
	if at < 0 || at > size-56 {
		return 0, false
	}
	if _, err := r.ReadAt(rec[:], at); err != nil || !bytes.Equal(rec[:4], eocd64Signature) {
		return 0, false
	}
	return binary.LittleEndian.Uint64(rec[32:]), true
}

// checkEntries refuses a package whose directory says it holds more than
// MaxZipEntries entries, before the directory is read.
func checkEntries(data []byte) error {
	if n, ok := ZipEntries(bytes.NewReader(data), int64(len(data))); ok && n > MaxZipEntries {
		return fmt.Errorf("%w：文件中有%d个部件，上限%d个", ErrTooLarge, n, MaxZipEntries)
	}
	return nil
}
