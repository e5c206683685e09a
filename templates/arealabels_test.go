package templates

import (
	"errors"
	"strings"
	"testing"
)

func TestAreaLabels(t *testing.T) {
	tests := []struct {
		name, line string // the area_labels line, "" to leave it out
		open       bool
		want       string // part of the error, "" when valid
	}{
		{name: "left out is closed", line: ""},
		{name: "closed", line: "area_labels: closed"},
		{name: "open", line: "area_labels: open", open: true},
		{name: "neither", line: "area_labels: 开放", want: "第"},
		{name: "neither names the field", line: "area_labels: any", want: "“area_labels”应为“closed”"},
	}
	b, err := DefaultFile(DefaultConfigName)
	if err != nil {
		t.Fatal(err)
	}
	const shipped = "area_labels: closed\n"
	if !strings.Contains(string(b), shipped) {
		t.Fatalf("the shipped configuration has no line %q", shipped)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			line := tc.line
			if line != "" {
				line += "\n"
			}
			c, err := Parse([]byte(strings.Replace(string(b), shipped, line, 1)))
			if tc.want != "" {
				if err == nil || !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("err = %v, want one saying %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.OpenAreas() != tc.open {
				t.Errorf("OpenAreas = %v, want %v", c.OpenAreas(), tc.open)
			}
			if !tc.open && c.AreaLabels != AreaLabelsClosed {
				t.Errorf("AreaLabels = %q, want the default %q", c.AreaLabels, AreaLabelsClosed)
			}
		})
	}
}
