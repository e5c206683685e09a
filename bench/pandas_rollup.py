#!/usr/bin/python3
"""The rollup as a pandas script would do it: read_excel every workbook under
DIR (openpyxl engine, every sheet), keep the sheets in the standard layout
only (a 工作类别 header over two header rows, eight work-area rows), sum each
metric column by unit and month with groupby, and write the result with
to_excel and a small JSON summary.

It recognises ONLY the standard template (no retyped headers, no lists, no
numbers typed as text, no 合计 check, no unit aliases): the other layouts are
read but not summed, and counted as skipped. It therefore does less work per
file than jianbao does.

    /usr/bin/python3 bench/pandas_rollup.py DIR OUTDIR
"""
import json
import os
import re
import sys

import pandas as pd

METRICS = ["personnel_dispatched", "problems_found", "problems_rectified", "letters_issued",
           "units_interviewed", "persons_interviewed", "units_held_accountable", "persons_held_accountable"]
PERIOD = re.compile(r"(\d{4})-(\d{2})")


def standard_rows(df):
    """Return the 8 x 8 block of figures of a standard sheet, or None."""
    if df.shape[0] < 13 or df.shape[1] < 10 or str(df.iat[2, 1]).strip() != "工作类别":
        return None
    block = df.iloc[4:12, 2:10]
    try:
        return block.apply(pd.to_numeric, errors="raise").fillna(0).astype("int64")
    except (ValueError, TypeError):
        return None  # numbers typed as text: not handled by this script


def unit_of(df):
    cell = str(df.iat[1, 0])
    return cell.split("：", 1)[1].strip() if "：" in cell else ""


def main(root, out):
    records, read, skipped = [], 0, 0
    for dirpath, _, names in sorted(os.walk(root)):
        m = PERIOD.search(os.path.basename(dirpath))
        for name in sorted(names):
            if not name.endswith(".xlsx"):
                continue
            sheets = pd.read_excel(os.path.join(dirpath, name), sheet_name=None, header=None, engine="openpyxl")
            read += 1
            used = False
            for df in sheets.values():
                block = standard_rows(df)
                if block is None or m is None:
                    continue
                sums = block.sum(axis=0).tolist()
                records.append([unit_of(df), f"{m.group(1)}-{m.group(2)}"] + sums)
                used = True
                break
            if not used:
                skipped += 1
    frame = pd.DataFrame(records, columns=["unit", "period"] + METRICS)
    by_unit_month = frame.groupby(["unit", "period"], sort=True)[METRICS].sum()
    by_month = frame.groupby("period", sort=True)[METRICS].sum()
    os.makedirs(out, exist_ok=True)
    with pd.ExcelWriter(os.path.join(out, "pandas_rollup.xlsx"), engine="openpyxl") as w:
        by_month.to_excel(w, sheet_name="by_month")
        by_unit_month.to_excel(w, sheet_name="by_unit_month")
    summary = {"files": read, "summed": len(records), "skipped_not_standard": skipped,
               "by_month": {p: {k: int(v) for k, v in row.items()} for p, row in by_month.iterrows()}}
    with open(os.path.join(out, "pandas_summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, indent=1)
    print(f"pandas: read {read} files, summed {len(records)} standard sheets, skipped {skipped}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
