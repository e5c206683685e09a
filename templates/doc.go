// Package templates holds what an office edits without recompiling: the
// report configuration (config.yaml: units and their other spellings, metrics
// and their header names, work areas, labels, checks, masthead) and the
// narrative text of the briefing (briefing.tmpl, a text/template). Both are
// embedded in the binary; Load and Briefing read a user's own copy instead.
package templates
