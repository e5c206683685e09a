package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/width"
)

// The help is in Chinese: the templates below replace the library's, and
// its own help and version options and help command are said in Chinese
// too. The only Latin words in it are the program's name, its commands,
// options and their values, and file names.

func init() {
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "显示这份说明", DisableDefaultText: true}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "显示版本号", DisableDefaultText: true}
	cli.VersionPrinter = func(c *cli.Context) {
		fmt.Fprintf(c.App.Writer, "%s 版本 %s\n", c.App.Name, c.App.Version)
	}
	cli.HelpPrinter = func(w io.Writer, templ string, data any) {
		cli.HelpPrinterCustom(w, templ, data, helpFuncs)
	}
}

// appHelp is the help of the program as a whole (jianbao --help).
const appHelp = `{{.Name}}：{{.Usage}}

用法：
   {{.HelpName}} 命令 [选项] [参数]
   {{.HelpName}} 报表文件或文件夹……（不写命令时检查这些报表，与 validate 相同）

命令：
{{commandRows .VisibleCommands}}
选项：
{{flagRows .VisibleFlags}}
例子：
{{examples ""}}
看某个命令的说明：{{.HelpName}} help 命令，如 {{.HelpName}} help validate
`

// commandHelp is the help of one command (jianbao validate --help).
const commandHelp = `{{.HelpName}}：{{.Usage}}

用法：
   {{.HelpName}}{{if .VisibleFlags}} [选项]{{end}}{{if .ArgsUsage}} {{.ArgsUsage}}{{end}}
{{if .Description}}
说明：
   {{.Description}}
{{end}}{{if .VisibleFlags}}
选项：
{{flagRows .VisibleFlags}}{{end}}{{with examples .Name}}
例子：
{{.}}{{end}}`

// example is a command line shown in the help, with what it does.
type example struct{ line, does string }

// examples are the examples of each command ("" for the program).
var examples = map[string][]example{
	"": {
		{"jianbao validate 青秀区.xlsx", "报送前检查一份报表"},
		{"jianbao rollup 报表/", "汇总“报表”文件夹中各单位的报表，生成简报"},
		{"jianbao template --unit 青秀区 -o 青秀区.xlsx", "生成青秀区的空白报表"},
	},
	"validate": {
		{"jianbao validate 青秀区.xlsx", "检查一份报表"},
		{"jianbao validate --period 2018-10 报表/", "检查文件夹中的全部报表，须为2018年10月的"},
		{"jianbao validate --annotate 标注/ 青秀区.xlsx", "另存一份标出问题的副本到“标注”文件夹"},
		{"jianbao validate --explain 青秀区.xlsx", "同时说明这份报表是怎样读取的"},
	},
	"rollup": {
		{"jianbao rollup 报表/", "汇总最新月份，写到 out 文件夹下以月份命名的文件夹"},
		{"jianbao rollup --period 2018-10 --out 十月简报/ 报表/", "汇总2018年10月，写到“十月简报”文件夹"},
		{"jianbao rollup --strict 报表/", "有退回的报表或未报送的单位时不生成简报"},
	},
	"template": {
		{"jianbao template --unit 青秀区 --period 2018-10 -o 青秀区-2018-10.xlsx", "生成青秀区2018年10月的空白报表"},
		{"jianbao template --all --period 2018-10 -o 模板/", "为每个单位各生成一份，放到“模板”文件夹"},
	},
	"defaults": {
		{"jianbao defaults 我的模板/", "写出内置的配置和简报文字，供修改"},
		{"jianbao rollup --templates 我的模板/ 报表/", "用修改后的配置和文字汇总"},
	},
	"serve": {
		{"jianbao serve --init 收表台/", "建立收表台的文件夹，显示各账号的初始密码"},
		{"jianbao serve --data 收表台/", "启动收表台并在浏览器中打开，只供本机使用"},
		{"jianbao serve --data 收表台/ --addr 0.0.0.0:8080", "启动收表台，供局域网中的各单位使用"},
		{"jianbao serve --data 收表台/ --backup 备份-2018-11/", "备份收表台（运行时也可以）"},
	},
	"help": {
		{"jianbao help", "列出全部命令"},
		{"jianbao help validate", "看 validate 命令的说明"},
	},
}

// placeholders name what an option's value is, in its help line.
var placeholders = map[string]string{
	"period": "年-月", "out": "文件夹", "issue": "期号", "generated-at": "时间",
	"password": "密码", "workers": "个数", "config": "文件", "templates": "文件夹",
	"format": "格式", "annotate": "文件夹", "unit": "单位", "o": "文件",
	"init": "文件夹", "data": "文件夹", "backup": "文件夹", "addr": "地址", "cert": "文件", "key": "文件",
}

var helpFuncs = map[string]any{
	"flagRows":    flagRows,
	"commandRows": commandRows,
	"examples":    exampleRows,
}

// flagRows lists options, one a line: the names and what the value is,
// then the option's description, the descriptions lined up.
func flagRows(flags []cli.Flag) string {
	var rows [][2]string
	for _, f := range flags {
		df, ok := f.(cli.DocGenerationFlag)
		if !ok {
			continue
		}
		var names []string
		for _, n := range df.Names() {
			names = append(names, optionName(n))
		}
		left := strings.Join(names, ", ")
		if df.TakesValue() {
			p := placeholders[df.Names()[0]]
			if p == "" {
				p = "值"
			}
			left += " " + p
		}
		rows = append(rows, [2]string{left, df.GetUsage()})
	}
	return columns(rows)
}

// commandRows lists commands, one a line, with what each does.
func commandRows(cmds []*cli.Command) string {
	var rows [][2]string
	for _, c := range cmds {
		rows = append(rows, [2]string{strings.Join(c.Names(), ", "), c.Usage})
	}
	return columns(rows)
}

// exampleRows lists the examples of a command.
func exampleRows(name string) string {
	var rows [][2]string
	for _, e := range examples[name] {
		rows = append(rows, [2]string{e.line, e.does})
	}
	return columns(rows)
}

// columns lays out rows of two cells, indented, the second cells lined up
// as a terminal shows them (a Chinese character takes two columns).
func columns(rows [][2]string) string {
	w := 0
	for _, r := range rows {
		w = max(w, displayWidth(r[0]))
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("   " + r[0])
		if r[1] != "" {
			b.WriteString(strings.Repeat(" ", w-displayWidth(r[0])+2) + r[1])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// helpCommand says in Chinese what the program or one of its commands
// does: jianbao help, jianbao help validate.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Aliases:   []string{"h"},
		Usage:     "显示全部命令或某个命令的说明",
		ArgsUsage: "[命令]",
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.ShowAppHelp(c)
			}
			name := c.Args().First()
			if c.NArg() > 1 {
				return usage(errTooManyArgs, "", strings.Join(c.Args().Tail(), " "))
			}
			if c.App.Command(name) == nil {
				return unknownCommand(c.App, name)
			}
			return cli.ShowCommandHelp(c.Lineage()[1], name) // the commands are the root's
		},
	}
}
