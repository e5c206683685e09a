package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"jianbao/desk"
)

// serveCommand starts the collection desk (package desk): flags in, desk.Run
// on host h, which opens the desk in the browser.
func serveCommand(h host) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "启动报表收集台：各单位在浏览器中上传、检查、报送报表，市办查看和审核",
		Flags: append(commonFlags(),
			&cli.StringFlag{Name: "init", Usage: "在此文件夹建立收表台，并显示各账号的初始密码"},
			&cli.StringFlag{Name: "data", Usage: "收表台的文件夹（用 --init 建立的）"},
			&cli.BoolFlag{Name: "add-units", Usage: "为配置文件中新增的单位建立账号，显示它们的初始密码后退出"},
			&cli.StringFlag{Name: "backup", Usage: "把 --data 的收表台备份到这个新文件夹后退出；收表台运行时也可备份"},
			&cli.StringFlag{Name: "addr", Value: desk.DefaultAddr, Usage: "服务的地址和端口；默认只供本机使用，写 0.0.0.0:8080 可供局域网使用"},
			&cli.StringFlag{Name: "cert", Usage: "加密连接所用的证书文件，与 --key 同时使用"},
			&cli.StringFlag{Name: "key", Usage: "加密连接所用的私钥文件，与 --cert 同时使用"},
			&cli.BoolFlag{Name: "no-browser", Usage: "启动后不在本机打开浏览器"},
		),
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usage(errTooManyArgs, "", c.Args().First())
			}
			cfg, err := commonOf(c).load()
			if err != nil {
				return err
			}
			if dir := c.String("init"); dir != "" {
				pws, err := desk.Init(dir, cfg)
				if err != nil {
					return err
				}
				printFirstPasswords(c.App.Writer, "已建立收表台："+dir, pws)
				return nil
			}
			if c.String("data") == "" {
				return usageError{fmt.Errorf("%w：--data（或用 --init 建立收表台）", errMissingOption)}
			}
			if c.Bool("add-units") {
				pws, err := desk.AddUnits(c.String("data"), cfg)
				if err != nil {
					return err
				}
				if len(pws) == 0 {
					fmt.Fprintln(c.App.Writer, "配置文件中的单位收表台都已有，没有要新增的。")
					return nil
				}
				printFirstPasswords(c.App.Writer, "已为新增的单位建立账号："+strings.Join(unitsOf(pws), "、"), pws)
				return nil
			}
			if dst := c.String("backup"); dst != "" {
				if err := desk.Backup(c.String("data"), dst); err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "已备份到：%s\n", dst)
				return nil
			}
			narrative, err := commonOf(c).narrative()
			if err != nil {
				return err
			}
			err = serveDesk(h, c.App.Writer, desk.Options{Data: c.String("data"), Config: cfg, Addr: c.String("addr"),
				CertFile: c.String("cert"), KeyFile: c.String("key"), Narrative: narrative, Version: version}, !c.Bool("no-browser"))
			if errors.Is(err, desk.ErrUnitsAdded) {
				return fmt.Errorf("%w；建立账号的命令：jianbao serve --data %s --add-units", err, c.String("data"))
			}
			return err
		},
	}
}

// printFirstPasswords tells the office the first password of each account
// of the desk just made in dir.
func printFirstPasswords(w io.Writer, lead string, pws []desk.FirstPassword) {
	fmt.Fprintf(w, "%s\n各账号的初始密码（请妥善转交各单位，第一次登录时须改为自己的密码）：\n", lead)
	for _, p := range pws {
		who := p.Unit
		if who == "" {
			who = "市办"
		}
		fmt.Fprintf(w, "  %s\t账号 %s\t密码 %s\n", who, p.Login, p.Password)
	}
}

// serveDesk serves the desk o on host h until h's context ends (Ctrl+C when
// it has none), saying where it listens, and opens it in the browser when
// browser is set.
func serveDesk(h host, w io.Writer, o desk.Options, browser bool) error {
	ctx := h.ctx
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	o.Ready = func(url string) {
		fmt.Fprintf(w, "报表收集台已启动：%s（按 Ctrl+C 停止）\n", url)
	}
	if browser && h.open != nil {
		o.Open = func(url string) {
			if err := h.open(url); err != nil {
				fmt.Fprintf(w, "未能自动打开浏览器，请在浏览器中打开 %s\n", url)
			}
		}
	}
	return desk.Run(ctx, o)
}

// unitsOf names the units of first passwords.
func unitsOf(pws []desk.FirstPassword) []string {
	var out []string
	for _, p := range pws {
		out = append(out, p.Unit)
	}
	return out
}
