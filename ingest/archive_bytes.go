package ingest

import "bytes"

// Member is a file inside a zip archive held in memory (see ZipMembers).
type Member struct {
	// Name is its path inside the archive, decoded as the command line
	// decodes it (GBK names of Chinese Windows included), slash-separated.
	Name  string
	entry zipEntry
}

// ZipMembers lists the files of the zip archive whose bytes are data, by
// the rules a folder scan follows for a .zip: folders and lock, hidden or
// system files are left out (skip counts the files left out), and an
// archive with too many files, or too large once unpacked, is not opened.
// err is one of the archive problems (ErrArchiveDamaged,
// ErrArchiveTooLarge); an archive that holds nothing gives ErrArchiveEmpty.
// Only one level is opened: an archive inside is listed, and MemberBytes
// refuses it.
func ZipMembers(data []byte) (ms []Member, skip int, err error) {
	entries, skip, err := openZip(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, skip, err
	}
	if len(entries) == 0 {
		return nil, skip, ErrArchiveEmpty
	}
	for _, e := range entries {
		ms = append(ms, Member{Name: e.name, entry: e})
	}
	return ms, skip, nil
}

// MemberBytes unpacks a file that ZipMembers listed, or says why it is not
// read, as the command line says it: its name leads out of the archive
// (ErrArchiveUnsafeName), it is an archive itself or not a spreadsheet, it
// is encrypted, damaged, or larger than the reader's file limit once
// unpacked.
func (r *Reader) MemberBytes(m Member) ([]byte, error) {
	return r.entryBytes(&m.entry)
}
