#include "deliverable/template.h"

#include <stdexcept>

#include "markdown/markdown.h"
#include "support/text.h"

namespace tillit::deliverable {

namespace {

// Put at the end of each line of the template before rendering, so that each line of the
// result can be traced to its source line whatever sections and values did to the lines in
// between. The input may not contain these control characters (the loader rejects them).
constexpr char kMark = '\x1F';
// kainjow-mustache renders nested sections recursively; no deliverable needs this many.
constexpr size_t kMaxNesting = 32;
// Errors per text; a hostile text could otherwise produce one per tag.
constexpr int kMaxErrors = 100;

struct Tag {
  size_t begin = 0;  ///< Offset of "{{".
  size_t end = 0;    ///< Offset just after the closing braces.
  char type = 'v';   ///< v (variable), { and & (unescaped), # ^ / ! > =
  std::string name;
  Location where;
};

/// Line and column of offsets visited in increasing order, in one pass over the text (a
/// hostile text may hold millions of tags on one line).
class Locator {
 public:
  Locator(std::string_view text, int first_line, const std::string& shown)
      : text_(text), line_(first_line), shown_(shown) {}

  Location at(size_t offset) {
    for (; pos_ < offset && pos_ < text_.size(); ++pos_) {
      auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '\n') {
        ++line_;
        column_ = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column_;  // a code point starts here
      }
    }
    return Location{shown_, "", line_, column_};
  }

 private:
  std::string_view text_;
  int line_;
  const std::string& shown_;
  size_t pos_ = 0;
  int column_ = 1;
};

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '_') return false;
  }
  return true;
}

class Checker {
 public:
  Checker(std::string_view body, int first_line, const Variables& vars, const std::string& shown,
          Diagnostics& diags)
      : body_(body), vars_(vars), diags_(diags), locate_(body, first_line, shown) {}

  /// The tags of the body, or nullopt after reporting what is wrong with them.
  std::optional<std::vector<Tag>> run() {
    std::vector<Tag> tags;
    size_t pos = 0;
    size_t open;
    while ((open = body_.find("{{", pos)) != std::string_view::npos) {
      if (errors_ >= kMaxErrors) {
        diags_.error(locate_.at(open), "template-syntax",
                     "too many template errors; the first " + std::to_string(kMaxErrors) +
                         " are shown",
                     ExitCode::DataError);
        return std::nullopt;
      }
      const bool triple = body_.compare(open, 3, "{{{") == 0;
      const std::string_view close = triple ? "}}}" : "}}";
      const size_t inner_start = open + (triple ? 3 : 2);
      const size_t close_at = body_.find(close, inner_start);
      Tag tag;
      tag.begin = open;
      tag.where = locate_.at(open);
      if (close_at == std::string_view::npos) {
        error(tag.where, "'" + std::string(triple ? "{{{" : "{{") + "' is not closed by '" +
                             std::string(close) + "'");
        break;
      }
      tag.end = close_at + close.size();
      std::string_view inner = body_.substr(inner_start, close_at - inner_start);
      if (triple) {
        tag.type = '{';
      } else if (!inner.empty() && std::string_view("#^/!&>=").find(inner[0]) != std::string_view::npos) {
        tag.type = inner[0];
        inner.remove_prefix(1);
      }
      tag.name = trim(inner);
      pos = tag.end;
      if (tag.type != '!' && inner.find('\n') != std::string_view::npos) {
        error(tag.where, "a template tag must end on the line it starts on");
        continue;
      }
      check(tag);
      tags.push_back(std::move(tag));
    }
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it) {
      error(it->where, "section '{{#" + it->name + "}}' is not closed; end it with '{{/" +
                           it->name + "}}'");
    }
    if (failed_) return std::nullopt;
    return tags;
  }

 private:
  struct Open {
    std::string name;
    Location where;
    const Variables::Var* var;
  };

  void error(const Location& where, std::string message, std::string rule = "template-syntax") {
    failed_ = true;
    ++errors_;
    diags_.error(where, std::move(rule), std::move(message), ExitCode::DataError);
  }

  void check(const Tag& tag) {
    switch (tag.type) {
      case '!':
        return;
      case '>':
        return error(tag.where, "partials ('{{>" + tag.name + "}}') are not supported");
      case '=':
        return error(tag.where,
                     "changing the delimiters is not supported; to show '{{' write '&#123;&#123;'");
      default:
        break;
    }
    if (!valid_name(tag.name)) {
      return error(tag.where, "'" + tag.name + "' is not a variable name (letters, digits, _)");
    }
    if (tag.type == '/') {
      if (sections_.empty()) return error(tag.where, "'{{/" + tag.name + "}}' closes no section");
      if (sections_.back().name != tag.name) {
        return error(tag.where, "'{{/" + tag.name + "}}' closes '{{#" + sections_.back().name +
                                    "}}' of line " + std::to_string(sections_.back().where.line));
      }
      sections_.pop_back();
      return;
    }
    const Variables::Var* var = lookup(tag);
    if (!var) return;
    if (tag.type == '#' || tag.type == '^') {
      if (sections_.size() >= kMaxNesting) {
        return error(tag.where, "sections nested more than " + std::to_string(kMaxNesting) +
                                    " deep");
      }
      sections_.push_back(Open{tag.name, tag.where, var});
      return;
    }
    if (var->type != Variables::Type::Text) {
      bool flag = var->type == Variables::Type::Flag;
      error(tag.where, "'" + tag.name + "' is " + (flag ? "a condition" : "a list") + "; use it as {{#" +
                           tag.name + "}}…{{/" + tag.name + "}}");
    }
  }

  const Variables::Var* lookup(const Tag& tag) {
    static const Variables::Var kField{};
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it) {
      if (it->var->fields.count(tag.name)) return &kField;
    }
    auto found = vars_.known().find(tag.name);
    if (found != vars_.known().end()) return &found->second;

    std::string message = "unknown variable '" + tag.name + "'";
    auto reason = vars_.reasons().find(tag.name);
    if (reason != vars_.reasons().end()) {
      message += ": " + reason->second;
    } else {
      std::vector<std::string_view> names;
      for (const auto& [name, v] : vars_.known()) names.push_back(name);
      for (const auto& open : sections_) {
        for (const auto& f : open.var->fields) names.push_back(f);
      }
      std::string near = nearest(tag.name, names, 2);
      if (!near.empty()) message += "; did you mean '" + near + "'?";
    }
    error(tag.where, message, "template-variable");
    return nullptr;
  }

  std::string_view body_;
  const Variables& vars_;
  Diagnostics& diags_;
  Locator locate_;
  std::vector<Open> sections_;
  bool failed_ = false;
  int errors_ = 0;
};

/// The body with a mark and its line number at the end of each line, except lines holding
/// only section or comment tags: Mustache removes those lines whole ("standalone" tags), which
/// any other text on them would prevent.
std::string mark_lines(std::string_view body, int first_line, const std::vector<Tag>& tags) {
  std::string out;
  out.reserve(body.size() + body.size() / 8);
  size_t t = 0;
  size_t start = 0;
  int line = first_line;
  while (start <= body.size()) {
    size_t nl = std::min(body.find('\n', start), body.size());
    size_t end = nl > start && body[nl - 1] == '\r' ? nl - 1 : nl;
    bool has_text = false;
    bool has_control = false;
    size_t pos = start;
    while (t < tags.size() && tags[t].end <= start) ++t;
    for (size_t i = t; i < tags.size() && tags[i].begin < end; ++i) {
      const Tag& tag = tags[i];
      if (tag.type == 'v' || tag.type == '{' || tag.type == '&') continue;
      if (tag.begin > pos &&
          body.substr(pos, tag.begin - pos).find_first_not_of(" \t") != std::string_view::npos) {
        has_text = true;
      }
      has_control = true;
      pos = std::max(pos, tag.end);
    }
    if (pos < end && body.substr(pos, end - pos).find_first_not_of(" \t") != std::string_view::npos) {
      has_text = true;
    }
    out.append(body.substr(start, end - start));
    if (has_text || !has_control) {
      out += kMark;
      out += std::to_string(line);
      out += kMark;
    }
    if (nl == body.size()) break;
    out.append(body.substr(end, nl + 1 - end));
    start = nl + 1;
    ++line;
  }
  return out;
}

/// The rendered text without its marks, and the source line of each of its lines.
Expanded unmark(std::string_view rendered, int first_line) {
  Expanded out;
  out.text.reserve(rendered.size());
  std::vector<int> found;  // per output line: its first mark, or 0
  int current = 0;
  for (size_t i = 0; i < rendered.size(); ++i) {
    char c = rendered[i];
    if (c == kMark) {
      size_t close = rendered.find(kMark, i + 1);
      if (close == std::string_view::npos) break;
      if (current == 0) current = std::stoi(std::string(rendered.substr(i + 1, close - i - 1)));
      i = close;
      continue;
    }
    out.text += c;
    if (c == '\n') {
      found.push_back(current);
      current = 0;
    }
  }
  found.push_back(current);
  // A line without a mark came from a value with line breaks (or a section's own line): it
  // belongs to the next marked line.
  int next = 0;
  out.line_map.assign(found.size(), 0);
  for (size_t i = found.size(); i-- > 0;) {
    if (found[i] != 0) next = found[i];
    out.line_map[i] = next;
  }
  int last = first_line;
  for (int& l : out.line_map) {
    if (l == 0) l = last;
    last = l;
  }
  return out;
}

/// Control characters other than tab and line feed become spaces: none belongs in a value,
/// and the marks must stay the only ones in the text being rendered.
std::string clean(std::string s) {
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') c = ' ';
  }
  return s;
}

}  // namespace

void Variables::text(const std::string& name, const std::string& value) {
  known_[name] = Var{Type::Text, {}};
  if (!value.empty()) data_.set(name, clean(value));
}

void Variables::flag(const std::string& name, bool value) {
  known_[name] = Var{Type::Flag, {}};
  data_.set(name, value);
}

void Variables::list(const std::string& name,
                     const std::vector<std::map<std::string, std::string>>& rows,
                     const std::vector<std::string>& fields) {
  known_[name] = Var{Type::List, std::set<std::string>(fields.begin(), fields.end())};
  locale::Data list{locale::Data::type::list};
  for (const auto& row : rows) {
    locale::Data item{locale::Data::type::object};
    for (const auto& [k, v] : row) item.set(k, clean(v));
    list.push_back(item);
  }
  data_.set(name, list);
}

void Variables::explain(const std::string& name, const std::string& why) { reasons_[name] = why; }

std::optional<Expanded> expand(std::string_view body, int first_line, const Variables& vars,
                               const std::string& shown, Diagnostics& diags) {
  auto tags = Checker(body, first_line, vars, shown, diags).run();
  if (!tags) return std::nullopt;
  if (tags->empty()) {
    Expanded plain{std::string(body), {}};
    int lines = 1 + static_cast<int>(std::count(body.begin(), body.end(), '\n'));
    for (int i = 0; i < lines; ++i) plain.line_map.push_back(first_line + i);
    return plain;
  }
  try {
    std::string rendered =
        locale::render(mark_lines(body, first_line, *tags), vars.data(), markdown::escape);
    return unmark(rendered, first_line);
  } catch (const std::runtime_error& e) {
    diags.error(Location{shown, "", first_line, 0}, "template-syntax", e.what(),
                ExitCode::DataError);
    return std::nullopt;
  }
}

}  // namespace tillit::deliverable
