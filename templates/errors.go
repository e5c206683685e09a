package templates

import "errors"

// ErrConfig marks a configuration that cannot be read or is inconsistent.
var ErrConfig = errors.New("配置文件有误 (BAD_CONFIG)")
