package sheets

import (
	"errors"
	"fmt"
)

// ErrStopped: the reading was stopped from outside (Limits.Stop was closed),
// because it took too long.
var ErrStopped = errors.New("读取被中止")

// stopped reports whether stop has been closed.
func stopped(stop <-chan struct{}) bool {
	if stop == nil {
		return false
	}
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// BookCellsBound is the bound on the cells of a whole workbook: BookCells,
// or 4×Cells when it is 0.
func (l Limits) BookCellsBound() int {
	if l.BookCells > 0 {
		return l.BookCells
	}
	return 4 * l.Cells
}

// tally counts the cells of the sheets of one workbook as they are read,
// and fails when they pass the workbook's bound or when the reading is
// stopped.
type tally struct {
	limits Limits
	cells  int
}

// add counts the cells of s.
func (t *tally) add(s *Sheet) error {
	if stopped(t.limits.Stop) {
		return ErrStopped
	}
	for _, row := range s.Rows {
		t.cells += len(row)
	}
	if bound := t.limits.BookCellsBound(); t.limits.Cells > 0 && t.cells > bound {
		return fmt.Errorf("%w：各工作表合计超过%d个单元格", ErrTooLarge, bound)
	}
	return nil
}
