package problem

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
)

// Problem is a kind of problem: a stable English code for programs and a
// Simplified Chinese description with advice for the clerk. Problems are
// declared once, as package variables, and compared by identity
// (errors.Is).
type Problem struct {
	Code string // stable, e.g. NOT_WHOLE_NUMBER
	Text string // what is wrong, in Chinese
	Fix  string // how to fix it, in Chinese
}

// Error returns the Chinese text, without the code.
func (p *Problem) Error() string { return p.Text }

// Unknown is the code of an error that carries no Problem.
const Unknown = "ERROR"

// Error locates a problem: the file, sheet and cell where it was seen, the
// value found there, and the cause (a Problem, or an error wrapping one).
// Cell and Sheet may be empty when the problem concerns the whole file or
// sheet, File when it concerns no file.
type Error struct {
	File  string
	Sheet string
	Index int // 1-based position of the sheet in the workbook, 0 if unknown
	Cell  string
	Value string
	Err   error
}

// Error gives the place, the value and the cause's text:
// 青秀区.xlsx 第1张表「统计表」 D7：“12.5”不是0或正整数.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Where())
	if b.Len() > 0 {
		b.WriteString("：")
	}
	if e.Value != "" {
		fmt.Fprintf(&b, "“%s”", e.Value)
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Where names the place: 青秀区.xlsx 第1张表「统计表」 D7.
func (e *Error) Where() string {
	parts := []string{}
	if e.File != "" {
		parts = append(parts, e.File)
	}
	if e.Sheet != "" {
		if e.Index > 0 {
			parts = append(parts, fmt.Sprintf("第%d张表「%s」", e.Index, e.Sheet))
		} else {
			parts = append(parts, fmt.Sprintf("「%s」", e.Sheet))
		}
	}
	if e.Cell != "" {
		parts = append(parts, e.Cell)
	}
	return strings.Join(parts, " ")
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Code returns the stable code of the underlying problem, or Unknown.
func (e *Error) Code() string { return Code(e.Err) }

// Fix returns the advice for the underlying problem, or "".
func (e *Error) Fix() string { return Fix(e.Err) }

// Of returns the first Problem in err's chain, or nil.
func Of(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return nil
}

// Code returns the code of the first Problem in err's chain, or Unknown
// when there is none (or err is nil).
func Code(err error) string {
	if p := Of(err); p != nil {
		return p.Code
	}
	return Unknown
}

// Fix returns the advice of the first Problem in err's chain, or "".
func Fix(err error) string {
	if p := Of(err); p != nil {
		return p.Fix
	}
	return ""
}

// Wrap returns an error of problem p caused by cause. Both are in its chain
// (errors.Is and errors.As find either, and p first); its text is p's,
// followed by what Describe says of the cause, if anything. A nil cause
// gives p itself.
func Wrap(p *Problem, cause error) error {
	if cause == nil {
		return p
	}
	return &wrapped{p, cause}
}

type wrapped struct {
	p     *Problem
	cause error
}

func (w *wrapped) Error() string {
	if d := Describe(w.cause); d != "" {
		return w.p.Text + "：" + d
	}
	return w.p.Text
}

func (w *wrapped) Unwrap() []error { return []error{w.p, w.cause} }

// Describe says in Chinese what err is, for a message a clerk reads: the
// text of an error that carries a Problem (jianbao's own errors are
// written in Chinese), a short phrase for the usual system errors (a
// missing file, a denied permission, a full disk), or "" for any other,
// whose text is left out.
func Describe(err error) string {
	switch {
	case err == nil:
		return ""
	case Of(err) != nil:
		return err.Error()
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有访问权限"
	case errors.Is(err, fs.ErrExist):
		return "文件已存在"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	case errors.Is(err, syscall.EROFS):
		return "磁盘只读，不能写入"
	case errors.Is(err, syscall.EISDIR):
		return "这是文件夹，不是文件"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一段不是文件夹"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "文件名太长"
	}
	return ""
}
