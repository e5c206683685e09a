package ingest

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"time"
)

// readRegular reads the file at p if it is a regular file, within
// Limits.FileBytes. Anything else (a device, a named pipe, a socket, a
// folder) is refused as unreadable, saying what it is, before it is read:
// a device may never end and a pipe may never start. A link is followed to
// what it leads to.
func (r *Reader) readRegular(p string) ([]byte, error) {
	f, st, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > r.Limits.FileBytes {
		return nil, fmt.Errorf("%w：文件大小%d字节，上限%d字节", ErrTooLarge, st.Size(), r.Limits.FileBytes)
	}
	return r.readLimited(f, st.Size())
}

// readLimited reads src to its end but never more than Limits.FileBytes and
// one byte: a file that grows past the limit while it is read is too large.
// size is what the file was said to hold, to size the buffer.
func (r *Reader) readLimited(src io.Reader, size int64) ([]byte, error) {
	limit := r.Limits.FileBytes
	var buf bytes.Buffer
	buf.Grow(int(min(max(size, 0), limit)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(src, limit+1)); err != nil {
		return nil, fileError(err)
	}
	if int64(buf.Len()) > limit {
		return nil, fmt.Errorf("%w：读取时文件超过上限%d字节", ErrTooLarge, limit)
	}
	return buf.Bytes(), nil
}

// exists reports whether there is a file, folder or link at p.
func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// seconds says a duration in seconds, in Chinese: 60秒, 0.05秒.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "秒"
}

// notRegular is the refusal of a file that is not a regular file, naming
// what it is.
func notRegular(m fs.FileMode) error {
	kind := "特殊文件"
	switch {
	case m.IsDir():
		kind = "文件夹"
	case m&fs.ModeNamedPipe != 0:
		kind = "命名管道"
	case m&fs.ModeSocket != 0:
		kind = "套接字"
	case m&fs.ModeDevice != 0:
		kind = "设备文件"
	}
	return fmt.Errorf("%w：这不是普通文件（是%s）", ErrUnreadable, kind)
}

// openRegular opens the file at p for reading when it is a regular file,
// and otherwise says what it is. Opening a named pipe waits for a writer:
// it looks first, then opens without waiting, then looks again at what was
// opened.
func openRegular(p string) (*os.File, os.FileInfo, error) {
	if st, err := os.Stat(p); err == nil && !st.Mode().IsRegular() {
		return nil, nil, notRegular(st.Mode())
	}
	f, err := openNoWait(p)
	if err != nil {
		return nil, nil, fileError(err)
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = notRegular(st.Mode())
	} else if err != nil {
		err = fileError(err)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}
