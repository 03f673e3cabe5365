"""DOCX to PDF through LibreOffice's UNO API, with every index updated before the export.

Tillit runs it with Debian's /usr/bin/python3 (python3-uno):
  export.py SOFFICE PROFILE_DIR DOCX PDF TITLE LANGUAGE PDF_A
TITLE and LANGUAGE ("sv-SE") go into the PDF's metadata (empty = keep the document's);
PDF_A is 1 for PDF/A-2b. Exit status 0 means the PDF was written; otherwise the last line on
standard error says why.

A table of contents imported from DOCX shows the page numbers cached in the file; only an
index update through the API recomputes them from LibreOffice's own layout.
"""

import ctypes
import os
import pathlib
import signal
import subprocess
import sys
import time

# Imported by import_uno() once LibreOffice is starting: the import takes 0.2 s that
# LibreOffice's own start hides.
uno = PropertyValue = NoConnectException = Locale = None


def import_uno():
    global uno, PropertyValue, NoConnectException, Locale
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
    from com.sun.star.lang import Locale

# soffice.bin exits with this status after setting up a new profile, asking its launcher
# (oosplash, behind the soffice script) to start it again.
RESTART_STATUS = 81
PR_SET_PDEATHSIG = 1

# A new profile makes LibreOffice think it was just upgraded, and after an upgrade it runs
# its graphics rendering self-tests: 4 of the 5 seconds its start takes. A last-run version
# above any real one skips them; the profile is thrown away after the conversion.
PROFILE_SEED = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse">
<value>99.9</value></prop></item>
</oor:items>
"""


def die_with_parent():
    """Have the kernel kill this process when its parent dies, so that no LibreOffice
    outlives a conversion Tillit gave up on."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    """A private headless LibreOffice that accepts UNO connections on a named pipe; killed
    on the way out. Once the PDF is stored an orderly shutdown would only save the profile,
    which is thrown away, and takes 0.3 s."""

    def __init__(self, soffice, profile_dir):
        # soffice.bin itself when it sits next to the program: the soffice script and
        # oosplash would otherwise stand between us and the process doing the work.
        binary = os.path.join(os.path.dirname(os.path.realpath(soffice)), "soffice.bin")
        self.program = binary if os.access(binary, os.X_OK) else soffice
        user = os.path.join(profile_dir, "user")
        os.makedirs(user, exist_ok=True)
        with open(os.path.join(user, "registrymodifications.xcu"), "w") as seed:
            seed.write(PROFILE_SEED)
        self.profile_url = pathlib.Path(os.path.abspath(profile_dir)).as_uri()
        self.pipe = "tillit-%d" % os.getpid()
        self.process = None

    def _start(self):
        self.process = subprocess.Popen(
            [self.program, "-env:UserInstallation=" + self.profile_url, "--headless",
             "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, preexec_fn=die_with_parent)

    def __enter__(self):
        self._start()
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def connect(self):
        """The component context, once LibreOffice accepts the connection."""
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe
        while True:
            try:
                return resolver.resolve(url)
            except NoConnectException:
                status = self.process.poll()
                if status == RESTART_STATUS:
                    self._start()
                elif status is not None:
                    sys.exit("soffice exited with status %d before accepting a connection"
                             % status)
                time.sleep(0.05)


def update_indexes(doc):
    """Update every index, then the fields, until the indexes stop changing: an update can
    change a table of contents' length and so move the headings after it to other pages."""
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


def export(desktop, docx, pdf, title, language, pdf_a):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(docx)), "_blank", 0,
        (prop("Hidden", True), prop("FilterName", "MS Word 2007 XML")))
    if doc is None or not hasattr(doc, "getDocumentIndexes"):
        sys.exit("LibreOffice could not open %s as a Word document" % docx)
    try:
        update_indexes(doc)
        properties = doc.getDocumentProperties()
        if title:
            properties.Title = title
        if language:
            lang, _, country = language.partition("-")
            properties.Language = Locale(lang, country, "")
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", (
            prop("ExportBookmarks", True),  # the outline, from the headings
            prop("EmbedStandardFonts", True),
            prop("UseTaggedPDF", True),
            prop("SelectPdfVersion", 2 if pdf_a else 0),
        ))
        uno.invoke(doc, "storeToURL", (
            uno.systemPathToFileUrl(os.path.abspath(pdf)),
            (prop("FilterName", "writer_pdf_Export"), prop("FilterData", filter_data))))
    finally:
        doc.close(True)


def main(argv):
    if len(argv) != 8:
        sys.exit("usage: export.py SOFFICE PROFILE_DIR DOCX PDF TITLE LANGUAGE PDF_A")
    soffice, profile_dir, docx, pdf, title, language, pdf_a = argv[1:]
    die_with_parent()
    with Office(soffice, profile_dir) as office:
        import_uno()
        ctx = office.connect()
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        export(desktop, docx, pdf, title, language, pdf_a == "1")


if __name__ == "__main__":
    main(sys.argv)
