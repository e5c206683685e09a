package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"jianbao/desk"
	"jianbao/internal/suggest"
	"jianbao/problem"
)

// How the program is started decides what it does with its arguments:
//
//   - a command (jianbao validate …): the command;
//   - files or folders and no command, as Windows passes the files dropped
//     onto the program's icon: they are checked as by validate;
//   - nothing, from a window of its own (a double-click): the collection
//     desk, kept in a folder beside the program (made, with its first
//     passwords shown, the first time), served on this machine and opened
//     in its browser;
//   - nothing, from a terminal: the help.
//
// When the program has a console window of its own (see ownConsole), the
// window would close as soon as it ends, so main waits for a key first.

// welcome is what a double-click shows before the desk starts.
const welcome = `简报程序：报表收集台

本窗口运行着报表收集台：各单位在浏览器中登录，上传本单位的报表，
看过检查结果后报送；市办在浏览器中查看各单位的报送情况，确认或退回。
收表台的数据保存在本程序旁边的“收表台数据”文件夹里。
使用期间请不要关闭本窗口，关闭窗口收表台就停止了。

只检查报表：把报表文件（一个或几个，也可以是放报表的文件夹）
拖到本程序的图标上再松开，程序会逐个单元格检查，指出哪里有问题、怎样修改，
每份报表的最后一行写明“可以报送”或“需修改后报送”。

汇总全市报表、生成空白报表等工作，请在命令提示符窗口中使用本程序，
输入 jianbao help 可以看到全部命令的说明。

`

// deskFolder is the folder beside the program in which a double-click
// keeps the collection desk.
const deskFolder = "收表台数据"

// pressAnyKey is shown before a window of the program's own closes.
const pressAnyKey = "\n按任意键关闭窗口……"

// runMain runs the command line args (args[0] being the program) on host h
// and returns the exit status. alone says that the program has a console
// window of its own: started with nothing, it then serves the collection
// desk rather than showing the help.
func runMain(h host, args []string, stdout, stderr io.Writer, alone bool) int {
	if alone && len(args) <= 1 {
		return exitCode(serveAlone(h, stdout), stderr)
	}
	err := newAppOn(h, stdout, stderr).Run(args)
	return exitCode(err, stderr)
}

// serveAlone serves the desk in the folder beside the program on host h,
// making it first when it is not there, and opens it in the browser.
func serveAlone(h host, w io.Writer) error {
	fmt.Fprint(w, welcome)
	cfg, err := common{}.load()
	if err != nil {
		return err
	}
	dir := filepath.Join(h.dir, deskFolder)
	pws, err := desk.Init(dir, cfg)
	switch {
	case errors.Is(err, desk.ErrDataExists):
		// Made at an earlier start: served as it is.
	case err != nil:
		return err
	default:
		printFirstPasswords(w, "已建立收表台："+dir, pws)
		fmt.Fprintln(w, "请记下这些密码：以后启动时不再显示。")
	}
	err = serveDesk(h, w, desk.Options{Data: dir, Config: cfg, Addr: h.addr, Version: version}, true)
	if (errors.Is(err, desk.ErrListen) || errors.Is(err, desk.ErrBusy)) && deskAnswers(h.addr) {
		// A second double-click while the first window still serves.
		url := "http://" + h.addr + "/"
		fmt.Fprintf(w, "收表台已经在运行（在先前打开的窗口中）：%s\n", url)
		if h.open == nil || h.open(url) != nil {
			fmt.Fprintf(w, "请在浏览器中打开 %s\n", url)
		}
		return nil
	}
	return err
}

// deskAnswers reports whether a collection desk answers at addr on this
// machine: its login page, within a few seconds.
func deskAnswers(addr string) bool {
	c := &http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get("http://" + addr + "/login")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode == http.StatusOK && strings.Contains(string(b), desk.LoginMark)
}

// rootAction runs when the arguments name no command: files and folders
// are checked as by validate, anything else is a mistyped command.
func rootAction(c *cli.Context) error {
	args := c.Args().Slice()
	switch {
	case len(args) == 0:
		return cli.ShowAppHelp(c)
	case looksLikePath(args[0]):
		return runValidate(c, validateOptions{files: args, format: "text"})
	}
	return unknownCommand(c.App, args[0])
}

// looksLikePath reports whether an argument that is no command names a
// file or folder: one that exists, or whose name has a folder or an
// extension in it (a file that is missing is then said to be missing).
func looksLikePath(arg string) bool {
	if _, err := os.Stat(arg); err == nil {
		return true
	}
	return strings.ContainsAny(arg, `/\`) || filepath.Ext(arg) != ""
}

// unknownCommand is the usage error of a word that names no command,
// suggesting the command it most likely meant.
func unknownCommand(app *cli.App, word string) error {
	var err error = errUnknownCommand
	if s := suggestCommand(app, word); s != "" {
		err = fmt.Errorf("%w，要用的可能是 %s", errUnknownCommand, s)
	}
	return usageError{&problem.Error{Value: word, Err: err}}
}

// commandWords are Chinese words a person may type for a command.
var commandWords = map[string]string{
	"检查": "validate", "校验": "validate", "验证": "validate", "核对": "validate",
	"汇总": "rollup", "简报": "rollup",
	"模板": "template", "空白表": "template",
	"帮助": "help", "说明": "help",
}

// suggestCommand is the command closest to word: one a letter or two
// away from it (valdate, rolup, tempalte), or the command a Chinese word
// names; "" when none is close.
func suggestCommand(app *cli.App, word string) string {
	if c, ok := commandWords[word]; ok {
		return c
	}
	best, bestD := "", 0
	for _, c := range app.Commands {
		for _, n := range c.Names() {
			if len(n) < 2 {
				continue
			}
			d := suggest.Distance(strings.ToLower(word), n)
			if d <= max(1, len(n)/3) && (best == "" || d < bestD) {
				best, bestD = c.Name, d
			}
		}
	}
	return best
}

// suggestOption is the option of flags closest to name (given without its
// dashes), spelt as on the command line, or "".
func suggestOption(flags []cli.Flag, name string) string {
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	sort.Strings(names)
	best, bestD := "", 0
	for _, n := range names {
		if len(n) < 2 {
			continue
		}
		d := suggest.Distance(strings.ToLower(name), n)
		if d <= max(1, len(n)/3) && (best == "" || d < bestD) {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return optionName(best)
}
