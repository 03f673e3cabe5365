// to_json(): the model as pandoc-types' JSON, written with a string builder. The encoding is
// that of pandoc-types' ToJSON instances: {"t": constructor, "c": arguments}, attributes as
// [identifier, [classes], [[key, value]]].
#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

#include "render/pandoc/json_text.h"
#include "render/pandoc/pandoc.h"

namespace tillit::render::pandoc {

namespace {

constexpr std::string_view kNoAttr = R"(["",[],[]])";

/// An inline before grouping. Words, spaces and code keep the style bits of their run, so
/// that neighbouring runs with the same formatting end up inside one Strong, Emph...
struct Piece {
  enum class Kind { Str, Space, Code, Json };
  Kind kind = Kind::Str;
  unsigned style = model::kPlain;  ///< Wrapper bits only (kCode makes a Code piece).
  std::string text;                ///< Str or Code text; the serialised inline for Json.
};

/// Nesting order of the wrappers, outermost first.
struct Wrapper {
  unsigned bit;
  std::string_view tag;
};
constexpr Wrapper kWrappers[] = {{model::kBold, "Strong"},
                                 {model::kItalic, "Emph"},
                                 {model::kStrike, "Strikeout"},
                                 {model::kSuperscript, "Superscript"},
                                 {model::kSubscript, "Subscript"}};
constexpr unsigned kWrapperBits =
    model::kBold | model::kItalic | model::kStrike | model::kSuperscript | model::kSubscript;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void sep(std::string& out, bool& first) {
  if (!first) out += ',';
  first = false;
}

void push_str(std::vector<Piece>& ps, unsigned style, std::string_view word) {
  if (!ps.empty() && ps.back().kind == Piece::Kind::Str && ps.back().style == style) {
    ps.back().text += word;
  } else {
    ps.push_back({Piece::Kind::Str, style, std::string(word)});
  }
}

void push_space(std::vector<Piece>& ps, unsigned style) {
  if (!ps.empty() && ps.back().kind == Piece::Kind::Space) return;
  ps.push_back({Piece::Kind::Space, style, {}});
}

/// Words and spaces of a run; a code run stays whole, its line ends read as spaces.
void add_run(std::vector<Piece>& ps, const model::Run& run, unsigned strip = 0) {
  const unsigned style = run.style & kWrapperBits & ~strip;
  if (run.style & model::kCode) {
    std::string code = run.text;
    std::replace_if(code.begin(), code.end(), is_space, ' ');
    if (code.empty()) return;
    if (!ps.empty() && ps.back().kind == Piece::Kind::Code && ps.back().style == style) {
      ps.back().text += code;
    } else {
      ps.push_back({Piece::Kind::Code, style, std::move(code)});
    }
    return;
  }
  std::string_view text = run.text;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    const bool space = is_space(text[i]);
    while (j < text.size() && is_space(text[j]) == space) ++j;
    if (space) {
      push_space(ps, style);
    } else {
      push_str(ps, style, text.substr(i, j - i));
    }
    i = j;
  }
}

void append_piece(std::string& out, const Piece& p) {
  switch (p.kind) {
    case Piece::Kind::Str:
      out += R"({"t":"Str","c":)";
      append_string(out, p.text);
      out += '}';
      return;
    case Piece::Kind::Space:
      out += R"({"t":"Space"})";
      return;
    case Piece::Kind::Code:
      out += R"({"t":"Code","c":[)";
      out += kNoAttr;
      out += ',';
      append_string(out, p.text);
      out += "]}";
      return;
    case Piece::Kind::Json:
      out += p.text;
      return;
  }
}

/// Serialise pieces [b, e), wrapping stretches that share a style bit, from kWrappers[level]
/// inwards. Spaces at the edges of a stretch go outside its wrapper: Markdown cannot open
/// emphasis before a space.
void serialise(const std::vector<Piece>& ps, size_t b, size_t e, size_t level, std::string& out,
               bool& first) {
  if (level == std::size(kWrappers)) {
    for (size_t i = b; i < e; ++i) {
      sep(out, first);
      append_piece(out, ps[i]);
    }
    return;
  }
  const Wrapper& w = kWrappers[level];
  size_t i = b;
  while (i < e) {
    const bool on = (ps[i].style & w.bit) != 0;
    size_t j = i;
    while (j < e && ((ps[j].style & w.bit) != 0) == on) ++j;
    if (!on) {
      serialise(ps, i, j, level + 1, out, first);
      i = j;
      continue;
    }
    size_t s = i;
    size_t t = j;
    while (s < t && ps[s].kind == Piece::Kind::Space) ++s;
    while (t > s && ps[t - 1].kind == Piece::Kind::Space) --t;
    serialise(ps, i, s, level + 1, out, first);
    if (s < t) {
      sep(out, first);
      out += R"({"t":")";
      out += w.tag;
      out += R"(","c":[)";
      bool inner_first = true;
      serialise(ps, s, t, level + 1, out, inner_first);
      out += "]}";
    }
    serialise(ps, t, j, level + 1, out, first);
    i = j;
  }
}

/// The pieces as a JSON array, without spaces at either end.
std::string pieces_json(const std::vector<Piece>& ps) {
  size_t b = 0;
  size_t e = ps.size();
  while (b < e && ps[b].kind == Piece::Kind::Space) ++b;
  while (e > b && ps[e - 1].kind == Piece::Kind::Space) --e;
  std::string out = "[";
  bool first = true;
  serialise(ps, b, e, 0, out, first);
  out += ']';
  return out;
}

std::string text_json(std::string_view text) {
  std::vector<Piece> ps;
  add_run(ps, model::Run{std::string(text), model::kPlain});
  return pieces_json(ps);
}

const char* role_class(model::ParaRole role) {
  switch (role) {
    case model::ParaRole::Title:
      return "title";
    case model::ParaRole::Subtitle:
      return "subtitle";
    case model::ParaRole::CoverNote:
      return "cover-note";
    case model::ParaRole::Caption:
      return "caption";
    case model::ParaRole::Signature:
      return "signature";
    default:
      return nullptr;
  }
}

const char* table_class(model::TableRole role) {
  switch (role) {
    case model::TableRole::Grid:
      return "grid";
    case model::TableRole::Controls:
      return "controls";
    case model::TableRole::KeyValue:
      return "key-value";
  }
  return "grid";
}

const model::Paragraph* paragraph_at(const model::Blocks& bs, size_t i, model::ParaRole role) {
  const auto* p = std::get_if<model::Paragraph>(&bs[i].value);
  return p && p->role == role ? p : nullptr;
}

/// Body paragraphs of a tight list item or a one-paragraph table cell are written as Plain,
/// as pandoc's readers do, so that Markdown lists stay compact and cells stay on one line.
bool is_tight(const model::Blocks& bs) {
  return std::count_if(bs.begin(), bs.end(), [](const model::Block& b) {
           return std::holds_alternative<model::Paragraph>(b.value);
         }) <= 1;
}

size_t column_count(const model::Table& t) {
  size_t columns = t.widths.size();
  for (const auto& row : t.rows) {
    size_t width = 0;
    for (const auto& cell : row.cells) width += static_cast<size_t>(std::max(cell.col_span, 1));
    columns = std::max(columns, width);
  }
  return columns;
}

bool usable_width(double w) { return std::isfinite(w) && w > 0; }

std::string length_cm(double cm) {
  std::string s;
  append_number(s, cm);
  return s + "cm";
}

class Writer {
 public:
  Writer(const model::Document& doc, const JsonOptions& opts)
      : doc_(doc), opts_(opts), names_(media_names(doc)) {}

  std::string document(const ApiVersion& v) {
    out_ = R"({"pandoc-api-version":[)";
    for (size_t i = 0; i < v.parts.size(); ++i) {
      if (i) out_ += ',';
      out_ += std::to_string(v.parts[i]);
    }
    out_ += R"(],"meta":)";
    meta();
    out_ += R"(,"blocks":)";
    blocks(doc_.blocks, Flow::Para);
    out_ += '}';
    return std::move(out_);
  }

 private:
  /// How body paragraphs are written: Plain in tight lists and one-paragraph cells.
  enum class Flow { Para, Plain };

  void meta() {
    const model::Meta& m = doc_.meta;
    std::map<std::string, std::string> fields;  // sorted, as pandoc writes them
    auto add = [&](const char* key, const std::string& value) {
      if (!value.empty()) fields[key] = R"({"t":"MetaInlines","c":)" + text_json(value) + "}";
    };
    add("title", m.title);
    add("subtitle", m.subtitle);
    add("author", m.author);
    add("date", m.date);
    for (const auto& b : doc_.blocks) {
      if (const auto* toc = std::get_if<model::TableOfContents>(&b.value)) {
        add("toc-title", toc->title);
        break;
      }
    }
    if (!m.language.empty()) {
      std::string lang = R"({"t":"MetaString","c":)";
      append_string(lang, m.language);
      fields["lang"] = lang + "}";
    }
    out_ += '{';
    bool first = true;
    for (const auto& [key, value] : fields) {
      sep(out_, first);
      append_string(out_, key);
      out_ += ':' + value;
    }
    out_ += '}';
  }

  // ---- blocks ----

  void blocks(const model::Blocks& bs, Flow flow) {
    out_ += '[';
    bool first = true;
    size_t i = 0;
    while (i < bs.size()) i = block(bs, i, flow, first);
    out_ += ']';
  }

  std::string blocks_json(const model::Blocks& bs, Flow flow) {
    std::string saved;
    std::swap(saved, out_);
    blocks(bs, flow);
    std::swap(saved, out_);
    return saved;
  }

  /// Writes the block at `i` (with the paragraphs grouped with it) and returns the next index.
  size_t block(const model::Blocks& bs, size_t i, Flow flow, bool& first) {
    const auto& value = bs[i].value;
    if (const auto* h = std::get_if<model::Heading>(&value)) {
      sep(out_, first);
      heading(*h);
    } else if (std::holds_alternative<model::Paragraph>(value)) {
      return paragraph(bs, i, flow, first);
    } else if (const auto* l = std::get_if<model::List>(&value)) {
      if (!l->items.empty()) {
        sep(out_, first);
        list(*l);
      }
    } else if (const auto* t = std::get_if<model::Table>(&value)) {
      sep(out_, first);
      table(*t);
    }
    return i + 1;
  }

  void heading(const model::Heading& h) {
    out_ += R"({"t":"Header","c":[)";
    out_ += std::to_string(std::clamp(h.level, 1, 6));
    out_ += ",[";
    append_string(out_, h.bookmark);
    out_ += h.in_toc ? ",[]" : R"(,["unlisted"])";
    out_ += ",[]],";
    out_ += inlines(h.content);
    out_ += "]}";
  }

  size_t paragraph(const model::Blocks& bs, size_t i, Flow flow, bool& first) {
    const auto& p = std::get<model::Paragraph>(bs[i].value);
    size_t next = i + 1;
    if (p.role == model::ParaRole::Code) {
      std::string code = model::plain_text(p.content);
      for (; next < bs.size(); ++next) {
        const auto* q = paragraph_at(bs, next, model::ParaRole::Code);
        if (!q) break;
        code += '\n' + model::plain_text(q->content);
      }
      sep(out_, first);
      out_ += R"({"t":"CodeBlock","c":[)";
      out_ += kNoAttr;
      out_ += ',';
      append_string(out_, code);
      out_ += "]}";
      return next;
    }
    if (p.role == model::ParaRole::Quote) {
      std::string quoted;
      bool quote_first = true;
      for (next = i; next < bs.size(); ++next) {
        const auto* q = paragraph_at(bs, next, model::ParaRole::Quote);
        if (!q) break;
        std::string content = inlines(q->content);
        if (content == "[]") continue;
        sep(quoted, quote_first);
        quoted += R"({"t":"Para","c":)" + content + "}";
      }
      if (!quoted.empty()) {
        sep(out_, first);
        out_ += R"({"t":"BlockQuote","c":[)" + quoted + "]}";
      }
      return next;
    }
    std::string content = inlines(p.content);
    if (content == "[]") return next;  // spacing paragraphs mean nothing outside Word
    sep(out_, first);
    if (const char* cls = role_class(p.role)) {
      out_ += R"({"t":"Div","c":[["",[")";
      out_ += cls;
      out_ += R"("],[]],[{"t":"Para","c":)" + content + "}]]}";
    } else {
      out_ += flow == Flow::Plain ? R"({"t":"Plain","c":)" : R"({"t":"Para","c":)";
      out_ += content + "}";
    }
    return next;
  }

  void list(const model::List& l) {
    const Flow flow =
        std::all_of(l.items.begin(), l.items.end(), is_tight) ? Flow::Plain : Flow::Para;
    out_ += l.ordered ? R"({"t":"OrderedList","c":[[1,{"t":"Decimal"},{"t":"Period"}],[)"
                      : R"({"t":"BulletList","c":[)";
    for (size_t i = 0; i < l.items.size(); ++i) {
      if (i) out_ += ',';
      blocks(l.items[i], flow);
    }
    out_ += l.ordered ? "]]}" : "]}";
  }

  void table(const model::Table& t) {
    out_ += R"({"t":"Table","c":[["",[")";
    out_ += table_class(t.role);
    out_ += R"("],[]],[null,[)";
    std::string caption = inlines(t.caption);
    if (caption != "[]") out_ += R"({"t":"Plain","c":)" + caption + "}";
    out_ += "]],";
    col_specs(t);
    const size_t head = std::min(static_cast<size_t>(std::max(t.header_rows, 0)), t.rows.size());
    out_ += '[';
    out_ += kNoAttr;
    out_ += ',';
    rows(t.rows, 0, head);
    out_ += "],[";
    if (head < t.rows.size()) {
      out_ += '[';
      out_ += kNoAttr;
      out_ += ",0,[],";
      rows(t.rows, head, t.rows.size());
      out_ += ']';
    }
    out_ += "],[";
    out_ += kNoAttr;
    out_ += ",[]]]}";
  }

  void col_specs(const model::Table& t) {
    double total = 0;
    for (double w : t.widths) total += usable_width(w) ? w : 0;
    const size_t columns = column_count(t);
    out_ += '[';
    for (size_t c = 0; c < columns; ++c) {
      if (c) out_ += ',';
      out_ += R"([{"t":"AlignDefault"},)";
      if (c < t.widths.size() && usable_width(t.widths[c]) && total > 0) {
        out_ += R"({"t":"ColWidth","c":)";
        append_number(out_, t.widths[c] / total);
        out_ += '}';
      } else {
        out_ += R"({"t":"ColWidthDefault"})";
      }
      out_ += ']';
    }
    out_ += "],";
  }

  void rows(const std::vector<model::TableRow>& rs, size_t b, size_t e) {
    out_ += '[';
    for (size_t r = b; r < e; ++r) {
      if (r > b) out_ += ',';
      out_ += '[';
      out_ += kNoAttr;
      out_ += ",[";
      const auto& cells = rs[r].cells;
      for (size_t c = 0; c < cells.size(); ++c) {
        if (c) out_ += ',';
        cell(cells[c]);
      }
      out_ += "]]";
    }
    out_ += ']';
  }

  void cell(const model::TableCell& c) {
    out_ += c.shaded ? R"([["",["shaded"],[]],)" : R"([["",[],[]],)";
    out_ += R"({"t":"AlignDefault"},)";
    out_ += std::to_string(std::max(c.row_span, 1));
    out_ += ',';
    out_ += std::to_string(std::max(c.col_span, 1));
    out_ += ',';
    blocks(c.content, is_tight(c.content) ? Flow::Plain : Flow::Para);
    out_ += ']';
  }

  // ---- inlines ----

  std::string inlines(const model::Inlines& content) {
    std::vector<Piece> ps;
    for (const auto& in : content) {
      if (const auto* run = std::get_if<model::Run>(&in)) {
        add_run(ps, *run);
      } else if (const auto* link = std::get_if<model::Link>(&in)) {
        add_link(ps, *link);
      } else if (std::holds_alternative<model::LineBreak>(in)) {
        ps.push_back({Piece::Kind::Json, model::kPlain, R"({"t":"LineBreak"})"});
      } else if (const auto* image = std::get_if<model::Image>(&in)) {
        add_image(ps, *image);
      } else if (const auto* note = std::get_if<std::shared_ptr<model::Note>>(&in)) {
        if (*note) {
          ps.push_back({Piece::Kind::Json, model::kPlain,
                        R"({"t":"Note","c":)" + blocks_json((*note)->content, Flow::Para) + "}"});
        }
      }
      // Fields (page numbers) mean nothing outside a paginated document.
    }
    return pieces_json(ps);
  }

  /// The style all of a link's runs share goes outside the link, so that a link inside bold
  /// text does not split the text's Strong in two.
  void add_link(std::vector<Piece>& ps, const model::Link& link) {
    unsigned common = link.content.empty() ? 0 : kWrapperBits;
    for (const auto& run : link.content) common &= run.style;
    std::vector<Piece> inner;
    for (const auto& run : link.content) add_run(inner, run, common);
    std::string content = pieces_json(inner);
    if (content == "[]") content = text_json(link.target);
    std::string json = R"({"t":"Link","c":[)";
    json += kNoAttr;
    json += ',' + content + ",[";
    append_string(json, link.target);
    json += R"(,""]]})";
    ps.push_back({Piece::Kind::Json, common, std::move(json)});
  }

  /// An image missing from Document::images leaves its description as text.
  void add_image(std::vector<Piece>& ps, const model::Image& image) {
    auto name = names_.find(image.id);
    if (name == names_.end()) {
      add_run(ps, model::Run{image.alt, model::kPlain});
      return;
    }
    std::string src = opts_.media_dir.empty() ? name->second : opts_.media_dir + "/" + name->second;
    std::string json = R"({"t":"Image","c":[["",[],[)";
    bool first = true;
    auto size = [&](const char* key, double cm) {
      if (!usable_width(cm)) return;
      sep(json, first);
      json += '[';
      append_string(json, key);
      json += ',';
      append_string(json, length_cm(cm));
      json += ']';
    };
    size("width", image.width_cm);
    size("height", image.height_cm);
    json += "]]," + text_json(image.alt) + ",[";
    append_string(json, src);
    json += R"(,""]]})";
    ps.push_back({Piece::Kind::Json, model::kPlain, std::move(json)});
  }

  const model::Document& doc_;
  const JsonOptions& opts_;
  const std::map<std::string, std::string> names_;
  std::string out_;
};

}  // namespace

std::string to_json(const model::Document& doc, const ApiVersion& v, const JsonOptions& opts) {
  if (!supported(v)) {
    throw std::invalid_argument("Pandoc JSON for pandoc-types " + to_string(v) +
                                " is not supported; only 1.22 and 1.23 are");
  }
  // Pandoc's AST has no tracked changes: a redline is written as it reads once accepted, so
  // deleted text never shows as if it were current.
  if (model::has_revisions(doc)) {
    const model::Document accepted = model::accept_revisions(doc);
    return Writer(accepted, opts).document(v);
  }
  return Writer(doc, opts).document(v);
}

}  // namespace tillit::render::pandoc
