#!/usr/bin/python3
"""Write generated cases (the JSON of jianbao/ingest/tablegen) as .xlsx files.

    tablegen_write.py --writer openpyxl|xlsxwriter OUTDIR CASE.json...

Each CASE.json becomes OUTDIR/CASE.xlsx. The writers differ from excelize in
ways real files do: openpyxl stores text in the shared-string table and
writes formulas without a cached value (as files saved by scripts are);
xlsxwriter writes formulas with the cached value it is given, merged ranges
through merge_range, and styles of its own.
"""

import json
import os
import sys


def cells_by_sheet(sheet):
    return {(c["row"], c["col"]): c for c in sheet.get("cells") or []}


def number(c):
    v = c.get("number", 0)
    return int(v) if float(v).is_integer() else v


def write_openpyxl(case, path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    book = case["book"]
    for sheet in book["sheets"]:
        ws = wb.create_sheet(sheet["name"])
        for c in sheet.get("cells") or []:
            cell = ws.cell(row=c["row"] + 1, column=c["col"] + 1)
            kind = c["kind"]
            if kind == "text":
                cell.value = c.get("text", "")
                cell.data_type = "s"  # never read as a formula or a number
            elif kind == "number":
                cell.value = number(c)
            else:
                cell.value = "=" + c["formula"]  # openpyxl keeps no cached value
            if c.get("format"):
                cell.number_format = c["format"]
            indent = c.get("indent", 0)
            wrap = "\n" in (c.get("text") or "")
            if indent or wrap:
                cell.alignment = Alignment(indent=indent, wrap_text=wrap,
                                           horizontal="left" if indent else None)
        for m in sheet.get("merges") or []:
            ws.merge_cells(start_row=m["top"] + 1, start_column=m["left"] + 1,
                           end_row=m["bottom"] + 1, end_column=m["right"] + 1)
        for r in sheet.get("hidden_rows") or []:
            ws.row_dimensions[r + 1].hidden = True
        for col in sheet.get("hidden_cols") or []:
            ws.column_dimensions[get_column_letter(col + 1)].hidden = True
        if sheet.get("hidden"):
            ws.sheet_state = "hidden"
    active = book.get("active", 0)
    wb.active = active
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = i == active
    wb.save(path)


def write_xlsxwriter(case, path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False})
    formats = {}

    def fmt(c):
        key = (c.get("format", ""), c.get("indent", 0), "\n" in (c.get("text") or ""))
        if key == ("", 0, False):
            return None
        if key not in formats:
            f = wb.add_format()
            if key[0]:
                f.set_num_format(key[0])
            if key[1]:
                f.set_indent(key[1])
                f.set_align("left")
            if key[2]:
                f.set_text_wrap()
            formats[key] = f
        return formats[key]

    def write(ws, r, col, c):
        f = fmt(c)
        kind = c["kind"]
        if kind == "text":
            ws.write_string(r, col, c.get("text", ""), f)
        elif kind == "number":
            ws.write_number(r, col, number(c), f)
        elif c.get("cached"):
            ws.write_formula(r, col, "=" + c["formula"], f, number(c))
        else:
            ws.write_formula(r, col, "=" + c["formula"], f, "")

    book = case["book"]
    sheets = []
    for sheet in book["sheets"]:
        ws = wb.add_worksheet(sheet["name"])
        sheets.append(ws)
        cells = cells_by_sheet(sheet)
        merged_tops = set()
        for m in sheet.get("merges") or []:
            top = cells.get((m["top"], m["left"]))
            merged_tops.add((m["top"], m["left"]))
            f = fmt(top) if top else None
            ws.merge_range(m["top"], m["left"], m["bottom"], m["right"], "", f)
            if top:
                write(ws, m["top"], m["left"], top)
        for (r, col), c in sorted(cells.items()):
            if (r, col) not in merged_tops:
                write(ws, r, col, c)
        for r in sheet.get("hidden_rows") or []:
            ws.set_row(r, None, None, {"hidden": True})
        for col in sheet.get("hidden_cols") or []:
            ws.set_column(col, col, None, None, {"hidden": True})
        if sheet.get("hidden"):
            ws.hide()
    sheets[book.get("active", 0)].activate()
    wb.close()


def main(argv):
    if len(argv) < 4 or argv[1] != "--writer" or argv[2] not in ("openpyxl", "xlsxwriter"):
        sys.stderr.write(__doc__)
        return 2
    writer = write_openpyxl if argv[2] == "openpyxl" else write_xlsxwriter
    out = argv[3]
    os.makedirs(out, exist_ok=True)
    for src in argv[4:]:
        with open(src, encoding="utf-8") as f:
            case = json.load(f)
        base = os.path.splitext(os.path.basename(src))[0]
        writer(case, os.path.join(out, base + ".xlsx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
