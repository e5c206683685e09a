#!/usr/bin/python3
"""Write the legacy .xls (Excel 97-2003, BIFF8) fixtures under testdata/xls.

Run from the repository root:

    /usr/bin/python3 internal/samplegen/xls.py [--out testdata/xls]

Needs Debian's python3-xlwt and LibreOffice (soffice, with its python3-uno).

1. xlwt writes 统计表-xlwt.xls: Chinese text, merged header cells, integers,
   the float 12.5, the number stored as text "1,234", =SUM formulas in the
   合计 row (xlwt stores no cached values), =1/0, and a hidden second sheet.
2. LibreOffice opens that file, recalculates and saves it as
   统计表-libreoffice.xls, with cached values (合计 70012 and 9.5, #DIV/0!).
3. LibreOffice saves the same workbook with the open password "secret" as
   统计表-encrypted.xls (a FILEPASS record, RC4 encryption).
4. LibreOffice converts samples/2018-10/经开区.xlsx to
   经开区-2018-10-libreoffice.xls, so a test can compare it with the original.
5. LibreOffice converts the standard-layout sample
   samples/2018-10/南宁市青秀区2018年10月两重两问统计表.xlsx (two-row merged
   header, =SUM 合计 row) to 青秀区-2018-10-libreoffice.xls, likewise.

Output is not byte-identical from run to run (timestamps inside the files);
the cells are.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import xlwt

SAMPLE = os.path.join("samples", "2018-10", "经开区.xlsx")
# A standard-layout (A) sample: the two-row merged header and a =SUM 合计 row.
SAMPLE_MERGED = os.path.join("samples", "2018-10", "南宁市青秀区2018年10月两重两问统计表.xlsx")
PASSWORD = "secret"


def write_xlwt(path):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("统计表")
    ws.write_merge(0, 0, 0, 3, "南宁市经开区2018年10月统计表")
    ws.write_merge(1, 2, 0, 0, "工作类别")
    ws.write_merge(1, 1, 1, 2, "本月")
    ws.write(1, 3, "备注")
    ws.write(2, 1, "发现问题数")
    ws.write(2, 2, "整改数")
    ws.write(3, 0, "扶贫领域")
    ws.write(3, 1, 12)
    ws.write(3, 2, 12.5)
    ws.write(3, 3, "1,234")
    ws.write(4, 0, "其他")
    ws.write(4, 1, 70000)
    ws.write(4, 2, -3)
    ws.write(4, 3, 0.1)
    ws.write(5, 0, "合计")
    ws.write(5, 1, xlwt.Formula("SUM(B4:B5)"))
    ws.write(5, 2, xlwt.Formula("SUM(C4:C5)"))
    ws.write(5, 3, xlwt.Formula("1/0"))
    hidden = wb.add_sheet("旧表")
    hidden.visibility = 1
    hidden.write(0, 0, "隐藏的表")
    wb.save(path)


def convert(src, out_dir, name):
    """Let LibreOffice open src and save it as .xls under out_dir/name."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "xls", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        made = os.path.join(tmp, os.path.splitext(os.path.basename(src))[0] + ".xls")
        shutil.move(made, os.path.join(out_dir, name))


def encrypt(src, dst):
    """Save src as .xls with an open password, through LibreOffice's UNO API."""
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    pipe = "jianbao_xls_%d" % os.getpid()
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(["soffice", "--headless", "--norestore", "--nologo",
                                   "-env:UserInstallation=file://" + profile,
                                   "--accept=pipe,name=%s;urp;" % pipe],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ctx = connect(uno, pipe)
            smgr = ctx.ServiceManager
            desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                               (prop("Hidden", True),))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                           (prop("FilterName", "MS Excel 97"), prop("Password", PASSWORD)))
            doc.close(True)
        finally:
            office.terminate()
            office.wait()


def connect(uno, pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(60):
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            time.sleep(0.5)
    sys.exit("LibreOffice did not start")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join("testdata", "xls"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "统计表.xls")
        write_xlwt(src)
        shutil.copy(src, os.path.join(args.out, "统计表-xlwt.xls"))
        convert(src, args.out, "统计表-libreoffice.xls")
        encrypt(src, os.path.join(args.out, "统计表-encrypted.xls"))
    convert(SAMPLE, args.out, "经开区-2018-10-libreoffice.xls")
    convert(SAMPLE_MERGED, args.out, "青秀区-2018-10-libreoffice.xls")
    for name in sorted(os.listdir(args.out)):
        print(os.path.join(args.out, name))


if __name__ == "__main__":
    main()
