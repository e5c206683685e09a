package sheets

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
)

// unknownFormula stands for a formula whose tokens formulaText cannot show.
const unknownFormula = "…"

// xlsFunctions names the built-in functions common in statistics sheets, by
// their index in [MS-XLS] 2.5.198.17 Ftab, with the argument count used
// when the token does not carry one (-1: always given).
var xlsFunctions = map[int]struct {
	name string
	args int
}{
	0: {"COUNT", -1}, 1: {"IF", -1}, 2: {"ISNA", 1}, 3: {"ISERROR", 1}, 4: {"SUM", -1},
	5: {"AVERAGE", -1}, 6: {"MIN", -1}, 7: {"MAX", -1}, 24: {"ABS", 1}, 25: {"INT", 1},
	27: {"ROUND", 2}, 36: {"AND", -1}, 37: {"OR", -1}, 38: {"NOT", 1}, 169: {"COUNTA", -1},
	212: {"ROUNDUP", 2}, 213: {"ROUNDDOWN", 2}, 345: {"SUMIF", -1}, 346: {"COUNTIF", 2},
}

// xlsOperators are the binary operator tokens, 0x03 to 0x11.
var xlsOperators = []string{"+", "-", "*", "/", "^", "&", "<", "<=", "=", ">=", ">", "<>", " ", ",", ":"}

// formulaText shows a formula's parsed tokens ([MS-XLS] 2.5.198 Rgce) as
// the formula, without '=', to tell the clerk which formula has no value.
// It knows the tokens of simple formulas such as =SUM(B4:B5) or =B4+B5;
// for others it returns unknownFormula.
func formulaText(rgce []byte) string {
	if len(rgce) < 2 {
		return unknownFormula
	}
	r := newBytesReader(rgce[2:min(len(rgce), 2+int(binary.LittleEndian.Uint16(rgce)))])
	var stack []string
	for r.left > 0 {
		var ok bool
		if stack, ok = formulaToken(r, stack); !ok {
			return unknownFormula
		}
	}
	if len(stack) != 1 {
		return unknownFormula
	}
	return stack[0]
}

// formulaToken reads one token and applies it to the stack.
func formulaToken(r *bytesReader, stack []string) ([]string, bool) {
	ptg, _ := r.u8()
	pop := func(n int) ([]string, bool) {
		if n > len(stack) {
			return nil, false
		}
		args := append([]string(nil), stack[len(stack)-n:]...)
		stack = stack[:len(stack)-n]
		return args, true
	}
	switch {
	case ptg >= 0x03 && ptg <= 0x11:
		a, ok := pop(2)
		if !ok {
			return nil, false
		}
		return append(stack, a[0]+xlsOperators[ptg-0x03]+a[1]), true
	case ptg == 0x12 || ptg == 0x13 || ptg == 0x14 || ptg == 0x15:
		a, ok := pop(1)
		if !ok {
			return nil, false
		}
		return append(stack, [...]string{"+" + a[0], "-" + a[0], a[0] + "%", "(" + a[0] + ")"}[ptg-0x12]), true
	case ptg == 0x19:
		return formulaAttr(r, stack)
	case ptg == 0x1E:
		n, ok := r.u16()
		return append(stack, strconv.Itoa(n)), ok
	case ptg == 0x1F:
		b, ok := r.take(8)
		if !ok {
			return nil, false
		}
		return append(stack, numberText(math.Float64frombits(binary.LittleEndian.Uint64(b)))), true
	case ptg >= 0x20 && ptg < 0x80:
		return formulaOperand(r, ptg&0x1F, stack, pop)
	}
	return nil, false
}

// formulaAttr reads a PtgAttr token: only its SUM form changes the formula.
func formulaAttr(r *bytesReader, stack []string) ([]string, bool) {
	flags, ok1 := r.u8()
	n, ok2 := r.u16()
	if !ok1 || !ok2 {
		return nil, false
	}
	switch {
	case flags&0x04 != 0: // tAttrChoose: a jump table follows
		_, ok := r.take(2 * (n + 1))
		return stack, ok
	case flags&0x10 != 0 && len(stack) > 0: // tAttrSum: SUM of one argument
		stack[len(stack)-1] = "SUM(" + stack[len(stack)-1] + ")"
	}
	return stack, true
}

// formulaOperand reads references and function calls, of any operand class.
func formulaOperand(r *bytesReader, base int, stack []string, pop func(int) ([]string, bool)) ([]string, bool) {
	switch base {
	case 0x01, 0x02: // PtgFunc, PtgFuncVar
		args := -1
		if base == 0x02 {
			n, _ := r.u8()
			args = n & 0x7F
		}
		tab, ok := r.u16()
		f, known := xlsFunctions[tab&0x7FFF]
		if args < 0 {
			args = f.args
		}
		if !ok || !known || args < 0 {
			return nil, false
		}
		a, ok := pop(args)
		return append(stack, f.name+"("+strings.Join(a, ",")+")"), ok
	case 0x04: // PtgRef
		b, ok := r.take(4)
		if !ok {
			return nil, false
		}
		return append(stack, xlsCellRef(le16(b), le16(b[2:]))), true
	case 0x05: // PtgArea
		b, ok := r.take(8)
		if !ok {
			return nil, false
		}
		return append(stack, xlsCellRef(le16(b), le16(b[4:]))+":"+xlsCellRef(le16(b[2:]), le16(b[6:]))), true
	}
	return nil, false
}

// xlsCellRef names a cell of a reference token, with $ for absolute parts.
func xlsCellRef(row, col uint16) string {
	name := Ref(int(row), int(col&0x3FFF))
	i := strings.IndexAny(name, "0123456789")
	if i < 0 {
		return name
	}
	letters, digits := name[:i], name[i:]
	if col&0x4000 == 0 {
		letters = "$" + letters
	}
	if col&0x8000 == 0 {
		digits = "$" + digits
	}
	return letters + digits
}
