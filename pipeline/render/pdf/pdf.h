// The PDF stage: DOCX files rendered to PDF by LibreOffice, so the PDF is a rendering of the
// Word deliverable itself and cannot drift from it.
//
// LibreOffice shows the page numbers a DOCX table of contents had cached, so every index is
// updated through LibreOffice's UNO API before the export: templates/pdf/export.py, run with
// Debian's /usr/bin/python3 and python3-uno, starts a private headless soffice, updates the
// indexes and fields and exports with bookmarks, embedded fonts and tags.
//
// Exit codes of failed jobs: ExitCode::Unavailable when LibreOffice (or python3-uno) is
// missing, fails, hangs past the time limit or writes no valid PDF: the remedy is on the
// machine, not in the engagement. ExitCode::NoInput when the DOCX is missing.
// ExitCode::CantCreate when the PDF cannot be written (no such folder, no room, no
// permission). ExitCode::Software when the export script is missing from the binary.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "support/exit_codes.h"

namespace tillit::render::pdf {

struct PdfOptions {
  std::chrono::seconds timeout{180};  ///< Per job; the soffice of a job over it is killed.
  bool pdf_a = false;                 ///< PDF/A-2b instead of plain PDF.
  std::string soffice;                ///< Empty = find "soffice" in PATH.
};

struct PdfJob {
  std::string docx;
  std::string pdf;
  std::string title;     ///< The PDF's Title.
  std::string language;  ///< BCP 47, "sv-SE": the PDF's Lang.
};

struct PdfResult {
  bool ok = false;
  std::string error;  ///< One line for a diagnostic.
  ExitCode code = ExitCode::Ok;
  double seconds = 0;
};

/// Check that LibreOffice and Debian's python3-uno are usable; on failure `why` names the
/// package to install (libreoffice-writer-nogui / python3-uno).
bool available(const PdfOptions& options, std::string* why);

/// Convert the jobs in parallel, as many at once as there are cores, each soffice with its
/// own profile. Each PDF is written to a temporary file next to job.pdf and renamed only when
/// it is complete and verified (soffice exits 0 even on garbage), so a failed job leaves an
/// earlier PDF as it was. Results are in the order of `jobs`.
std::vector<PdfResult> convert(const std::vector<PdfJob>& jobs, const PdfOptions& options);

}  // namespace tillit::render::pdf
