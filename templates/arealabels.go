package templates

// How row labels name work areas (area_labels).
const (
	// AreaLabelsClosed: a row with figures must be labelled with one of
	// the configured areas (or an alias); any other label is refused.
	AreaLabelsClosed = "closed"
	// AreaLabelsOpen: a row with figures whose label is not a total, a
	// subtotal, a part, a note or a heading is a work area of its own,
	// keyed by its label (a table of villages needs no list of them).
	AreaLabelsOpen = "open"
)

// OpenAreas reports whether any row label is a work area (area_labels: open).
func (c *Config) OpenAreas() bool { return c.AreaLabels == AreaLabelsOpen }

// checkAreaLabels refuses an area_labels that is neither closed nor open,
// and fills in the default (closed).
func (c *Config) checkAreaLabels(say func(path, format string, args ...any)) {
	switch c.AreaLabels {
	case "":
		c.AreaLabels = AreaLabelsClosed
	case AreaLabelsClosed, AreaLabelsOpen:
	default:
		say("area_labels", "“area_labels”应为“closed”（行标签须是“areas”中的工作类别）或“open”（任何行标签都是一个类别），不能是“%s”", c.AreaLabels)
	}
}
