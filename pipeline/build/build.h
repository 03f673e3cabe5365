// `tillit build`: read and check the engagement, assemble the report per language and write
// the outputs. Every output is rendered before any is written, and each is written through
// a temporary file and a rename, so a failing build leaves the previous outputs as they were.
//
// Builds are incremental: a log in the output folder (build_log.h) records what each output
// was made from. When nothing the build would read has changed, nothing is done; otherwise the
// engagement is read and each report assembled, and only outputs whose content, template or
// tool changed are written again (the others keep their bytes and times). A PDF is converted
// again only when its DOCX changed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ingest/engagement.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::build {

struct BuildOptions {
  std::string dir;                           ///< The engagement folder.
  std::vector<std::string> languages;        ///< Empty = the manifest's languages.
  std::vector<std::string> formats = {"docx"};  ///< docx, pdf, html, md (pdf implies docx)
  std::string out_dir;                       ///< Empty = <dir>/out.
  std::string template_path;                 ///< A branded .docx/.dotx; overrides the manifest.
  bool strict = false;                       ///< Missing translations are errors.
  bool pdf_a = false;                        ///< PDF/A-2b instead of plain PDF.
  bool explain = false;                      ///< Fill Output::why for every output.
  /// With a label of an issued report: also a redline DOCX per language (format "redline"),
  /// the report with every change since that issue as a Word tracked change.
  std::string redline;
  /// Told about each step as it ends: ("assemble", "sv", seconds). May be empty.
  std::function<void(const std::string& step, const std::string& what, double seconds)> progress;
  /// When set, receives the one-line summary of what changed since the last issued version
  /// ("since v1: 2 deviations closed, ..."), or "" when nothing was issued.
  std::string* change_summary = nullptr;
};

/// The formats build knows, in the order it writes them.
const std::vector<std::string>& known_formats();

struct Output {
  std::string lang;
  std::string format;
  std::string path;
  bool rebuilt = true;  ///< False when it was up to date and left as it was.
  /// With BuildOptions::explain: why it was made again, or why not ("up to date").
  std::vector<std::string> why;
};

/// Build the report. Returns every output asked for, made again or up to date; problems are in
/// `diags` (when it has errors other than a missing tool, nothing was written).
std::vector<Output> build(Env& env, const BuildOptions& opts, Diagnostics& diags);

/// "molnkvarn-soc2-type2-sv.docx": the slug of the organisation (or <slug> from the
/// manifest), the report type and the language.
std::string output_name(const ingest::Manifest& m, const std::string& lang,
                        const std::string& extension);

/// ASCII file-name slug: "Molnkvarn Ö&Ä AB" -> "molnkvarn-o-a-ab".
std::string slugify(const std::string& s);

}  // namespace tillit::build
