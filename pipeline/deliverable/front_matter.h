// The front matter of a deliverable: `key: value` lines between two `---` lines at the top of
// its Markdown file, a strict subset of YAML (no nesting, lists or multi-line values), so that
// every mistake can be located and explained.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/engagement.h"
#include "support/date.h"
#include "support/diagnostics.h"

namespace tillit::deliverable {

/// What a deliverable is; it decides the cover and the default table of contents.
enum class Kind { Whitepaper, Report, Letter, Memo };

/// Information classification, shown on the cover and in the running header.
enum class Confidentiality { Public, Internal, Confidential, StrictlyConfidential };

struct FrontMatter {
  ingest::Text title;
  ingest::Text subtitle;
  ingest::Text firm;
  ingest::Text author;
  ingest::Text language;    ///< "sv" or "en".
  ingest::Text date_text;   ///< As written.
  Date date{};
  Kind kind = Kind::Whitepaper;
  std::optional<Confidentiality> confidentiality;
  std::optional<bool> toc;  ///< Unset: whitepapers and reports have one, letters and memos not.
  bool draft = false;
  ingest::Text engagement;  ///< Path relative to the Markdown file; empty = none.
  ingest::Text template_path;  ///< A branded .docx/.dotx relative to the Markdown file.
  /// Every key as written, in order, for comparing the language versions.
  std::vector<std::pair<std::string, ingest::Text>> entries;
  Location start;           ///< The opening `---`.
  int body_line = 1;        ///< The line the Markdown body starts on.
  size_t body_offset = 0;   ///< Byte offset of the body in the file's text.

  bool has_toc() const { return toc.value_or(kind == Kind::Whitepaper || kind == Kind::Report); }
};

/// The keys the front matter knows, in the order the documentation lists them.
const std::vector<std::string_view>& front_matter_keys();

/// Parse the front matter of `text` (a whole Markdown file, valid UTF-8). Every problem is
/// reported at its line and column in `shown`; returns nullopt when any was an error.
std::optional<FrontMatter> parse_front_matter(std::string_view text, const std::string& shown,
                                              Diagnostics& diags);

/// The key for a kind or a classification, as the front matter writes it ("whitepaper",
/// "strictly-confidential"); also the suffix of its locale string.
std::string_view kind_key(Kind kind);
std::string_view confidentiality_key(Confidentiality c);

}  // namespace tillit::deliverable
