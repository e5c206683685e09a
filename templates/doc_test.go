package templates

import (
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
