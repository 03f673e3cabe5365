// The report as it was issued, kept beside the snapshot so a redline compares against exactly
// what the client saw: the assembled document model of one language as JSON
// (DIR/issued/reports/<label>.<lang>.json), written and read strictly like the snapshot.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/document.h"
#include "support/diagnostics.h"

namespace tillit::history {

/// Bumped whenever the layout changes; other versions are refused, never guessed at.
inline constexpr int kDocumentFormatVersion = 1;
/// The "format" member that marks a file as an issued report.
inline constexpr std::string_view kDocumentFormatName = "tillit-issued-document";

struct IssuedDocument {
  std::string label;
  std::string lang;
  /// SHA-256 of the snapshot issued with it (to_json of the snapshot as read back), so a
  /// report left over from an earlier issue of the same label is not taken for this one.
  std::string snapshot_digest;
  model::Document doc;
};

/// Every field of the model, members in a fixed order, marks only where set; the top-level
/// members, blocks and images one to a line, each written on that line. Images are kept
/// inside, in Base64: one file per language, written in one atomic step, cannot lose its
/// images or pick up another version's; the cost is a third more bytes for a few logos.
std::string to_json(const IssuedDocument& issued);

/// Read what to_json wrote. Anything else, including another format version, is an error
/// (DataError) at the line and column where it goes wrong.
std::optional<IssuedDocument> document_from_json(std::string_view text, const std::string& shown,
                                                 Diagnostics& diags);

}  // namespace tillit::history
