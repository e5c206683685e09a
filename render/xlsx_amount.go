package render

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"jianbao/problem"
	"jianbao/templates"
)

// fig writes a figure of metric m: a count as num does; an amount (number:
// amount) as its exact decimal text, a number in the cell, shown with the
// metric's decimal places (#,##0.00). style is count, totalCount or delta.
func (b *book) fig(sheet string, col, row int, m templates.Metric, v int64, style int) {
	if b.err != nil {
		return
	}
	if m.Places() == 0 {
		b.num(sheet, col, row, v, style)
		return
	}
	text := m.Text(v)
	b.fit(sheet, col, textWidth("+,"+text+",")*1.1)
	if b.err = b.f.SetCellDefault(sheet, cell(col, row), text); b.err == nil {
		b.style(sheet, col, row, b.amountStyle(style, m.Places()))
	}
}

// xlAmountFormat is the number format of an amount with places decimals,
// after the format of a count style: #,##0.00, or +#,##0.00;-#,##0.00;0.00
// for a change.
func xlAmountFormat(delta bool, places int) string {
	d := "." + strings.Repeat("0", places)
	if delta {
		return "+#,##0" + d + ";-#,##0" + d + ";0" + d
	}
	return "#,##0" + d
}

// amountStyle gives the style of an amount cell like the count style base,
// made once per style and number of places.
func (b *book) amountStyle(base, places int) int {
	key := [2]int{base, places}
	if id, ok := b.amounts[key]; ok {
		return id
	}
	var s excelize.Style
	switch base {
	case b.st.totalCount:
		s = xlCell(bodyFont(true), nil, 0, xlAmountFormat(false, places))
	case b.st.delta:
		s = xlCell(bodyFont(false), &excelize.Alignment{Horizontal: "right", Vertical: "center"}, 0, xlAmountFormat(true, places))
	default:
		s = xlCell(bodyFont(false), nil, 0, xlAmountFormat(false, places))
	}
	id, err := b.f.NewStyle(&s)
	if err != nil {
		b.err = problem.Wrap(ErrWorkbook, err)
		return base
	}
	if b.amounts == nil {
		b.amounts = map[[2]int]int{}
	}
	b.amounts[key] = id
	return id
}
