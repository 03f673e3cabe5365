// The styles part: the reference's styles completed from the built-in ones, the document
// language set, and style ids resolved from the names the writer uses.
#pragma once

#include <array>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace tillit::render::docx {

/// The styles the writer refers to.
enum class StyleKey {
  Title,
  Subtitle,
  CoverNote,
  Heading1,
  Heading2,
  Heading3,
  Heading4,
  TocHeading,
  Toc1,
  Toc2,
  Toc3,
  Caption,
  Quote,
  SourceCode,
  Signature,
  TableText,
  TableHeading,
  ListParagraph,
  FootnoteText,
  Hyperlink,
  FootnoteReference,
  VerbatimChar,
  TableGrid,
  ControlsTable,
  KeyValueTable,
  kCount,
};

/// Adds to `styles` every style of `builtin` whose name (case-insensitive) it lacks, with
/// basedOn/next/link pointing at the ids `styles` uses for those names, and the built-in
/// docDefaults when it has none.
void add_missing_styles(pugi::xml_document& styles, const pugi::xml_document& builtin);

class StyleSheet {
 public:
  /// `styles_xml` falls back to `builtin_xml` when it is not well-formed. `language` is BCP 47.
  StyleSheet(std::string_view styles_xml, std::string_view builtin_xml, std::string_view language);
  /// The style id for `key`; empty when the styles have no such style.
  const std::string& id(StyleKey key) const { return ids_[static_cast<size_t>(key)]; }
  std::string xml() const;

 private:
  pugi::xml_document doc_;
  std::array<std::string, static_cast<size_t>(StyleKey::kCount)> ids_;
};

/// The language the writer tags text with: Meta::language, or en-US when it is empty.
std::string document_language(std::string_view language);

}  // namespace tillit::render::docx
