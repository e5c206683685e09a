package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"jianbao/templates"
)

// No string in the code of aggregate, render or ingest names a metric of
// the shipped configuration or speaks of 整改: what a report counts and
// how it is worked out come from the configuration.
func TestNoReportWordsInCode(t *testing.T) {
	words := []string{"整改"}
	for _, m := range templates.Default().Metrics {
		words = append(words, m.ID)
	}
	for _, dir := range []string{"../aggregate", ".", "../ingest", "../ingest/sheets", "../templates", "../problem", ".."} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files, err := filepath.Glob(filepath.Join(dir, "*.go"))
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range files {
				if strings.HasSuffix(path, "_test.go") {
					continue
				}
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				fs := token.NewFileSet()
				f, err := parser.ParseFile(fs, path, src, 0)
				if err != nil {
					t.Fatal(err)
				}
				ast.Inspect(f, func(n ast.Node) bool {
					lit, ok := n.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						return true
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						s = lit.Value
					}
					for _, w := range words {
						if strings.Contains(s, w) {
							t.Errorf("%s: %q names %q", fs.Position(lit.Pos()), s, w)
						}
					}
					return true
				})
			}
		})
	}
}
