package templates

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Every field of Config is explained, in Chinese, in the embedded
// config.yaml that `jianbao defaults` writes: a field of a group
// (report.title) is written with a comment above it or at its end of line;
// a field of a list's items (units: name) is explained in the comment
// above the list, on a line “#   name: …”. A field added to the Go types
// without its explanation fails here.
func TestEveryFieldExplained(t *testing.T) {
	b, err := DefaultFile(DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	explained(t, doc.Content[0], reflect.TypeOf(Config{}), "", "")
}

var chinese = regexp.MustCompile(`\p{Han}`)

// olderWays are the fields of an older way of writing the configuration,
// still read but not in the shipped file (README_zh.md lists them).
var olderWays = map[string]bool{"rate": true, "ranking": true}

// explained checks the fields of struct type typ against the mapping n
// (nil when the struct is a list's item: then listHead, the comment above
// the list, must explain each field).
func explained(t *testing.T, n *yaml.Node, typ reflect.Type, path, listHead string) {
	t.Helper()
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		full := strings.TrimPrefix(path+"."+name, ".")
		if olderWays[full] {
			continue // read from older files, never written in the shipped one
		}
		var key, value *yaml.Node
		if n != nil {
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == name {
					key, value = n.Content[j], n.Content[j+1]
				}
			}
		}
		var comment string
		switch {
		case n == nil:
			line := regexp.MustCompile(`(?m)^#\s+` + regexp.QuoteMeta(name) + `:(.*)$`).FindStringSubmatch(listHead)
			if line == nil {
				t.Errorf("%s: not explained on a line “#   %s: …” above the list", full, name)
				continue
			}
			comment = line[1]
		case key == nil:
			t.Errorf("%s: not in %s", full, DefaultConfigName)
			continue
		default:
			comment = key.HeadComment + key.LineComment + value.LineComment
		}
		if !chinese.MatchString(comment) {
			t.Errorf("%s: no explanation in Chinese (comment %q)", full, comment)
		}
		ft := f.Type
		switch {
		case ft.Kind() == reflect.Struct && value != nil:
			explained(t, value, ft, full, "")
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			if key == nil {
				t.Errorf("%s: a list of groups must be written, to explain its fields", full)
				continue
			}
			explained(t, nil, ft.Elem(), full, key.HeadComment)
		}
	}
}

// README_zh.md's table of the configuration's fields (配置文件说明) has a row
// for every field of Config.
func TestEveryFieldInReadme(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README_zh.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "## 配置文件说明")
	if !ok {
		t.Fatal("README_zh.md has no section 配置文件说明")
	}
	var walk func(typ reflect.Type, path, list string)
	walk = func(typ reflect.Type, path, list string) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if !f.IsExported() || name == "" || name == "-" {
				continue
			}
			full := strings.TrimPrefix(path+"."+name, ".")
			row := "| `" + full + "`"
			if list != "" {
				row = "| `" + list + "` 的 "
				if !regexp.MustCompile("(?m)^" + regexp.QuoteMeta(row) + ".*`" + name + "`").MatchString(section) {
					t.Errorf("%s: no row “%s`%s`” in README_zh.md", full, row, name)
				}
			} else if !strings.Contains(section, row+" |") && f.Type.Kind() != reflect.Struct {
				t.Errorf("%s: no row “%s |” in README_zh.md", full, row)
			}
			switch ft := f.Type; {
			case ft.Kind() == reflect.Struct:
				walk(ft, full, "")
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walk(ft.Elem(), full, full)
			}
		}
	}
	walk(reflect.TypeOf(Config{}), "", "")
}
