package templates

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"jianbao/problem"
)

// ErrConfig marks a configuration or narrative file that cannot be read or
// is inconsistent. Its code is a contract.
var ErrConfig = &problem.Problem{Code: "BAD_CONFIG",
	Text: "配置文件无法使用",
	Fix:  "请检查文件的路径和内容，可对照内置的 config.yaml 和 briefing.tmpl 修改"}

// configError is ErrConfig with a detail in Chinese.
func configError(format string, args ...any) error {
	return fmt.Errorf("%w："+format, append([]any{ErrConfig}, args...)...)
}

// yamlError is ErrConfig caused by an error of the YAML decoder, whose
// English text is kept in the chain; what is said is where in the file the
// decoder stopped and, for the common cases, why.
func yamlError(err error) error {
	wrapped := problem.Wrap(ErrConfig, err)
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w：文件是空的", wrapped)
	}
	lines := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		lines = te.Errors
	}
	var said []string
	for _, l := range lines {
		said = append(said, yamlLine(l))
	}
	return fmt.Errorf("%w：%s", wrapped, strings.Join(said, "；"))
}

var (
	yamlAt      = regexp.MustCompile(`line (\d+)`)
	yamlUnknown = regexp.MustCompile(`field (\S+) not found in type`)
	yamlTwice   = regexp.MustCompile(`field (\S+) already set in type`)
)

// yamlLine says one complaint of the YAML decoder in Chinese.
func yamlLine(s string) string {
	at := ""
	if m := yamlAt.FindStringSubmatch(s); m != nil {
		at = "第" + m[1] + "行"
	}
	switch {
	case yamlUnknown.MatchString(s):
		return fmt.Sprintf("%s有不认识的项“%s”", at, yamlUnknown.FindStringSubmatch(s)[1])
	case yamlTwice.MatchString(s):
		return fmt.Sprintf("%s项“%s”写了两次", at, yamlTwice.FindStringSubmatch(s)[1])
	case strings.Contains(s, "cannot unmarshal"):
		return at + "的值不是这一项要求的类型（如该写列表处写了文字）"
	case at != "":
		return at + "附近格式有误（请检查缩进、冒号和括号）"
	}
	return "格式有误（请检查缩进、冒号和括号）"
}
