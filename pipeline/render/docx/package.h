// The OPC package of a DOCX: relationships, media, [Content_Types].xml and the zip archive.
// Content types and every .rels are generated from the parts actually written, never copied.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tillit::render::docx {

/// Relationship types, relative to http://schemas.openxmlformats.org/officeDocument/2006/
/// relationships/ (see Relationships::add).
namespace rel {
inline constexpr std::string_view kOfficeDocument = "officeDocument";
inline constexpr std::string_view kExtendedProperties = "extended-properties";
inline constexpr std::string_view kStyles = "styles";
inline constexpr std::string_view kNumbering = "numbering";
inline constexpr std::string_view kSettings = "settings";
inline constexpr std::string_view kWebSettings = "webSettings";
inline constexpr std::string_view kFontTable = "fontTable";
inline constexpr std::string_view kTheme = "theme";
inline constexpr std::string_view kFootnotes = "footnotes";
inline constexpr std::string_view kHeader = "header";
inline constexpr std::string_view kFooter = "footer";
inline constexpr std::string_view kImage = "image";
inline constexpr std::string_view kHyperlink = "hyperlink";
/// The one package-level type outside the officeDocument namespace.
inline constexpr std::string_view kCoreProperties =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
}  // namespace rel

/// Content types of the parts the writer produces.
namespace content_type {
inline constexpr std::string_view kDocument =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
inline constexpr std::string_view kStyles =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
inline constexpr std::string_view kNumbering =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
inline constexpr std::string_view kSettings =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
inline constexpr std::string_view kWebSettings =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml";
inline constexpr std::string_view kFontTable =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
inline constexpr std::string_view kTheme =
    "application/vnd.openxmlformats-officedocument.theme+xml";
inline constexpr std::string_view kFootnotes =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";
inline constexpr std::string_view kHeader =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
inline constexpr std::string_view kFooter =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
inline constexpr std::string_view kCoreProperties =
    "application/vnd.openxmlformats-package.core-properties+xml";
inline constexpr std::string_view kExtendedProperties =
    "application/vnd.openxmlformats-officedocument.extended-properties+xml";
}  // namespace content_type

/// The relationships of one part. Ids are "rId1", "rId2"... in the order of first use; adding
/// the same relationship again returns the id it already has.
class Relationships {
 public:
  /// `type` is a short name from rel:: or a full URI.
  std::string add(std::string_view type, std::string_view target, bool external = false);
  /// With a fixed id: a part copied from the reference keeps the ids its XML refers to.
  void add_with_id(std::string_view id, std::string_view type, std::string_view target,
                   bool external);
  bool empty() const { return entries_.empty(); }
  std::string xml() const;

 private:
  struct Entry {
    std::string id;
    std::string type;
    std::string target;
    bool external;
  };
  std::vector<Entry> entries_;
  std::map<std::string, std::string> by_key_;  // type + target -> id
  std::set<std::string> ids_;
};

/// The path of the .rels part of `part`: "word/document.xml" -> "word/_rels/document.xml.rels".
std::string rels_path(std::string_view part);

/// Resolves a relationship target against the folder of its source part:
/// ("word/header1.xml", "media/logo.png") -> "word/media/logo.png"; "/x" is from the root.
std::string resolve_target(std::string_view source_part, std::string_view target);

/// Parts to zip, in order. XML parts own their bytes; media bytes are borrowed from the model
/// or the reference, which outlive the package.
class Package {
 public:
  void add(std::string name, std::string_view content_type, std::string bytes);
  /// A binary part typed by its extension (a Default in [Content_Types].xml).
  void add_media(std::string name, std::string_view content_type, std::string_view bytes);
  /// The zip archive: [Content_Types].xml first, then the parts in the order added, each
  /// deflated and dated 1980-01-01 so that the bytes never depend on the clock. Empty when
  /// libzip fails (out of memory).
  std::string zip() const;

 private:
  struct Entry {
    std::string name;
    std::string content_type;
    bool media;
    std::string owned;
    std::string_view borrowed;
  };
  std::string content_types_xml() const;
  std::vector<Entry> entries_;
};

}  // namespace tillit::render::docx
