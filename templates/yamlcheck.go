package templates

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"jianbao/internal/suggest"
	"jianbao/problem"
)

// lineIndex maps the path of a field or list item in the file
// (units[1].aliases[0], report.issue) to its line, 1-based.
type lineIndex map[string]int

// Line gives the line of the file on which the field or list item at path
// (units[1].aliases[0]) is written, or, when that is not in the file, the
// line of the nearest enclosing field; 0 when the configuration was not
// read from a file or names no such field.
func (c *Config) Line(path string) int {
	for p := path; p != ""; p = parentPath(p) {
		if n, ok := c.lines[p]; ok {
			return n
		}
	}
	return 0
}

// Where says, in Chinese, where the field or list item at path is:
// 第17行“units”第2项的“aliases”. The line is left out when it is not
// known (see Line).
func (c *Config) Where(path string) string {
	s := describePath(path)
	if n := c.Line(path); n > 0 {
		return fmt.Sprintf("第%d行%s", n, s)
	}
	return s
}

// parentPath drops the last key or index of a path.
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// describePath writes a path for a clerk: the keys in quotes, joined by
// dots, the list items counted from 1: units[1].aliases[0] is
// “units”第2项的“aliases”第1项.
func describePath(p string) string {
	var b strings.Builder
	var keys []string
	flush := func() {
		if len(keys) > 0 {
			if b.Len() > 0 {
				b.WriteString("的")
			}
			b.WriteString("“" + strings.Join(keys, ".") + "”")
			keys = nil
		}
	}
	for _, part := range strings.Split(p, ".") {
		key, rest, _ := strings.Cut(part, "[")
		if key != "" {
			keys = append(keys, key)
		}
		for rest != "" {
			num, after, _ := strings.Cut(rest, "]")
			rest = strings.TrimPrefix(after, "[")
			flush()
			if i, err := strconv.Atoi(num); err == nil {
				fmt.Fprintf(&b, "第%d项", i+1)
			}
		}
	}
	flush()
	return b.String()
}

// parseNode reads the file's text into a YAML node tree, saying a syntax
// error in Chinese with its line.
func parseNode(b []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, syntaxError(b, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		return nil, configError("文件是空的")
	}
	return doc.Content[0], nil
}

// The YAML parser's complaints, said in Chinese. A parser (not scanner)
// complaint gives its line counted from 0, the others from 1.
var syntaxSaid = []struct {
	english string
	parser  bool
	chinese string
}{
	{"did not find expected node content", true, "缺少内容（列表或括号没有写完，或多了逗号）"},
	{"did not find expected ',' or ']'", true, "方括号没有配对（缺少“,”或“]”）"},
	{"did not find expected ',' or '}'", true, "花括号没有配对（缺少“,”或“}”）"},
	{"did not find expected key", true, "缩进不齐（同一层的项应对齐）"},
	{"did not find expected '-' indicator", true, "缩进不齐（列表各项应对齐，每项以“- ”开头）"},
	{"did not find expected <document start>", true, "格式有误（请检查缩进和冒号）"},
	{"found a tab character", false, "用了制表符（“Tab”键）缩进，请改用空格"},
	{"mapping values are not allowed", false, "冒号用得不对（一行只能有一个“名称: 值”；值中含冒号时请用引号括起）"},
	{"found unexpected end of stream", false, "引号没有配对"},
	{"found unknown escape character", false, "双引号中的反斜杠用得不对（请改用单引号）"},
	{"could not find expected ':'", false, "缺少冒号"},
	{"found character that cannot start any token", false, "有不能放在开头的字符（如“@”“`”“%”，请把值用引号括起）"},
	{"block sequence entries are not allowed", false, "列表项“- ”的位置不对（请检查缩进）"},
	{"did not find expected comment or line break", false, "引号后面多了文字"},
	{"did not find expected whitespace or line break", false, "格式有误（请检查空格）"},
	{"unknown anchor", false, "引用了没有定义的锚点（“*”开头的值）"},
	{"control characters are not allowed", false, "含有看不见的控制字符（请删去后重新输入）"},
	{"invalid leading UTF-8 octet", false, "有无法识别的文字（请将文件另存为“UTF-8”编码）"},
	{"invalid trailing UTF-8 octet", false, "有无法识别的文字（请将文件另存为“UTF-8”编码）"},
	{"incomplete UTF-8 octet sequence", false, "有无法识别的文字（请将文件另存为“UTF-8”编码）"},
}

var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxError says a YAML syntax error in Chinese with the line it is on;
// the parser's English text is kept in the chain, not shown.
func syntaxError(b []byte, err error) error {
	msg := err.Error()
	line := 0
	if m := syntaxLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	said := "格式有误（请检查缩进、冒号、引号和括号）"
	for _, s := range syntaxSaid {
		if strings.Contains(msg, s.english) {
			said = s.chinese
			if s.parser {
				line++
			}
			break
		}
	}
	if line == 0 {
		line = lineOfTrouble(b, msg)
	}
	line = firstWrongLine(b, msg, line)
	if all := strings.Split(string(b), "\n"); line >= 1 && line <= len(all) {
		text := all[line-1]
		if strings.Contains(text[:len(text)-len(strings.TrimLeft(text, " \t"))], "\t") {
			said = "用了制表符（“Tab”键）缩进，请改用空格"
		}
	}
	if lines := strings.Count(strings.TrimRight(string(b), "\n"), "\n") + 1; line > lines {
		line = lines
	}
	return fmt.Errorf("%w：第%d行附近%s", problem.Wrap(ErrConfig, err), line, said)
}

// firstWrongLine narrows the line of an error of indentation, which the
// parser gives as the start of the enclosing block: it is the first line,
// from there on, at which the text read so far gives the same complaint.
func firstWrongLine(b []byte, msg string, line int) int {
	why := syntaxLine.ReplaceAllString(msg, "")
	found := false
	for _, w := range []string{"found a tab character", "did not find expected key", "did not find expected '-' indicator", "mapping values are not allowed"} {
		found = found || strings.Contains(why, w)
	}
	if !found || line < 1 {
		return line
	}
	lines := strings.SplitAfter(string(b), "\n")
	for k := line; k <= len(lines); k++ {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:k], "")), &n)
		if err != nil && syntaxLine.ReplaceAllString(err.Error(), "") == why {
			return k
		}
	}
	return line
}

// lineOfTrouble finds the line of a complaint that gives none: the first
// control character, bad byte or named anchor; else the first line, where
// the parser leaves its line out.
func lineOfTrouble(b []byte, msg string) int {
	at := func(i int) int { return strings.Count(string(b[:i]), "\n") + 1 }
	if m := regexp.MustCompile(`unknown anchor '(.*)' referenced`).FindStringSubmatch(msg); m != nil {
		if i := strings.Index(string(b), "*"+m[1]); i >= 0 {
			return at(i)
		}
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 || r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return at(i)
		}
		i += size
	}
	return 1
}

// fieldsProblem is one wrong field: its line, for sorting, and what is
// said.
type fieldsProblem struct {
	line int
	said string
}

// checkNode walks the node tree against the configuration's Go type: every
// key must be a field (with yaml.v3's strict decoding, but with line and
// field said in Chinese, and a likely spelling), written once, with a
// value of the field's kind; a whole number is whole. It records each
// field's and item's line in lines.
func checkNode(n *yaml.Node, t reflect.Type, path string, lines lineIndex, out *[]fieldsProblem) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	where := func() string {
		if path == "" {
			return fmt.Sprintf("第%d行", n.Line)
		}
		return fmt.Sprintf("第%d行%s", n.Line, describePath(path))
	}
	bad := func(format string, args ...any) {
		*out = append(*out, fieldsProblem{n.Line, where() + fmt.Sprintf(format, args...)})
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // left empty: the field keeps its zero value
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			if path == "" {
				bad("起，整个文件应是一项一行的“名称: 值”")
			} else {
				bad("应分行写出其下各项（“名称: 值”，比它多缩进两格），而这里是%s", shown(n))
			}
			return
		}
		fields := map[string]reflect.StructField{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if !f.IsExported() || name == "-" || name == "" {
				continue
			}
			fields[name] = f
			names = append(names, name)
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Tag == "!!merge" {
				checkNode(v, t, path, lines, out)
				continue
			}
			sub := k.Value
			if path != "" {
				sub = path + "." + k.Value
			}
			f, ok := fields[k.Value]
			switch {
			case !ok:
				said := fmt.Sprintf("第%d行有不认识的项“%s”", k.Line, k.Value)
				if path != "" {
					said = fmt.Sprintf("第%d行%s下有不认识的项“%s”", k.Line, describePath(path), k.Value)
				}
				if like := nearest(k.Value, names); like != "" {
					said += fmt.Sprintf("，是不是“%s”？", like)
				} else {
					said += "，这里可写的项有" + quoteAll(names)
				}
				*out = append(*out, fieldsProblem{k.Line, said})
				continue
			case seen[k.Value] > 0:
				*out = append(*out, fieldsProblem{k.Line, fmt.Sprintf("第%d行%s写了两次（第一次在第%d行）", k.Line, describePath(sub), seen[k.Value])})
				continue
			}
			seen[k.Value] = k.Line
			lines[sub] = k.Line
			checkNode(v, f.Type, sub, lines, out)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			bad("应是列表（写成 [甲, 乙]，或每项一行以“- ”开头），而这里是%s", shown(n))
			return
		}
		for i, item := range n.Content {
			sub := fmt.Sprintf("%s[%d]", path, i)
			lines[sub] = item.Line
			checkNode(item, t.Elem(), sub, lines, out)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			bad("应是一段文字，而这里是%s", shown(n))
		}
	case reflect.Int, reflect.Int64:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			bad("应是整数（如 5），而这里是%s", shownNumber(n))
			return
		}
		var x int64
		if err := n.Decode(&x); err != nil {
			bad("的数“%s”太大", n.Value)
		}
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" && n.Tag != "!!float" {
			bad("应是数（如 0.95），而这里是%s", shownNumber(n))
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			bad("应是“true”（是）或“false”（否），而这里是%s", shown(n))
		}
	}
}

// shown names what a node holds, for a message.
func shown(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "若干“名称: 值”"
	case yaml.SequenceNode:
		return "一个列表"
	}
	return "“" + n.Value + "”"
}

// shownNumber is shown, with advice when a number is written in quotes.
func shownNumber(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
		return "带引号的“" + n.Value + "”（数字不加引号）"
	}
	return shown(n)
}

// quoteAll lists names in quotes: “title”、“office”.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + n + "”"
	}
	return strings.Join(q, "、")
}

// nearest gives the field name that a misspelt key most likely meant (at
// most two letters added, dropped, changed or swapped), or "".
func nearest(key string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := suggest.Distance(strings.ToLower(key), n); d < bestD {
			best, bestD = n, d
		}
	}
	if bestD >= len([]rune(key)) {
		return ""
	}
	return best
}

// fieldsError is ErrConfig naming each wrong field, in the order of the
// file; past ten, the rest are counted.
func fieldsError(ps []fieldsProblem) error {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].line < ps[j].line })
	var said []string
	for i, p := range ps {
		if i == 10 {
			said = append(said, fmt.Sprintf("另有%d处", len(ps)-10))
			break
		}
		said = append(said, p.said)
	}
	return configError("%s", strings.Join(said, "；"))
}
