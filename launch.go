package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"jianbao/internal/suggest"
	"jianbao/problem"
)

// How the program is started decides what it does with its arguments:
//
//   - a command (jianbao validate …): the command;
//   - files or folders and no command, as Windows passes the files dropped
//     onto the program's icon: they are checked as by validate;
//   - nothing, from a window of its own (a double-click): a few lines on
//     what it can do;
//   - nothing, from a terminal: the help.
//
// When the program has a console window of its own (see ownConsole), the
// window would close as soon as it ends, so main waits for a key first.

// welcome is what a double-click shows.
const welcome = `简报程序：检查和汇总督查统计报表

检查报表：把要报送的报表文件（一个或几个，也可以是放报表的文件夹）
拖到本程序的图标上再松开，程序会逐个单元格检查，指出哪里有问题、怎样修改，
每份报表的最后一行写明“可以报送”或“需修改后报送”。

能读取的报表：用Excel或WPS保存的.xlsx、.xls文件，以及.csv文件。

汇总全市报表、生成空白报表等工作，请在命令提示符窗口中使用本程序，
输入 jianbao help 可以看到全部命令的说明。
`

// pressAnyKey is shown before a window of the program's own closes.
const pressAnyKey = "\n按任意键关闭窗口……"

// runMain runs the command line args (args[0] being the program) and
// returns the exit status. alone says that the program has a console
// window of its own: started with nothing, it then greets whoever
// double-clicked it rather than showing the help.
func runMain(args []string, stdout, stderr io.Writer, alone bool) int {
	if alone && len(args) <= 1 {
		fmt.Fprint(stdout, welcome)
		return exitOK
	}
	err := newApp(stdout, stderr).Run(args)
	return exitCode(err, stderr)
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
