#include "deliverable/front_matter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "support/text.h"

namespace tillit::deliverable {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::array<std::string_view, 4> kKinds = {"whitepaper", "report", "letter", "memo"};
constexpr std::array<std::string_view, 4> kClassifications = {"public", "internal", "confidential",
                                                              "strictly-confidential"};
// Characters that start something other than a plain scalar in YAML: a value that begins with
// one must be quoted, or a YAML tool would read the file differently from Tillit.
constexpr std::string_view kYamlIndicators = "[]{}&*!|>@`%,?";

bool is_key_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '-';
}

/// One line of the front matter, without its line ending, and its 1-based number.
struct Line {
  std::string_view text;
  int number = 0;
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& shown, Diagnostics& diags)
      : text_(text), shown_(shown), diags_(diags) {}

  std::optional<FrontMatter> parse() {
    size_t pos = 0;
    if (text_.substr(0, kUtf8Bom.size()) == kUtf8Bom) pos = kUtf8Bom.size();
    fm_.start = Location{shown_, "", 1, 1};
    Line first = next_line(pos);
    if (trim(first.text) != "---") {
      error(fm_.start, "front-matter-syntax",
            "a deliverable starts with its front matter: a line '---', lines 'key: value' "
            "(title, date, language, kind ...) and a closing '---'");
      return std::nullopt;
    }
    bool closed = false;
    while (true) {
      Line line = next_line(pos);
      if (line.number == 0) break;
      std::string_view t = line.text;
      if (t == "---" || t == "...") {
        closed = true;
        break;
      }
      entry(line);
    }
    if (!closed) {
      error(fm_.start, "front-matter-syntax",
            "the front matter is not closed: add a line '---' after its last 'key: value'");
      return std::nullopt;
    }
    fm_.body_offset = pos;
    fm_.body_line = line_number_ + 1;
    require(fm_.title, "title", "the document's title");
    require(fm_.date_text, "date", "the date of the document as YYYY-MM-DD");
    require(fm_.language, "language", "sv or en");
    if (!seen_.count("kind")) {
      error(fm_.start, "front-matter-missing-key",
            "the front matter lacks 'kind': whitepaper, report, letter or memo");
    }
    if (failed_) return std::nullopt;
    return std::move(fm_);
  }

 private:
  /// The next line from `pos` without its line ending; number 0 at the end of the text.
  Line next_line(size_t& pos) {
    if (pos >= text_.size()) return {};
    size_t end = std::min(text_.find('\n', pos), text_.size());
    std::string_view line = text_.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end < text_.size() ? end + 1 : end;
    return Line{line, ++line_number_};
  }

  Location at(const Line& line, size_t byte) const {
    return Location{shown_, "", line.number,
                    1 + static_cast<int>(utf8_length(line.text.substr(0, byte)))};
  }

  Diagnostic& error(const Location& where, std::string rule, std::string message) {
    failed_ = true;
    return diags_.error(where, std::move(rule), std::move(message), ExitCode::DataError);
  }

  void entry(const Line& line) {
    std::string_view t = line.text;
    size_t first = t.find_first_not_of(" \t");
    if (first == std::string_view::npos || t[first] == '#') return;  // blank or comment
    if (first > 0) {
      error(at(line, 0), "front-matter-syntax",
            "indented line: front matter values are single lines 'key: value', without nesting");
      return;
    }
    size_t key_end = 0;
    while (key_end < t.size() && is_key_char(t[key_end])) ++key_end;
    if (key_end == 0 || key_end >= t.size() || t[key_end] != ':' ||
        (key_end + 1 < t.size() && t[key_end + 1] != ' ' && t[key_end + 1] != '\t')) {
      error(at(line, 0), "front-matter-syntax", "expected 'key: value'");
      return;
    }
    std::string key(t.substr(0, key_end));
    size_t value_start = t.find_first_not_of(" \t", key_end + 1);
    if (value_start == std::string_view::npos) value_start = t.size();
    Location key_at = at(line, 0);
    Location value_at = at(line, value_start);
    auto value = scalar(t.substr(value_start), line, value_start);
    if (!value) return;

    const auto& keys = front_matter_keys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      std::string near = nearest(key, keys, std::max<int>(2, static_cast<int>(key.size()) / 3));
      error(key_at, "front-matter-unknown-key",
            "unknown key '" + key + "'" +
                (near.empty() ? "; the keys are " + key_list() : "; did you mean '" + near + "'?"));
      return;
    }
    auto [it, fresh] = seen_.emplace(key, key_at);
    if (!fresh) {
      auto& d = error(key_at, "front-matter-duplicate-key", "'" + key + "' is given twice");
      d.notes.push_back(Diagnostic{Severity::Note, "", it->second, "first given here", {}, {}});
      return;
    }
    ingest::Text text{*value, value_at};
    fm_.entries.emplace_back(key, text);
    assign(key, std::move(text));
  }

  /// A plain, 'single' or "double" quoted YAML scalar on one line.
  std::optional<std::string> scalar(std::string_view v, const Line& line, size_t offset) {
    if (v.empty()) return std::string();
    auto bad = [&](size_t byte, const std::string& message) -> std::optional<std::string> {
      error(at(line, offset + byte), "front-matter-syntax", message);
      return std::nullopt;
    };
    if (v.front() == '"' || v.front() == '\'') {
      const char q = v.front();
      std::string out;
      size_t i = 1;
      for (; i < v.size(); ++i) {
        char c = v[i];
        if (q == '\'' && c == '\'' && i + 1 < v.size() && v[i + 1] == '\'') {
          out += '\'';
          ++i;
        } else if (q == '"' && c == '\\' && i + 1 < v.size() &&
                   (v[i + 1] == '"' || v[i + 1] == '\\')) {
          out += v[++i];
        } else if (q == '"' && c == '\\') {
          return bad(i, "only \\\" and \\\\ are understood inside double quotes");
        } else if (c == q) {
          break;
        } else {
          out += c;
        }
      }
      if (i >= v.size()) return bad(0, "the quoted value is not closed on this line");
      std::string_view rest = v.substr(i + 1);
      size_t after = rest.find_first_not_of(" \t");
      if (after != std::string_view::npos && rest[after] != '#') {
        return bad(i + 1 + after, "text after the closing quote");
      }
      return out;
    }
    if (kYamlIndicators.find(v.front()) != std::string_view::npos ||
        (v.front() == '-' && (v.size() == 1 || v[1] == ' '))) {
      return bad(0, "a value starting with '" + std::string(1, v.front()) +
                        "' must be quoted (\"...\"): nested YAML is not supported");
    }
    // As in YAML, " #" starts a comment; ": " would start a nested mapping.
    size_t comment = v.find(" #");
    if (comment != std::string_view::npos) v = v.substr(0, comment);
    size_t colon = v.find(": ");
    if (colon != std::string_view::npos) {
      return bad(colon, "a value containing ': ' must be quoted (\"...\")");
    }
    return trim(v);
  }

  /// One of `allowed`, else an error with a near one.
  template <size_t N>
  std::optional<size_t> choice(const ingest::Text& t, const std::array<std::string_view, N>& allowed,
                               const std::string& what) {
    std::string v = fold_case(t.value);
    for (size_t i = 0; i < N; ++i) {
      if (v == allowed[i]) return i;
    }
    std::vector<std::string_view> names(allowed.begin(), allowed.end());
    std::string near = nearest(v, names, 3);
    std::string all;
    for (auto n : allowed) all += (all.empty() ? "" : ", ") + std::string(n);
    error(t.where, "front-matter-value",
          "unknown " + what + " '" + t.value + "'" +
              (near.empty() ? "; use " + all : "; did you mean '" + near + "'?"));
    return std::nullopt;
  }

  std::optional<bool> yes_no(const ingest::Text& t) {
    std::string v = fold_case(t.value);
    if (v == "true" || v == "yes") return true;
    if (v == "false" || v == "no") return false;
    error(t.where, "front-matter-value", "expected true or false, not '" + t.value + "'");
    return std::nullopt;
  }

  void assign(const std::string& key, ingest::Text t) {
    if (key == "title") fm_.title = std::move(t);
    if (key == "subtitle") fm_.subtitle = std::move(t);
    if (key == "firm") fm_.firm = std::move(t);
    if (key == "author") fm_.author = std::move(t);
    if (key == "engagement") fm_.engagement = std::move(t);
    if (key == "template") fm_.template_path = std::move(t);
    if (key == "language") {
      if (t.value != "sv" && t.value != "en") {
        error(t.where, "front-matter-value", "unknown language '" + t.value + "'; use sv or en");
      }
      fm_.language = std::move(t);
    }
    if (key == "date") {
      auto d = parse_iso_date(t.value);
      if (!d || t.value.size() != 10) {
        error(t.where, "front-matter-value",
              "'" + t.value + "' is not a date; write it as YYYY-MM-DD");
      } else {
        fm_.date = *d;
      }
      fm_.date_text = std::move(t);
    }
    if (key == "kind") {
      if (auto i = choice(t, kKinds, "kind")) fm_.kind = static_cast<Kind>(*i);
    }
    if (key == "confidentiality" && !t.empty()) {
      if (auto i = choice(t, kClassifications, "confidentiality")) {
        fm_.confidentiality = static_cast<Confidentiality>(*i);
      }
    }
    if (key == "toc" && !t.empty()) fm_.toc = yes_no(t);
    if (key == "draft" && !t.empty()) fm_.draft = yes_no(t).value_or(false);
  }

  void require(const ingest::Text& t, const std::string& key, const std::string& what) {
    auto it = seen_.find(key);
    if (it == seen_.end()) {
      error(fm_.start, "front-matter-missing-key",
            "the front matter lacks '" + key + "': " + what);
    } else if (t.empty()) {
      error(t.where.file.empty() ? it->second : t.where, "front-matter-value",
            "'" + key + "' is empty; give " + what);
    }
  }

  static std::string key_list() {
    std::string all;
    for (auto k : front_matter_keys()) all += (all.empty() ? "" : ", ") + std::string(k);
    return all;
  }

  std::string_view text_;
  const std::string& shown_;
  Diagnostics& diags_;
  FrontMatter fm_;
  std::map<std::string, Location> seen_;
  int line_number_ = 0;
  bool failed_ = false;
};

}  // namespace

const std::vector<std::string_view>& front_matter_keys() {
  static const std::vector<std::string_view> keys = {
      "title", "subtitle", "firm",  "author", "date",       "language", "kind",
      "confidentiality", "toc", "draft", "engagement", "template"};
  return keys;
}

std::optional<FrontMatter> parse_front_matter(std::string_view text, const std::string& shown,
                                              Diagnostics& diags) {
  return Parser(text, shown, diags).parse();
}

std::string_view kind_key(Kind kind) { return kKinds[static_cast<size_t>(kind)]; }

std::string_view confidentiality_key(Confidentiality c) {
  return kClassifications[static_cast<size_t>(c)];
}

}  // namespace tillit::deliverable
