"""Fill cells of an XLSX file in LibreOffice Calc, headless, and save it.

Run with the system Python that has LibreOffice's UNO bridge (Debian:
python3-uno), not the project's venv:

    /usr/bin/python3 fill_xlsx.py SOFFICE JOBS.json

JOBS.json is a list of {"source": IN.xlsx, "target": OUT.xlsx, "rows": ROWS}, all
done in one LibreOffice session. ROWS is a list of rows, each a list of
[header, kind, value] with kind
"text", "number" or "date" (value ДД.ММ.ГГГГ, entered as a real date cell
the way a person picks a date). Cells are found by the header text of the
first sheet's first row, as a person would find them.
"""

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(soffice, profile):
    pipe = f"nastav{os.getpid()}"
    process = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.time() + 60
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception as exc:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit("LibreOffice did not start") from exc
            time.sleep(0.3)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    return process, desktop


def main(soffice, jobs_file):
    with open(jobs_file, encoding="utf-8") as stream:
        jobs = json.load(stream)
    with tempfile.TemporaryDirectory() as profile:
        process, desktop = connect(soffice, profile)
        try:
            for job in jobs:
                fill(desktop, job["source"], job["target"], job["rows"])
        finally:
            try:
                desktop.terminate()
            except Exception:
                pass
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def fill(desktop, source, target, rows):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
    )
    sheet = doc.Sheets.getByIndex(0)
    headers = {}
    for col in range(200):
        text = sheet.getCellByPosition(col, 0).getString()
        if text:
            headers[text] = col
    formats = doc.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")
    date_format = formats.queryKey("DD.MM.YYYY", locale, False)
    if date_format == -1:
        date_format = formats.addNew("DD.MM.YYYY", locale)
    for number, row in enumerate(rows, start=1):
        for header, kind, value in row:
            cell = sheet.getCellByPosition(headers[header], number)
            if kind == "number":
                cell.setValue(float(value))
            elif kind == "date":
                day = dt.datetime.strptime(value, "%d.%m.%Y").date()
                cell.setValue((day - dt.date(1899, 12, 30)).days)
                cell.NumberFormat = date_format
            else:
                cell.setString(value)
    doc.storeToURL(
        uno.systemPathToFileUrl(os.path.abspath(target)),
        (prop("FilterName", "Calc MS Excel 2007 XML"),),
    )
    doc.close(True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
