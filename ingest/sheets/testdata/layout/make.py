"""Writes the layout test workbooks: hidden rows and columns, indented cells.

Run with Debian's Python, which has python3-openpyxl and python3-xlwt:

    /usr/bin/python3 ingest/sheets/testdata/layout/make.py [DIR] [--libreoffice] [--no-xlwt]

DIR defaults to this script's folder. With --libreoffice, LibreOffice
(soffice) also converts the openpyxl workbook to .xls and .xlsx; with
--no-xlwt, the .xls of xlwt is not written.

Every workbook holds the same cells (see README.md): sheet 统计表 with row 6
hidden, columns D:E hidden, column H (empty) hidden, A4 indented 1, A5
indented 2 and B5 indented 3; sheet 说明 with nothing hidden or indented.
"""

import os
import shutil
import subprocess
import sys
import tempfile

ROWS = [
    ["统计表"],
    ["工作类别", "本月", "累计", "备注", "旧列"],
    ["一、脱贫攻坚", 3, 10],
    ["产业扶贫", 1, 4],
    ["危房改造", 2, 6],
    ["旧数据", 9, 9],
    ["合计", 3, 10],
]
INDENT = {(3, 0): 1, (4, 0): 2, (4, 1): 3}  # 0-based (row, column): level
HIDDEN_ROWS = [5]                           # 0-based
HIDDEN_COLS = [3, 4, 7]                     # 0-based; H is empty
NOTE = "填表说明：隐藏的行和列不计入。"


def write_openpyxl(path):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "统计表"
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            cell = ws.cell(row=r + 1, column=c + 1, value=v)
            if (r, c) in INDENT:
                cell.alignment = Alignment(horizontal="left", indent=INDENT[(r, c)])
    for r in HIDDEN_ROWS:
        ws.row_dimensions[r + 1].hidden = True
    for c in HIDDEN_COLS:
        ws.column_dimensions[get_column_letter(c + 1)].hidden = True
    wb.create_sheet("说明").cell(row=1, column=1, value=NOTE)
    wb.save(path)


def write_xlwt(path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("统计表")
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            if (r, c) in INDENT:
                ws.write(r, c, v, xlwt.easyxf("align: horiz left, indent %d" % INDENT[(r, c)]))
            else:
                ws.write(r, c, v)
    for r in HIDDEN_ROWS:
        ws.row(r).hidden = True
    for c in HIDDEN_COLS:
        ws.col(c).hidden = True
    wb.add_sheet("说明").write(0, 0, NOTE)
    wb.save(path)


def convert_libreoffice(src, out_dir):
    """Converts src with LibreOffice to layout-libreoffice.xls and .xlsx."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = "-env:UserInstallation=file://" + os.path.join(tmp, "profile")
        for ext, filt in (("xls", "xls:MS Excel 97"), ("xlsx", "xlsx:Calc MS Excel 2007 XML")):
            subprocess.run(["soffice", profile, "--headless", "--convert-to", filt, "--outdir", tmp, src],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
            base = os.path.splitext(os.path.basename(src))[0]
            shutil.move(os.path.join(tmp, base + "." + ext), os.path.join(out_dir, "layout-libreoffice." + ext))


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    out_dir = args[0] if args else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    xlsx = os.path.join(out_dir, "layout-openpyxl.xlsx")
    write_openpyxl(xlsx)
    if "--no-xlwt" not in argv:
        write_xlwt(os.path.join(out_dir, "layout-xlwt.xls"))
    if "--libreoffice" in argv:
        convert_libreoffice(xlsx, out_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
