package problem

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

var (
	errWhole = &Problem{"NOT_WHOLE_NUMBER", "不是非负整数", "请填写0或正整数"}
	errDisk  = &Problem{"WRITE_FAILED", "输出文件无法写入", "请检查磁盘"}
)

func TestErrorText(t *testing.T) {
	for _, c := range []struct {
		name string
		e    *Error
		want string
	}{
		{"cell", &Error{File: "青秀区.xlsx", Sheet: "统计表", Index: 1, Cell: "D7", Value: "12.5", Err: errWhole},
			"青秀区.xlsx 第1张表「统计表」 D7：“12.5”不是非负整数"},
		{"sheet without index", &Error{File: "a.xlsx", Sheet: "统计表", Err: errWhole}, "a.xlsx 「统计表」：不是非负整数"},
		{"file", &Error{File: "a.xlsx", Err: fmt.Errorf("%w：有小数", errWhole)}, "a.xlsx：不是非负整数：有小数"},
		{"no place", &Error{Value: "x", Err: errWhole}, "“x”不是非负整数"},
		{"no cause", &Error{File: "a.xlsx"}, "a.xlsx："},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.e.Error(); got != c.want {
				t.Errorf("Error() = %q, want %q", got, c.want)
			}
		})
	}
	if got := (&Error{File: "a.xlsx", Sheet: "表", Index: 2, Cell: "C3"}).Where(); got != "a.xlsx 第2张表「表」 C3" {
		t.Errorf("Where() = %q", got)
	}
}

// Code and Fix find the problem through wrapping with %w, details and
// nested places; an error without one has the code Unknown and no advice.
func TestCodeAndFix(t *testing.T) {
	inner := &Error{Cell: "D7", Err: fmt.Errorf("%w：有小数", errWhole)}
	outer := &Error{File: "a.xlsx", Err: fmt.Errorf("第二遍：%w", inner)}
	for _, err := range []error{errWhole, inner, outer, Wrap(errWhole, errors.New("x"))} {
		if Code(err) != "NOT_WHOLE_NUMBER" || Fix(err) != errWhole.Fix || Of(err) != errWhole {
			t.Errorf("%v: code %q, fix %q", err, Code(err), Fix(err))
		}
		if !errors.Is(err, errWhole) {
			t.Errorf("%v is not errWhole", err)
		}
	}
	if outer.Code() != "NOT_WHOLE_NUMBER" || outer.Fix() != errWhole.Fix {
		t.Errorf("methods: code %q, fix %q", outer.Code(), outer.Fix())
	}
	plain := errors.New("plain")
	if Code(plain) != Unknown || Fix(plain) != "" || Of(plain) != nil || Code(nil) != Unknown {
		t.Errorf("plain error: code %q, fix %q", Code(plain), Fix(plain))
	}
	if (&Error{File: "a"}).Code() != Unknown {
		t.Error("an Error without a cause has a code")
	}
}

// Wrap keeps the cause in the chain but shows only what can be said of it
// in Chinese.
func TestWrap(t *testing.T) {
	_, missing := os.Open(filepath.Join(t.TempDir(), "none.yaml"))
	english := errors.New("yaml: line 3: did not find expected key")
	for _, c := range []struct {
		name  string
		cause error
		want  string
	}{
		{"missing file", missing, "输出文件无法写入：文件或文件夹不存在"},
		{"full disk", &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, "输出文件无法写入：磁盘空间不足"},
		{"denied", &fs.PathError{Op: "open", Path: "x", Err: fs.ErrPermission}, "输出文件无法写入：没有访问权限"},
		{"a problem", &Error{File: "a.xlsx", Err: errWhole}, "输出文件无法写入：a.xlsx：不是非负整数"},
		{"English", english, "输出文件无法写入"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Wrap(errDisk, c.cause)
			if err.Error() != c.want {
				t.Errorf("Error() = %q, want %q", err.Error(), c.want)
			}
			if !errors.Is(err, errDisk) || !errors.Is(err, c.cause) {
				t.Errorf("%v: problem or cause not in the chain", err)
			}
			if Code(err) != "WRITE_FAILED" {
				t.Errorf("code %q, want the wrapping problem's", Code(err))
			}
		})
	}
	if Wrap(errDisk, nil) != error(errDisk) {
		t.Error("Wrap of a nil cause is not the problem itself")
	}
	if !errors.Is(Wrap(errDisk, missing), fs.ErrNotExist) {
		t.Error("the system error is not in the chain")
	}
}

// What Describe says of system errors is Chinese.
func TestDescribeChinese(t *testing.T) {
	for _, e := range []error{fs.ErrNotExist, fs.ErrPermission, fs.ErrExist, syscall.ENOSPC, syscall.EROFS, syscall.EISDIR, syscall.ENOTDIR} {
		d := Describe(&fs.PathError{Op: "open", Path: "/tmp/x", Err: e})
		if d == "" {
			t.Errorf("%v: nothing said", e)
		}
		for _, r := range d {
			if r < 0x80 && ('a' <= r|0x20 && r|0x20 <= 'z') {
				t.Errorf("%v: %q has ASCII letters", e, d)
				break
			}
		}
	}
	if Describe(nil) != "" || Describe(errors.New("boom")) != "" {
		t.Error("Describe says something of nil or of an unknown error")
	}
}

// Problems are declared as unkeyed literals in the packages that use them.
func TestUnkeyedLiteral(t *testing.T) {
	p := &Problem{"CODE", "文字", "建议"}
	e := &Error{"a.xlsx", "表", 1, "A1", "v", p}
	if e.Code() != "CODE" || e.Fix() != "建议" || e.Error() != "a.xlsx 第1张表「表」 A1：“v”文字" {
		t.Errorf("%v: code %q, fix %q", e, e.Code(), e.Fix())
	}
}
