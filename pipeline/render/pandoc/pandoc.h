// The Pandoc bridge: the document model written as Pandoc's JSON AST, and that JSON converted
// by the pandoc program into HTML, GitHub-flavoured Markdown or ODT.
//
// The JSON is the AST of pandoc-types 1.22 (pandoc 2.11 to 2.19; Debian 12 ships 2.17) or 1.23
// (pandoc 3). For what the model holds the two encode identically except for the version
// stamp, which pandoc checks (major.minor must match its own), so detect_api() first.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/document.h"
#include "support/env.h"

namespace tillit::render::pandoc {

/// The "pandoc-api-version" stamp: the pandoc-types version, e.g. {1, 22, 2, 1}.
struct ApiVersion {
  std::vector<int> parts;
  friend bool operator==(const ApiVersion&, const ApiVersion&) = default;
};

/// What Debian 12's pandoc 2.17 reads and writes.
inline const ApiVersion kApi1_22{{1, 22, 2, 1}};
/// What pandoc 3 reads and writes.
inline const ApiVersion kApi1_23{{1, 23, 1}};

/// True for the versions to_json() writes: 1.22.x and 1.23.x.
bool supported(const ApiVersion& v);

/// "1.22.2.1".
std::string to_string(const ApiVersion& v);

struct JsonOptions {
  /// Images are referenced as media_dir + "/" + media_names()[id]: a path relative to where
  /// pandoc resolves resources (ConvertOptions::resource_dir) and, for Markdown, to the file.
  std::string media_dir = "media";
};

/// The document as Pandoc's JSON AST, deterministic for identical input. Headings keep their
/// bookmarks as identifiers (a heading outside the table of contents gets class "unlisted");
/// Title, Subtitle, CoverNote, Caption and Signature paragraphs become a Div with class
/// "title", "subtitle", "cover-note", "caption" or "signature" around a Para; consecutive Code
/// paragraphs become one CodeBlock and consecutive Quote paragraphs one BlockQuote. Page and
/// section breaks, page-number fields and the table of contents are left out: pandoc makes
/// its own contents with --toc, titled by the TableOfContents block (meta "toc-title").
/// Meta: title, subtitle, author, date, lang. Throws std::invalid_argument for a version that
/// supported() rejects. A redline is written with its changes accepted: deleted content is
/// left out, as pandoc's AST has no tracked changes.
std::string to_json(const model::Document& doc, const ApiVersion& v, const JsonOptions& opts = {});

/// The file name of each image of `doc` in the media folder (image id -> "<id>.png"): the id
/// with characters other than [A-Za-z0-9._-] replaced, plus the image's extension.
std::map<std::string, std::string> media_names(const model::Document& doc);

/// Write every image of `doc` into `folder` (created if needed) under media_names().
bool write_media(Env& env, const model::Document& doc, const std::string& folder,
                 std::string* error);

/// The API version of the pandoc in PATH (or `program`), from `pandoc --version`: its
/// "pandoc-types" line where it prints one (pandoc 2), else from pandoc's own version
/// (3.0-3.1 -> 1.23, later 3.x -> 1.23.1). On failure returns nullopt and says why in
/// `error`: pandoc missing (naming the Debian package), or a version to_json() cannot write.
std::optional<ApiVersion> detect_api(std::string* error, const std::string& program = "pandoc");

/// The parsing half of detect_api(), for the text `pandoc --version` printed.
std::optional<ApiVersion> api_from_version_text(const std::string& text, std::string* error);

struct ConvertOptions {
  std::string program = "pandoc";
  /// Where pandoc looks for the images the JSON references (the folder holding
  /// JsonOptions::media_dir); empty = none are read.
  std::string resource_dir;
  bool toc = true;    ///< Add pandoc's table of contents (--toc).
  int toc_depth = 3;  ///< Heading levels in it.
  std::chrono::milliseconds timeout{std::chrono::minutes(2)};
};

struct ConvertResult {
  enum class Status { Ok, NotFound, TimedOut, Failed };
  Status status = Status::Failed;
  std::string output;    ///< The converted document (bytes, for ODT).
  std::string error;     ///< Why it failed; empty when ok.
  std::string warnings;  ///< What pandoc printed on stderr when it succeeded.
  bool ok() const { return status == Status::Ok; }
};

/// Convert Pandoc JSON with `pandoc -f json -t <to> -s`; `to` is "html", "gfm" or "odt".
/// HTML is one self-contained file: report.css (templates/pandoc/) and the images embedded.
/// Markdown opens with the meta as YAML front matter, is not wrapped, so diffs between builds
/// stay line by line, and has no raw HTML for the Divs to_json() writes around cover and
/// caption paragraphs or for image sizes. ODT is not byte-identical between runs (pandoc dates
/// its zip entries). Runs pandoc with an argument list (never a shell) and a time limit, in a
/// temporary folder it removes.
ConvertResult convert(const std::string& json, const std::string& to, const ConvertOptions& opts);

}  // namespace tillit::render::pandoc
