#include "markdown/markdown.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "markdown/cmark_tree.h"
#include "markdown/image.h"
#include "support/text.h"

namespace tillit::markdown {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Lists and block quotes nested deeper than this are flattened: the model and every writer
// recurse over nested lists, and cmark-gfm itself sets no limit.
constexpr int kMaxNesting = 32;
// Diagnostics per text; a hostile text could otherwise produce one per byte.
constexpr int kMaxDiagnostics = 100;
// cmark-gfm pads every table row to the header's width, so a wide header over many lines
// costs rows x columns nodes (44 kB of text took 40 s). No narrative needs this many cells.
constexpr size_t kMaxTableCells = 100000;
// Relative column widths follow the longest cell text in characters, within these bounds so
// that short columns stay readable and one long cell does not squeeze the others.
constexpr size_t kMinColumnWidth = 4;
constexpr size_t kMaxColumnWidth = 40;

// ---- checks before parsing ----------------------------------------------------------------

struct TableSize {
  int line = 0;  ///< Of the delimiter row of the table that crosses the limit.
  size_t cells = 0;
};

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t>") == std::string_view::npos;
}

/// Columns of a GFM delimiter row ("|---|:-:|"), 0 for any other line. Quote markers in front
/// are skipped; anything else only makes the estimate larger, never smaller.
size_t delimiter_columns(std::string_view line) {
  size_t start = line.find_first_not_of(" \t>");
  if (start == std::string_view::npos) return 0;
  line.remove_prefix(start);
  if (line.find('|') == std::string_view::npos ||
      line.find_first_not_of("|:- \t") != std::string_view::npos) {
    return 0;
  }
  size_t columns = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '-' && (i == 0 || line[i - 1] != '-')) ++columns;
  }
  return columns;
}

/// The table that takes the text past kMaxTableCells, counting every line up to the next
/// blank line as a row, as cmark-gfm does. One pass, nothing stored per line.
std::optional<TableSize> oversized_tables(std::string_view text) {
  size_t pos = 0;
  int line = 0;
  auto next_line = [&] {
    size_t end = std::min(text.find_first_of("\r\n", pos), text.size());
    std::string_view l = text.substr(pos, end - pos);
    pos = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    ++line;
    return l;
  };
  size_t total = 0;
  while (pos < text.size()) {
    size_t columns = delimiter_columns(next_line());
    if (columns == 0) continue;
    const int delimiter_line = line;
    size_t rows = 1;  // the header row
    while (pos < text.size() && !is_blank_line(next_line())) ++rows;
    total += columns * rows;
    if (total > kMaxTableCells) return TableSize{delimiter_line, total};
  }
  return std::nullopt;
}

// ---- HTML ---------------------------------------------------------------------------------

enum class HtmlKind { Comments, UnclosedComment, Other };

HtmlKind classify_html(std::string_view html) {
  size_t pos = 0;
  while (true) {
    pos = html.find_first_not_of(" \t\r\n", pos);
    if (pos == std::string_view::npos) return HtmlKind::Comments;
    if (html.compare(pos, 4, "<!--") != 0) return HtmlKind::Other;
    // From pos + 2, so that "<!-->" counts as closed, as HTML and cmark-gfm see it.
    size_t end = html.find("-->", pos + 2);
    if (end == std::string_view::npos) return HtmlKind::UnclosedComment;
    pos = end + 3;
  }
}

// ---- links and image paths ----------------------------------------------------------------

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

bool is_kept_link(std::string_view url) {
  if (url.size() > 1 && url.front() == '#') return true;
  return starts_with_ci(url, "http://") || starts_with_ci(url, "https://") ||
         starts_with_ci(url, "mailto:");
}

/// "http:", "data:", "file:" ... (RFC 3986 scheme), but not a Windows drive letter.
bool has_scheme(std::string_view url) {
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon < 2) return false;
  if (!std::isalpha(static_cast<unsigned char>(url[0]))) return false;
  for (size_t i = 1; i < colon; ++i) {
    auto c = static_cast<unsigned char>(url[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

bool is_absolute(std::string_view path) {
  bool drive =
      path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':';
  return drive || (!path.empty() && (path.front() == '/' || path.front() == '\\'));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Decode %XX (GitHub's preview needs "%20" for a space) and read '\' as '/' (paths typed on
/// Windows). Returns nullopt when the result is no usable file name.
std::optional<std::string> file_path(std::string_view url) {
  std::string path;
  for (size_t i = 0; i < url.size(); ++i) {
    int hi = -1;
    int lo = -1;
    if (url[i] == '%' && i + 2 < url.size()) {
      hi = hex_value(url[i + 1]);
      lo = hex_value(url[i + 2]);
    }
    if (hi >= 0 && lo >= 0) {
      path += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      path += url[i] == '\\' ? '/' : url[i];
    }
  }
  if (path.find('\0') != std::string::npos || !is_valid_utf8(path)) return std::nullopt;
  return path;
}

std::string parent_folder(const std::string& file) {
  size_t slash = file.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : file.substr(0, slash);
}

/// "description/images/arkitektur.png" -> "image-description-images-arkitektur-png".
std::string image_id_base(std::string_view relative) {
  std::string id = "image-";
  for (char c : relative) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      id += static_cast<char>(std::tolower(u));
    } else if (id.back() != '-') {
      id += '-';
    }
  }
  if (id.back() == '-') id.pop_back();
  return id;
}

int exit_rank(ExitCode e) {
  switch (e) {
    case ExitCode::NoInput:
      return 3;
    case ExitCode::DataError:
      return 2;
    default:
      return 1;
  }
}

// ---- building inlines ---------------------------------------------------------------------

/// Collects inlines, merging adjacent text of one style. An open link takes text runs only;
/// anything else (an image, a note, a line break) closes it and a new piece of the same link
/// starts after it.
class InlineSink {
 public:
  void text(std::string_view s, unsigned style) {
    if (s.empty()) return;
    if (link_) {
      auto& runs = link_->content;
      if (!runs.empty() && runs.back().style == style) {
        runs.back().text += s;
      } else {
        runs.push_back(model::Run{std::string(s), style});
      }
      return;
    }
    if (!out_.empty()) {
      auto* run = std::get_if<model::Run>(&out_.back());
      if (run && run->style == style) {
        run->text += s;
        return;
      }
    }
    out_.push_back(model::Run{std::string(s), style});
  }

  void add(model::Inline x) {
    flush_link();
    out_.push_back(std::move(x));
  }

  void open_link(std::string target) { link_ = model::Link{{}, std::move(target)}; }

  void close_link() {
    flush_link();
    link_.reset();
  }

  model::Inlines take() {
    close_link();
    return std::move(out_);
  }

 private:
  void flush_link() {
    if (!link_ || link_->content.empty()) return;
    out_.push_back(model::Link{std::move(link_->content), link_->target});
    link_->content.clear();
  }

  model::Inlines out_;
  std::optional<model::Link> link_;
};

// ---- the converter ------------------------------------------------------------------------

class Converter {
 public:
  Converter(std::string_view text, const Options& opts, model::Document& doc, Diagnostics& diags)
      : text_(text), opts_(opts), doc_(doc), diags_(diags) {}

  model::Blocks convert(cmark_node* root) {
    for (cmark_node* n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
      // cmark-gfm numbers the referenced footnotes and moves their definitions, in that
      // order, to the end of the document; references carry the number as their literal.
      if (is_type(n, CMARK_NODE_FOOTNOTE_DEFINITION)) definitions_.push_back(n);
    }
    notes_.resize(definitions_.size());
    shift_ = std::min(opts_.heading_level, 6) - shallowest_heading(root);
    model::Blocks out;
    blocks(root, out, 0, false);
    report_suppressed();
    return out;
  }

 private:
  // ---- diagnostics ----

  void report(Severity severity, cmark_node* node, std::string rule, std::string message,
              ExitCode exit = ExitCode::DataError) {
    if (reported_ >= kMaxDiagnostics) {
      ++suppressed_;
      if (severity == Severity::Error) {
        suppressed_error_ = true;
        if (exit_rank(exit) > exit_rank(suppressed_exit_)) suppressed_exit_ = exit;
      }
      return;
    }
    ++reported_;
    if (severity == Severity::Error) {
      diags_.error(where(node), std::move(rule), std::move(message), exit);
    } else {
      diags_.warning(where(node), std::move(rule), std::move(message));
    }
  }

  void report_suppressed() {
    if (suppressed_ == 0) return;
    Location at{opts_.shown, "", 0, 0};
    std::string message = std::to_string(suppressed_) + " more problems in this file not shown";
    if (suppressed_error_) {
      diags_.error(at, "markdown-limit", message, suppressed_exit_);
    } else {
      diags_.warning(at, "markdown-limit", message);
    }
  }

  /// The node's position; synthesised nodes (autolinks, padded cells) take their parent's.
  Location where(cmark_node* node) {
    while (node && cmark_node_get_start_line(node) <= 0) node = cmark_node_parent(node);
    if (!node) return Location{opts_.shown, "", 0, 0};
    int line = cmark_node_get_start_line(node);
    int byte_column = cmark_node_get_start_column(node);
    size_t start = line_start(line);
    size_t end = std::min(text_.find_first_of("\r\n", start), text_.size());
    int column = 0;
    if (byte_column > 0) {
      size_t bytes = std::min(static_cast<size_t>(byte_column - 1), end - start);
      column = 1 + static_cast<int>(utf8_length(text_.substr(start, bytes)));
    }
    return Location{opts_.shown, "", source_line(opts_, line), column};
  }

  /// Byte offset of a 1-based line. Moves forward from the last answer, so diagnostics in
  /// document order cost one pass over the text.
  size_t line_start(int line) {
    if (line < cached_line_) {
      cached_line_ = 1;
      cached_offset_ = 0;
    }
    while (cached_line_ < line && cached_offset_ < text_.size()) {
      size_t end = text_.find_first_of("\r\n", cached_offset_);
      if (end == std::string_view::npos) {
        cached_offset_ = text_.size();
        break;
      }
      cached_offset_ = end + (text_.compare(end, 2, "\r\n") == 0 ? 2 : 1);
      ++cached_line_;
    }
    return cached_offset_;
  }

  // ---- blocks ----

  int shallowest_heading(cmark_node* root) {
    int shallowest = 6;
    IterPtr it(cmark_iter_new(root));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it.get());
      if (ev != CMARK_EVENT_ENTER) continue;
      if (is_type(n, CMARK_NODE_HEADING)) {
        shallowest = std::min(shallowest, cmark_node_get_heading_level(n));
      }
      // Inlines hold no headings: skip them.
      if (is_type(n, CMARK_NODE_PARAGRAPH) || is_type(n, CMARK_NODE_HEADING) ||
          is_type(n, CMARK_NODE_TABLE)) {
        cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
      }
    }
    return shallowest;
  }

  void blocks(cmark_node* parent, model::Blocks& out, int depth, bool quote) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
      block(n, out, depth, quote);
    }
  }

  void block(cmark_node* node, model::Blocks& out, int depth, bool quote) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_PARAGRAPH:
        out.emplace_back(model::Paragraph{
            inlines(node), quote ? model::ParaRole::Quote : model::ParaRole::Body, false});
        return;
      case CMARK_NODE_HEADING:
        out.emplace_back(heading(node));
        return;
      case CMARK_NODE_CODE_BLOCK:
        code(node, out);
        return;
      case CMARK_NODE_HTML_BLOCK:
        html(node);
        return;
      case CMARK_NODE_BLOCK_QUOTE:
        if (depth >= kMaxNesting) {
          flatten(node, out, quote);
        } else {
          blocks(node, out, depth + 1, true);
        }
        return;
      case CMARK_NODE_LIST:
        if (depth >= kMaxNesting) {
          flatten(node, out, quote);
        } else {
          out.emplace_back(list(node, depth, quote));
        }
        return;
      default:
        break;
    }
    // Thematic breaks give no block; footnote definitions are reached through references.
    if (is_type(node, CMARK_NODE_TABLE)) out.emplace_back(table(node));
  }

  /// The paragraphs, headings, code and tables under `node` in order, without the lists and
  /// quotes around them; iterative, so any depth is safe.
  void flatten(cmark_node* node, model::Blocks& out, bool quote) {
    if (!flatten_reported_) {
      flatten_reported_ = true;
      report(Severity::Warning, node, "markdown-nesting",
             "lists and block quotes nested more than " + std::to_string(kMaxNesting) +
                 " levels deep are flattened");
    }
    int quotes = quote ? 1 : 0;
    IterPtr it(cmark_iter_new(node));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it.get());
      if (is_type(n, CMARK_NODE_BLOCK_QUOTE)) {
        quotes += ev == CMARK_EVENT_ENTER ? 1 : -1;
        continue;
      }
      if (ev != CMARK_EVENT_ENTER || is_type(n, CMARK_NODE_LIST) || is_type(n, CMARK_NODE_ITEM)) {
        continue;
      }
      block(n, out, kMaxNesting, quotes > 0);
      cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
    }
  }

  model::List list(cmark_node* node, int depth, bool quote) {
    model::List l;
    l.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    for (cmark_node* item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
      model::Blocks content;
      blocks(item, content, depth + 1, quote);
      l.items.push_back(std::move(content));
    }
    return l;
  }

  model::Heading heading(cmark_node* node) {
    model::Heading h;
    h.level = std::clamp(cmark_node_get_heading_level(node) + shift_, 1, 6);
    h.content = inlines(node);
    std::string base = slug(model::plain_text(h.content));
    if (!base.empty()) h.bookmark = unique_bookmark(base);
    return h;
  }

  /// GitHub's rule for repeated headings ("x", "x-1", "x-2"), also against the bookmarks
  /// already in the document, which are collected on first use only (inline texts have none).
  std::string unique_bookmark(const std::string& base) {
    if (!bookmarks_collected_) {
      bookmarks_collected_ = true;
      collect_bookmarks();
    }
    std::string candidate = base;
    int& n = next_suffix_[base];
    while (bookmarks_.count(candidate)) candidate = base + "-" + std::to_string(++n);
    bookmarks_.insert(candidate);
    return candidate;
  }

  void collect_bookmarks() {
    std::vector<const model::Blocks*> pending{&doc_.blocks};
    while (!pending.empty()) {
      const model::Blocks* blocks = pending.back();
      pending.pop_back();
      for (const auto& b : *blocks) {
        if (auto* h = std::get_if<model::Heading>(&b.value)) {
          if (!h->bookmark.empty()) bookmarks_.insert(h->bookmark);
        } else if (auto* l = std::get_if<model::List>(&b.value)) {
          for (const auto& item : l->items) pending.push_back(&item);
        } else if (auto* t = std::get_if<model::Table>(&b.value)) {
          for (const auto& row : t->rows) {
            for (const auto& cell : row.cells) pending.push_back(&cell.content);
          }
        }
      }
    }
  }

  void code(cmark_node* node, model::Blocks& out) {
    std::string_view text = literal(node);
    if (text.empty()) return;
    if (text.back() == '\n') text.remove_suffix(1);
    size_t start = 0;
    while (true) {
      size_t newline = text.find('\n', start);
      std::string_view line = text.substr(start, newline - start);
      model::Paragraph p{{}, model::ParaRole::Code, false};
      if (!line.empty()) p.content.push_back(model::Run{std::string(line), model::kPlain});
      out.emplace_back(std::move(p));
      if (newline == std::string_view::npos) break;
      start = newline + 1;
    }
  }

  void html(cmark_node* node) {
    switch (classify_html(literal(node))) {
      case HtmlKind::Comments:
        return;
      case HtmlKind::UnclosedComment:
        report(Severity::Warning, node, "markdown-raw-html",
               "HTML comment is not closed; the text after it is dropped");
        return;
      case HtmlKind::Other:
        report(Severity::Warning, node, "markdown-raw-html", "raw HTML is not passed through");
        return;
    }
  }

  model::Table table(cmark_node* node) {
    const size_t columns = cmark_gfm_extensions_get_table_columns(node);
    model::Table t;
    t.role = model::TableRole::Grid;
    std::vector<size_t> longest(columns, 0);
    for (cmark_node* row = cmark_node_first_child(node); row; row = cmark_node_next(row)) {
      bool header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
      if (header && t.rows.empty()) t.header_rows = 1;
      auto role = header ? model::ParaRole::TableHeader : model::ParaRole::TableText;
      model::TableRow r;
      cmark_node* cell = cmark_node_first_child(row);
      for (size_t c = 0; c < columns; ++c) {
        model::Paragraph p{{}, role, false};
        if (cell) {
          p.content = inlines(cell);
          longest[c] = std::max(longest[c], utf8_length(model::plain_text(p.content)));
          cell = cmark_node_next(cell);
        }
        model::TableCell tc;
        tc.content.emplace_back(std::move(p));
        r.cells.push_back(std::move(tc));
      }
      t.rows.push_back(std::move(r));
    }
    for (size_t width : longest) {
      t.widths.push_back(static_cast<double>(std::clamp(width, kMinColumnWidth, kMaxColumnWidth)));
    }
    return t;
  }

  // ---- inlines ----

  /// Iterative over the inline tree: emphasis can nest as deep as the text is long.
  model::Inlines inlines(cmark_node* container) {
    InlineSink sink;
    int italic = 0;
    int bold = 0;
    int strike = 0;
    cmark_node* link = nullptr;  // links cannot nest; this is the open one
    auto style = [&] {
      return (italic > 0 ? model::kItalic : 0u) | (bold > 0 ? model::kBold : 0u) |
             (strike > 0 ? model::kStrike : 0u);
    };
    IterPtr it(cmark_iter_new(container));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it.get());
      if (n == container) continue;
      const bool enter = ev == CMARK_EVENT_ENTER;
      const int step = enter ? 1 : -1;
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
          sink.text(literal(n), style());
          break;
        case CMARK_NODE_CODE:
          sink.text(literal(n), style() | model::kCode);
          break;
        case CMARK_NODE_SOFTBREAK:
          sink.text(" ", style());
          break;
        case CMARK_NODE_LINEBREAK:
          sink.add(model::LineBreak{});
          break;
        case CMARK_NODE_HTML_INLINE:
          html(n);
          break;
        case CMARK_NODE_EMPH:
          italic += step;
          break;
        case CMARK_NODE_STRONG:
          bold += step;
          break;
        case CMARK_NODE_LINK:
          if (enter && !link) {
            link = n;
            open_link(n, sink);
          } else if (!enter && n == link) {
            link = nullptr;
            sink.close_link();
          }
          break;
        case CMARK_NODE_IMAGE:
          if (enter) {
            if (auto img = image(n)) sink.add(std::move(*img));
            cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);  // the description is done
          }
          break;
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          if (enter) {
            if (auto note = note_for(n)) sink.add(std::move(note));
          }
          break;
        default:
          if (is_type(n, CMARK_NODE_STRIKETHROUGH)) strike += step;
          break;
      }
    }
    return sink.take();
  }

  void open_link(cmark_node* node, InlineSink& sink) {
    const char* url = cmark_node_get_url(node);
    std::string target = url ? url : "";
    if (is_kept_link(target)) {
      sink.open_link(std::move(target));
    } else {
      report(Severity::Warning, node, "markdown-link",
             "link to '" + target +
                 "' dropped, its text kept: only http:, https:, mailto: and #anchor links work "
                 "in a report");
    }
  }

  std::shared_ptr<model::Note> note_for(cmark_node* reference) {
    if (in_note_) {
      report(Severity::Warning, reference, "markdown-footnote",
             "a footnote inside a footnote is not supported and is dropped");
      return nullptr;
    }
    std::string_view number = literal(reference);
    size_t index = 0;
    for (char c : number) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || index > definitions_.size()) break;
      index = index * 10 + static_cast<size_t>(c - '0');
    }
    if (index < 1 || index > definitions_.size()) return nullptr;
    auto& note = notes_[index - 1];
    if (!note) {
      note = std::make_shared<model::Note>();
      in_note_ = true;
      blocks(definitions_[index - 1], note->content, 0, false);
      in_note_ = false;
    }
    return note;
  }

  // ---- images ----

  std::optional<model::Image> image(cmark_node* node) {
    std::string alt = alt_text(node);
    const char* url = cmark_node_get_url(node);
    auto id = image_id(node, url ? url : "");
    if (!id) return std::nullopt;
    return model::Image{*id, std::move(alt), 0, 0};
  }

  std::string alt_text(cmark_node* image) {
    std::string alt;
    IterPtr it(cmark_iter_new(image));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it.get());
      if (n == image || ev != CMARK_EVENT_ENTER) continue;
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          alt += literal(n);
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          alt += ' ';
          break;
        case CMARK_NODE_IMAGE:
          report(Severity::Warning, n, "markdown-image",
                 "an image inside an image description is not shown");
          break;
        default:
          break;
      }
    }
    return alt;
  }

  struct Resolved {
    std::string id;  ///< Empty when the image was rejected.
    std::string error;
    ExitCode exit = ExitCode::DataError;
  };

  std::optional<std::string> image_id(cmark_node* node, const std::string& url) {
    auto fail = [&](std::string message, ExitCode exit = ExitCode::DataError) {
      report(Severity::Error, node, "markdown-image", std::move(message), exit);
      return std::nullopt;
    };
    const std::string quoted = "'" + url + "'";
    if (!opts_.env || opts_.file.empty()) return fail("images are not allowed here");
    if (url.empty()) return fail("image without a file name");
    if (is_absolute(url)) {
      return fail("image " + quoted + " has an absolute path; give it relative to this file");
    }
    if (has_scheme(url)) {
      return fail("image " + quoted + " is a URL; images must be files in the engagement folder");
    }
    auto path = file_path(url);
    if (!path) return fail("image " + quoted + " is not a valid file name");
    const std::string folder = parent_folder(opts_.file);
    const std::string full = normalise_path(join_path(folder, *path));
    const std::string root = normalise_path(opts_.root.empty() ? folder : opts_.root);
    if (!path_inside(full, root)) {
      return fail("image " + quoted + " is outside the engagement folder");
    }

    auto [cached, is_new] = resolved_.try_emplace(full);
    Resolved& r = cached->second;
    if (is_new) r = resolve(quoted, full, root);
    if (r.id.empty()) return fail(r.error, r.exit);
    return r.id;
  }

  Resolved resolve(const std::string& quoted, const std::string& full, const std::string& root) {
    const Env& env = *opts_.env;
    const std::string too_large =
        "image " + quoted + " is larger than " + std::to_string(kMaxImageBytes >> 20) + " MB";
    switch (env.kind(full)) {
      case Env::Kind::Missing:
        return {"", "image " + quoted + " not found", ExitCode::NoInput};
      case Env::Kind::Directory:
      case Env::Kind::Other:
        return {"", "image " + quoted + " is not a file", ExitCode::DataError};
      case Env::Kind::File:
        break;
    }
    auto size = env.size(full);
    if (size && *size > kMaxImageBytes) return {"", too_large, ExitCode::DataError};
    auto bytes = env.read(full);
    if (!bytes) return {"", "cannot read image " + quoted, ExitCode::DataError};
    if (bytes->size() > kMaxImageBytes) return {"", too_large, ExitCode::DataError};
    auto data = sniff_image(std::move(*bytes));
    if (!data) return {"", "image " + quoted + " is not a PNG or JPEG file", ExitCode::DataError};
    if (data->width_px < 1 || data->height_px < 1 || data->width_px > kMaxImageSide ||
        data->height_px > kMaxImageSide) {
      return {"",
              "image " + quoted + " has an implausible size of " + std::to_string(data->width_px) +
                  " x " + std::to_string(data->height_px) + " pixels",
              ExitCode::DataError};
    }
    std::string relative = root == "." ? full : full.substr(root == "/" ? 1 : root.size() + 1);
    return {store(image_id_base(relative), std::move(*data)), "", ExitCode::DataError};
  }

  /// The id is derived from the path, so the same file used in several texts of one document
  /// is stored once; a different image that maps to the same id gets a numbered one.
  std::string store(const std::string& base, model::ImageData data) {
    for (int n = 1;; ++n) {
      std::string id = n == 1 ? base : base + "-" + std::to_string(n);
      auto [it, inserted] = doc_.images.try_emplace(id);
      if (inserted) {
        it->second = std::move(data);
        return id;
      }
      if (it->second.bytes == data.bytes) return id;
    }
  }

  std::string_view text_;
  const Options& opts_;
  model::Document& doc_;
  Diagnostics& diags_;

  int shift_ = 0;
  std::vector<cmark_node*> definitions_;
  std::vector<std::shared_ptr<model::Note>> notes_;
  bool in_note_ = false;
  std::map<std::string, Resolved> resolved_;  ///< Normalised image path -> outcome.
  bool bookmarks_collected_ = false;
  std::set<std::string> bookmarks_;
  std::map<std::string, int> next_suffix_;
  bool flatten_reported_ = false;

  int reported_ = 0;
  int suppressed_ = 0;
  bool suppressed_error_ = false;
  ExitCode suppressed_exit_ = ExitCode::Findings;
  int cached_line_ = 1;
  size_t cached_offset_ = 0;
};

/// Leaves the blocks as inlines, one line each, walking nested lists and tables without
/// recursion.
model::Inlines join_blocks(model::Blocks blocks) {
  model::Inlines out;
  std::vector<std::pair<model::Blocks*, size_t>> pending{{&blocks, 0}};
  auto add_line = [&out](model::Inlines& line) {
    if (!out.empty()) out.push_back(model::LineBreak{});
    std::move(line.begin(), line.end(), std::back_inserter(out));
  };
  while (!pending.empty()) {
    auto& [list, next] = pending.back();
    if (next == list->size()) {
      pending.pop_back();
      continue;
    }
    model::Block& b = (*list)[next++];
    if (auto* p = std::get_if<model::Paragraph>(&b.value)) {
      add_line(p->content);
    } else if (auto* h = std::get_if<model::Heading>(&b.value)) {
      add_line(h->content);
    } else if (auto* l = std::get_if<model::List>(&b.value)) {
      for (auto item = l->items.rbegin(); item != l->items.rend(); ++item) {
        pending.emplace_back(&*item, 0);
      }
    } else if (auto* t = std::get_if<model::Table>(&b.value)) {
      for (auto row = t->rows.rbegin(); row != t->rows.rend(); ++row) {
        for (auto cell = row->cells.rbegin(); cell != row->cells.rend(); ++cell) {
          pending.emplace_back(&cell->content, 0);
        }
      }
    }
  }
  return out;
}

}  // namespace

int source_line(const Options& opts, int line) {
  if (line < 1 || opts.line_map.empty()) return line;
  size_t index = static_cast<size_t>(line - 1);
  return index < opts.line_map.size() ? opts.line_map[index] : opts.line_map.back();
}

model::Blocks to_blocks(std::string_view markdown, const Options& opts, model::Document& doc,
                        Diagnostics& diags) {
  if (markdown.substr(0, kUtf8Bom.size()) == kUtf8Bom) markdown.remove_prefix(kUtf8Bom.size());
  size_t bad = 0;
  if (!is_valid_utf8(markdown, &bad)) {
    auto lc = line_column_at(markdown, bad);
    diags.error(Location{opts.shown, "", source_line(opts, lc.line), lc.column}, "invalid-utf8",
                "invalid UTF-8; save the file as UTF-8", ExitCode::DataError);
    return {};
  }
  if (auto big = oversized_tables(markdown)) {
    diags.error(Location{opts.shown, "", source_line(opts, big->line), 0}, "markdown-table",
                "tables too large: " + std::to_string(big->cells) +
                    " cells or more; the limit is " + std::to_string(kMaxTableCells),
                ExitCode::DataError);
    return {};
  }
  NodePtr root = parse(markdown);
  return Converter(markdown, opts, doc, diags).convert(root.get());
}

model::Inlines to_inlines(std::string_view markdown, const Options& opts, model::Document& doc,
                          Diagnostics& diags) {
  return join_blocks(to_blocks(markdown, opts, doc, diags));
}

}  // namespace tillit::markdown
