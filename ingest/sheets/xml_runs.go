package sheets

import (
	"bytes"
	"fmt"
	"path"
	"strings"
)

// maxXMLRun bounds a run of bytes with no '<' or '>' in the XML parts of a
// workbook: a text, an attribute, or white space between elements. A cell
// holds at most 32,767 characters, so no spreadsheet program writes a run
// near this long; an XML decoder would hold such a run whole in memory.
const maxXMLRun = 1 << 20

// runCheck follows the runs of an XML part written to it in pieces, and
// fails when one is longer than limit.
// A part that is not XML (whole) is only passed through; a closed stop
// makes the check fail with ErrStopped.
type runCheck struct {
	name  string
	limit int
	run   int
	stop  <-chan struct{}
	whole bool
}

// Write counts the run that goes on through p.
func (c *runCheck) Write(p []byte) (int, error) {
	n := len(p)
	if stopped(c.stop) {
		return 0, ErrStopped
	}
	if c.whole {
		return n, nil
	}
	for len(p) > 0 {
		i := bytes.IndexAny(p, "<>")
		if i < 0 {
			c.run += len(p)
			break
		}
		c.run += i
		if c.run > c.limit {
			break
		}
		c.run, p = 0, p[i+1:]
	}
	if c.run > c.limit {
		return 0, fmt.Errorf("%w：文件中的“%s”有一段超过%d字节的连续内容，表格软件不会这样保存", ErrTooLarge, c.name, c.limit)
	}
	return n, nil
}

// isXMLPart says whether the zip part called name is one an XML reader
// parses: its runs are bounded.
func isXMLPart(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".rels", ".vml":
		return true
	}
	return false
}
