package desk

import "jianbao/problem"

// The problems of the desk. Their codes are a contract.
var (
	ErrDataExists   = &problem.Problem{Code: "DESK_EXISTS", Text: "文件夹中已有收表台的数据，未重新建立", Fix: "请换一个新的文件夹；已建立的收表台可直接启动，不必再建"}
	ErrNoDesk       = &problem.Problem{Code: "DESK_MISSING", Text: "文件夹中没有收表台的数据", Fix: "请确认文件夹写得对，或先建立收表台"}
	ErrStore        = &problem.Problem{Code: "DESK_STORE", Text: "收表台的数据无法读写", Fix: "请确认文件夹可以写入、磁盘未满，且没有另一个收表台在使用它"}
	ErrListen       = &problem.Problem{Code: "DESK_LISTEN", Text: "无法在这个地址上提供服务", Fix: "请换一个端口，或确认没有另一个程序占用它"}
	ErrBackupExists = &problem.Problem{Code: "DESK_BACKUP_EXISTS", Text: "备份的文件夹已经存在，未写入", Fix: "请写一个还不存在的文件夹作为备份"}
	ErrBusy         = &problem.Problem{Code: "DESK_BUSY", Text: "另一个收表台正在使用这个文件夹", Fix: "收表台已在运行：请在浏览器中打开它，或先关掉它的窗口再启动"}
	ErrUnitsAdded   = &problem.Problem{Code: "DESK_UNITS_ADDED", Text: "配置文件中有收表台还没有的单位", Fix: "为这些单位建立账号、取得初始密码后，再启动收表台"}
	ErrUnitsRemoved = &problem.Problem{Code: "DESK_UNITS_REMOVED", Text: "收表台中有配置文件里已经没有的单位，它们的报表无法汇总", Fix: "请在配置文件中恢复这些单位；单位改了名称的，请保留原名称，把新名称写作它的别称"}
	ErrTLS          = &problem.Problem{Code: "DESK_TLS", Text: "证书和私钥要同时给出", Fix: "请同时给出证书文件和私钥文件，或都不给"}
)
