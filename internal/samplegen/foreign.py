#!/usr/bin/python3
"""Write standard-layout sheets for 青秀区 2018-10 with other programs.

Run from the repository root, after `go run ./internal/samplegen`:

    /usr/bin/python3 internal/samplegen/foreign.py [--out testdata/foreign]

1. openpyxl writes 青秀区-2018-10-openpyxl.xlsx: the standard layout with
   =SUM formulas in the 合计 row and, as openpyxl always does, no cached values.
2. LibreOffice (soffice --headless --convert-to xlsx) opens that file,
   recalculates and saves it as 青秀区-2018-10-libreoffice.xlsx, with cached
   values in the 合计 row.

The figures come from testdata/samples/figures.csv, so a test can compare what is read
with what was written. Output is not byte-identical from run to run
(timestamps inside the files); the figures are.
"""
import argparse
import csv
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

UNIT, PERIOD, TITLE_PERIOD = "青秀区", "2018-10", "2018年10月"
METRICS = ["personnel_dispatched", "problems_found", "problems_rectified", "letters_issued",
           "units_interviewed", "persons_interviewed", "units_held_accountable", "persons_held_accountable"]


def figures(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["unit"] == UNIT and r["period"] == PERIOD:
                rows.append((r["area"], [int(r[m]) for m in METRICS]))
    if len(rows) != 8:
        sys.exit(f"{path}: found {len(rows)} rows for {UNIT} {PERIOD}, want 8")
    return rows


def write_openpyxl(rows, path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "统计表"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws["A1"] = f"{UNIT}{TITLE_PERIOD}“两重两问”督查工作统计表"
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = center
    ws.merge_cells("A1:J1")
    ws["A2"] = f"填报单位：{UNIT}"
    ws.merge_cells("A2:E2")
    ws["H2"] = f"统计时段：{TITLE_PERIOD}"
    ws.merge_cells("H2:J2")
    heads = {"A3": "序号", "B3": "工作类别", "C3": "派出监督检查人员（人次）", "D3": "督查发现问题（个）",
             "E3": "完成整改问题（个）", "F3": "发出督办（挂牌督办）函（份）", "G3": "约谈", "I3": "问责",
             "G4": "责任单位（个）", "H4": "责任人（人）", "I4": "责任单位（个）", "J4": "责任人（人）"}
    for ref, text in heads.items():
        ws[ref] = text
    for col in "ABCDEF":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("G3:H3")
    ws.merge_cells("I3:J3")
    for i, (area, vals) in enumerate(rows):
        r = 5 + i
        ws.cell(r, 1, i + 1)
        ws.cell(r, 2, area)
        for k, v in enumerate(vals):
            ws.cell(r, 3 + k, v)
    ws.cell(13, 2, "合计")
    for k in range(8):
        col = "CDEFGHIJ"[k]
        ws[f"{col}13"] = f"=SUM({col}5:{col}12)"
    for row in ws.iter_rows(min_row=3, max_row=13, max_col=10):
        for c in row:
            c.border = box
            c.alignment = center
    ws["A14"] = "填表人：张三  联系电话：0771-1234567  说明：本表数据截至月末。"
    ws.merge_cells("A14:J14")
    ws.column_dimensions["B"].width = 22
    wb.save(path)


def convert_libreoffice(src, dst):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: LibreOffice file not written", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = os.path.join(tmp, "profile")
        outdir = os.path.join(tmp, "out")
        os.makedirs(outdir)
        shutil.copy(src, os.path.join(tmp, "in.xlsx"))
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir,
                        os.path.join(tmp, "in.xlsx")], check=True, timeout=180,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        made = glob.glob(os.path.join(outdir, "*.xlsx"))
        if not made:
            print("soffice wrote nothing", file=sys.stderr)
            return False
        shutil.move(made[0], dst)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="testdata/foreign")
    ap.add_argument("--figures", default="testdata/samples/figures.csv")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = figures(args.figures)
    a = os.path.join(args.out, f"{UNIT}-{PERIOD}-openpyxl.xlsx")
    write_openpyxl(rows, a)
    print("wrote", a)
    b = os.path.join(args.out, f"{UNIT}-{PERIOD}-libreoffice.xlsx")
    if convert_libreoffice(a, b):
        print("wrote", b)


if __name__ == "__main__":
    main()
