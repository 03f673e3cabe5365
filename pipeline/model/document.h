// The document model every writer reads: blocks and inlines, in the manner of pandoc's AST.
// No OOXML, XML or library types: the DOCX, Pandoc (HTML/Markdown) and any later writer
// depend on this header only. Text is UTF-8.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace tillit::model {

// ---- revisions ----------------------------------------------------------------------------

/// A tracked change: content a redline shows as inserted or deleted since an earlier version
/// (see pipeline/redline). A mark on a block covers everything inside it; unmarked content is
/// unchanged. Writers that cannot show changes leave deleted content out (accept_revisions).
enum class Change { None, Inserted, Deleted };

/// Who made the changes of a redline and when.
struct Revision {
  std::string author;
  std::string date;  ///< ISO date (YYYY-MM-DD) or date and time (YYYY-MM-DDThh:mm:ssZ).
};

// ---- inlines ------------------------------------------------------------------------------

/// Character formatting of a run; combine with |.
enum Style : unsigned {
  kPlain = 0,
  kBold = 1u << 0,
  kItalic = 1u << 1,
  kCode = 1u << 2,  ///< Monospace.
  kStrike = 1u << 3,
  kSuperscript = 1u << 4,
  kSubscript = 1u << 5,
};

/// Text with one formatting. Newlines inside are not line breaks (use LineBreak).
struct Run {
  std::string text;
  unsigned style = kPlain;
  Change change = Change::None;
};

/// A hyperlink: to a URL, or to a bookmark inside the document when `target` starts with '#'.
struct Link {
  std::vector<Run> content;
  std::string target;
  Change change = Change::None;  ///< The whole link; its runs may carry their own marks.
};

struct LineBreak {
  Change change = Change::None;
};

/// A field the word processor computes: the page number, the number of pages.
struct Field {
  enum class Kind { Page, NumPages };
  Kind kind = Kind::Page;
  Change change = Change::None;
};

/// An image stored in Document::images, shown inline at the given size.
struct Image {
  std::string id;     ///< Key into Document::images.
  std::string alt;    ///< Alternative text (description) for accessibility.
  double width_cm = 0;   ///< Display size; 0 = derived from pixels, fitted to the text width.
  double height_cm = 0;
  Change change = Change::None;
};

/// A footnote: its blocks are shown at the foot of the page.
struct Note;

using Inline = std::variant<Run, Link, LineBreak, Field, Image, std::shared_ptr<Note>>;
using Inlines = std::vector<Inline>;

// ---- blocks -------------------------------------------------------------------------------

/// What a paragraph is for; each writer maps roles to its own styles.
enum class ParaRole {
  Body,
  Title,       ///< Cover page title.
  Subtitle,    ///< Cover page lines under the title.
  CoverNote,   ///< Small print on the cover (confidentiality, draft notice).
  Caption,
  Quote,
  Code,        ///< A line of preformatted text.
  Signature,   ///< Signature block lines (firm, city, date).
  TableText,   ///< Text inside a table cell.
  TableHeader, ///< Text inside a header cell.
};

struct Heading {
  int level = 1;          ///< 1..3 in the table of contents; 4+ are run-in subheadings.
  Inlines content;
  std::string bookmark;   ///< Stable anchor ("sec-iv-cc6-1"); empty = none.
  bool in_toc = true;
  Change change = Change::None;  ///< The whole heading, paragraph mark included.
};

struct Paragraph {
  Inlines content;
  ParaRole role = ParaRole::Body;
  bool keep_with_next = false;
  Change change = Change::None;  ///< The whole paragraph, paragraph mark included.
};

struct Block;
using Blocks = std::vector<Block>;

struct List {
  bool ordered = false;
  std::vector<Blocks> items;
};

struct TableCell {
  Blocks content;
  int col_span = 1;
  int row_span = 1;  ///< The cells below it in the spanned rows are left out of their rows.
  bool shaded = false;  ///< Emphasised cell (e.g. a criterion row inside a control table).
};

struct TableRow {
  std::vector<TableCell> cells;
  bool cant_split = true;
  Change change = Change::None;  ///< The whole row with its cells.
};

/// What a table is for; writers map it to a table style.
enum class TableRole { Grid, Controls, KeyValue };

struct Table {
  std::vector<double> widths;  ///< Relative column widths (any unit; normalised by writers).
  int header_rows = 0;         ///< Leading rows repeated on every page.
  std::vector<TableRow> rows;
  TableRole role = TableRole::Grid;
  Inlines caption;             ///< Optional caption shown above the table.
};

struct PageBreak {};

enum class Orientation { Portrait, Landscape };

/// Ends the current page-layout section; what follows uses `next`.
struct SectionBreak {
  Orientation next = Orientation::Portrait;
};

/// The table of contents, filled by the word processor from headings 1..levels.
struct TableOfContents {
  std::string title;
  int levels = 3;
};

struct Block {
  std::variant<Heading, Paragraph, List, Table, PageBreak, SectionBreak, TableOfContents> value;

  template <typename T>
    requires(!std::is_same_v<std::decay_t<T>, Block>)
  Block(T v) : value(std::move(v)) {}  // NOLINT: implicit by design, like a variant
};

struct Note {
  Blocks content;
  Change change = Change::None;  ///< The footnote with its reference.
};

// ---- the document -------------------------------------------------------------------------

struct ImageData {
  std::string bytes;
  std::string media_type;  ///< "image/png", "image/jpeg".
  std::string extension;   ///< "png", "jpeg".
  int width_px = 0;
  int height_px = 0;
};

struct Meta {
  std::string title;
  std::string subtitle;
  std::string subject;
  std::string author;       ///< Core property creator (the firm or the organisation).
  std::string description;
  std::string keywords;
  std::string language;     ///< BCP 47: "sv-SE", "en-US".
  std::string date;         ///< ISO date for the core properties (never the wall clock).
  std::string watermark;    ///< "UTKAST" / "DRAFT"; empty = none.
  std::string header_text;  ///< Running header, e.g. "Molnkvarn AB – SOC 2 typ 2-rapport".
  /// Footer text around the page fields, e.g. {"Sida ", " av ", ""} -> "Sida 3 av 40".
  std::string page_label_before = "Page ";
  std::string page_label_between = " of ";
  /// The author and date of the document's tracked changes (see Change); unused without.
  Revision revision;
};

struct Document {
  Meta meta;
  Blocks blocks;
  std::map<std::string, ImageData> images;  ///< Image::id -> data.
};

// ---- small builders -----------------------------------------------------------------------

inline Inlines text(std::string s, unsigned style = kPlain) { return {Run{std::move(s), style}}; }
inline Paragraph para(std::string s, ParaRole role = ParaRole::Body) {
  return Paragraph{text(std::move(s)), role, false, Change::None};
}

/// Plain text of inlines (for table-of-contents checks, alt texts and tests), as it reads
/// with its changes accepted: deleted text is left out.
std::string plain_text(const Inlines& content);

/// Whether anything in the document carries a revision mark.
bool has_revisions(const Document& doc);
/// The document with every change accepted: deleted content removed, no marks left.
Document accept_revisions(const Document& doc);
/// The document with every change rejected: inserted content removed, no marks left.
Document reject_revisions(const Document& doc);

}  // namespace tillit::model
