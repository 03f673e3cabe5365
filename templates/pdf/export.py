"""DOCX to PDF through LibreOffice's UNO API, with every index updated before the export.

Run by Tillit with Debian's /usr/bin/python3 (python3-uno):
  export.py SOFFICE PROFILE_DIR DOCX PDF TITLE LANGUAGE PDF_A

A table of contents imported from DOCX keeps the page numbers cached in the file; only an
index update through the API recomputes them from LibreOffice's own layout. Exit status 0
means PDF was written; otherwise the last line on standard error says why.
"""

import ctypes
import os
import signal
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException, Locale

# soffice.bin asks its launcher for a restart with this status after it has set up a new
# profile; oosplash (behind the soffice shell script) does the same.
RESTART_STATUS = 81
PR_SET_PDEATHSIG = 1


def die_with_parent():
    """Ask the kernel to kill this process when its parent dies, so no LibreOffice outlives
    a killed conversion."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def launch(soffice, profile_url, pipe_name):
    """soffice.bin itself when it sits next to the given program (the shell script and
    oosplash would stand between us and the process that does the work), else the program."""
    real = os.path.realpath(soffice)
    binary = os.path.join(os.path.dirname(real), "soffice.bin")
    program = binary if os.access(binary, os.X_OK) else soffice
    args = [program, "-env:UserInstallation=" + profile_url, "--headless", "--invisible",
            "--nologo", "--nodefault", "--norestore", "--nolockcheck",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe_name]
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            preexec_fn=die_with_parent)


def connect(soffice, profile_url, pipe_name):
    """Start LibreOffice and return (process, component context) once it accepts."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe_name
    process = launch(soffice, profile_url, pipe_name)
    while True:
        try:
            return process, resolver.resolve(url)
        except NoConnectException:
            status = process.poll()
            if status == RESTART_STATUS:
                process = launch(soffice, profile_url, pipe_name)
            elif status is not None:
                sys.exit("soffice exited with status %d before accepting a connection" % status)
            time.sleep(0.05)


def update_indexes(doc):
    """Update every index until the tables of contents stop changing: the first update can
    change their length, which moves the headings after them to other pages."""
    indexes = doc.getDocumentIndexes()
    before = None
    for _ in range(3):
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        after = [indexes.getByIndex(i).getAnchor().getString()
                 for i in range(indexes.getCount())]
        if after == before:
            return
        before = after


def export(ctx, docx, pdf, title, language, pdf_a):
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(docx)), "_blank", 0,
        (prop("Hidden", True), prop("FilterName", "MS Word 2007 XML")))
    if doc is None or not hasattr(doc, "getDocumentIndexes"):
        sys.exit("LibreOffice could not open %s as a Word document" % docx)
    try:
        update_indexes(doc)
        properties = doc.getDocumentProperties()
        properties.Title = title
        lang, _, country = language.partition("-")
        properties.Language = Locale(lang, country, "")
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", (
            prop("ExportBookmarks", True),
            prop("EmbedStandardFonts", True),
            prop("UseTaggedPDF", True),
            prop("SelectPdfVersion", 2 if pdf_a else 0),
        ))
        uno.invoke(doc, "storeToURL", (
            uno.systemPathToFileUrl(os.path.abspath(pdf)),
            (prop("FilterName", "writer_pdf_Export"), prop("FilterData", filter_data))))
    finally:
        doc.close(True)
    return desktop


def main(argv):
    if len(argv) != 8:
        sys.exit("usage: export.py SOFFICE PROFILE_DIR DOCX PDF TITLE LANGUAGE PDF_A")
    soffice, profile_dir, docx, pdf, title, language, pdf_a = argv[1:]
    die_with_parent()
    pipe_name = "tillit-%d" % os.getpid()
    process, ctx = connect(soffice, uno.systemPathToFileUrl(os.path.abspath(profile_dir)),
                           pipe_name)
    try:
        desktop = export(ctx, docx, pdf, title, language, pdf_a == "1")
        try:
            desktop.terminate()
        except DisposedException:
            pass  # The bridge went down with LibreOffice: terminated as asked.
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


if __name__ == "__main__":
    main(sys.argv)
