#include "ingest/manifest_reader.h"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <functional>

#include "support/text.h"

namespace tillit::ingest {

namespace {

constexpr std::array<std::string_view, 2> kLanguages = {"sv", "en"};

/// Maps pugixml byte offsets to line:column for diagnostics.
class Positions {
 public:
  Positions(std::string file, std::string_view text) : file_(std::move(file)), text_(text) {}
  Location at(ptrdiff_t offset) const {
    if (offset < 0) return Location{file_, "", 0, 0};
    auto lc = line_column_at(text_, static_cast<size_t>(offset));
    return Location{file_, "", lc.line, lc.column};
  }
  /// pugixml reports an element at its name and a DOCTYPE at its body; editors expect the
  /// '<' that opens it.
  Location at(const pugi::xml_node& n) const {
    ptrdiff_t offset = n.offset_debug();
    for (int back = 0; offset > 0 && back < 16 && text_[static_cast<size_t>(offset)] != '<';
         ++back) {
      --offset;
    }
    return at(offset);
  }

 private:
  std::string file_;
  std::string_view text_;
};

std::string node_text(const pugi::xml_node& n) { return trim(n.text().get()); }

/// Reads one manifest; one instance per call keeps the position map and diagnostics at hand.
class ManifestParser {
 public:
  ManifestParser(const Positions& pos, Diagnostics& diags, Manifest& m)
      : pos_(pos), diags_(diags), m_(m) {}

  void parse(const pugi::xml_node& root) {
    check_children(root, {"organisation", "organization", "system", "report", "auditor",
                          "management", "opinion", "inputs", "not-applicable"});
    for (auto child : root.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view name = child.name();
      if (name == "organisation" || name == "organization") organisation(child);
      else if (name == "system") system(child);
      else if (name == "report") report(child);
      else if (name == "auditor") auditor(child);
      else if (name == "management") management(child);
      else if (name == "opinion") opinion(child);
      else if (name == "inputs") inputs(child);
      else if (name == "not-applicable") not_applicable(child);
    }
  }

 private:
  Text text_of(const pugi::xml_node& n) { return Text{node_text(n), pos_.at(n)}; }

  /// Warn about elements this version does not know, with a "did you mean" when one is near.
  void check_children(const pugi::xml_node& parent, std::vector<std::string_view> known) {
    for (auto child : parent.children()) {
      if (child.type() != pugi::node_element) continue;
      std::string_view name = child.name();
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      std::string msg = "unknown element <" + std::string(name) + "> in <" + parent.name() + ">";
      std::string best = nearest(name, known, 2);
      if (!best.empty()) msg += "; did you mean <" + best + ">?";
      diags_.warning(pos_.at(child), "manifest-unknown-element", msg + "; it is ignored");
    }
  }

  /// A language attribute, checked against the languages Tillit writes.
  std::optional<std::string> lang_of(const pugi::xml_node& n) {
    std::string lang = fold_case(trim(n.attribute("lang").value()));
    if (lang.empty()) {
      diags_.error(pos_.at(n), "manifest-language",
                   "<" + std::string(n.name()) + "> needs a lang attribute (sv or en)",
                   ExitCode::DataError);
      return std::nullopt;
    }
    if (std::find(kLanguages.begin(), kLanguages.end(), lang) == kLanguages.end()) {
      diags_.error(pos_.at(n), "manifest-language",
                   "unsupported language '" + lang + "'; Tillit writes sv and en",
                   ExitCode::DataError);
      return std::nullopt;
    }
    return lang;
  }

  void localized(const pugi::xml_node& n, LocalizedText& into) {
    if (auto lang = lang_of(n)) {
      if (into.by_lang.count(*lang)) {
        diags_.warning(pos_.at(n), "manifest-duplicate",
                       "second <" + std::string(n.name()) + "> for language '" + *lang +
                           "'; the first one is used");
        return;
      }
      into.by_lang[*lang] = text_of(n);
    }
  }

  std::optional<Date> date_attr(const pugi::xml_node& n, const char* attr) {
    auto a = n.attribute(attr);
    if (!a) return std::nullopt;
    auto d = parse_iso_date(trim(a.value()));
    if (!d) {
      diags_.error(pos_.at(n), "manifest-date",
                   std::string("invalid date '") + a.value() + "' in attribute " + attr +
                       "; write YYYY-MM-DD",
                   ExitCode::DataError);
    }
    return d;
  }

  std::optional<Date> date_text(const pugi::xml_node& n) {
    std::string s = node_text(n);
    auto d = parse_iso_date(s);
    if (!d) {
      diags_.error(pos_.at(n), "manifest-date",
                   "invalid date '" + s + "' in <" + n.name() + ">; write YYYY-MM-DD",
                   ExitCode::DataError);
    }
    return d;
  }

  void organisation(const pugi::xml_node& n) {
    check_children(n, {"name", "slug"});
    if (auto name = n.child("name")) m_.organisation = text_of(name);
    if (auto slug = n.child("slug")) m_.slug = text_of(slug);
    if (m_.organisation.empty()) m_.organisation.where = pos_.at(n);
  }

  void system(const pugi::xml_node& n) {
    check_children(n, {"name"});
    for (auto name : n.children("name")) localized(name, m_.system_name);
  }

  void report(const pugi::xml_node& n) {
    check_children(n, {"period", "as-of", "languages", "categories", "template"});
    m_.report_where = pos_.at(n);
    m_.report_type = Text{trim(n.attribute("type").value()), pos_.at(n)};
    std::string status = fold_case(trim(n.attribute("status").value()));
    if (status == "final") {
      m_.draft = false;
    } else if (!status.empty() && status != "draft") {
      diags_.error(pos_.at(n), "manifest-status",
                   "unknown report status '" + status + "'; write draft or final",
                   ExitCode::DataError);
    }
    if (auto p = n.child("period")) {
      m_.period_where = pos_.at(p);
      m_.period_start = date_attr(p, "start");
      m_.period_end = date_attr(p, "end");
    }
    if (auto a = n.child("as-of")) {
      m_.as_of_where = pos_.at(a);
      m_.as_of = a.attribute("date") ? date_attr(a, "date") : date_text(a);
    }
    if (auto l = n.child("languages")) {
      m_.languages_where = pos_.at(l);
      for (auto& code : split_any(node_text(l), " ,;\t\n\r")) {
        std::string lang = fold_case(code);
        if (std::find(kLanguages.begin(), kLanguages.end(), lang) == kLanguages.end()) {
          diags_.error(pos_.at(l), "manifest-language",
                       "unsupported language '" + code + "'; Tillit writes sv and en",
                       ExitCode::DataError);
        } else if (std::find(m_.languages.begin(), m_.languages.end(), lang) ==
                   m_.languages.end()) {
          m_.languages.push_back(lang);
        }
      }
    }
    if (auto c = n.child("categories")) {
      m_.categories_where = pos_.at(c);
      for (auto& name : split_any(node_text(c), " ,;\t\n\r")) {
        m_.categories.push_back(Text{name, pos_.at(c)});
      }
    }
    if (auto t = n.child("template")) m_.template_path = text_of(t);
  }

  void auditor(const pugi::xml_node& n) {
    check_children(n, {"firm", "city", "report-date"});
    if (auto f = n.child("firm")) m_.auditor_firm = text_of(f);
    if (auto c = n.child("city")) m_.auditor_city = text_of(c);
    if (auto d = n.child("report-date")) {
      m_.report_date_where = pos_.at(d);
      m_.report_date = date_text(d);
    }
  }

  void management(const pugi::xml_node& n) {
    check_children(n, {"signer", "title"});
    if (auto s = n.child("signer")) m_.signer = text_of(s);
    for (auto t : n.children("title")) localized(t, m_.signer_title);
  }

  void opinion(const pugi::xml_node& n) {
    check_children(n, {"basis"});
    m_.opinion_where = pos_.at(n);
    m_.opinion = Text{fold_case(trim(n.attribute("kind").value())), pos_.at(n)};
    for (auto b : n.children("basis")) localized(b, m_.opinion_basis);
  }

  std::optional<Manifest::Input> input(const pugi::xml_node& n) {
    Manifest::Input in;
    in.path = text_of(n);
    if (in.path.empty()) {
      diags_.error(pos_.at(n), "manifest-path", "<" + std::string(n.name()) + "> names no file",
                   ExitCode::DataError);
      return std::nullopt;
    }
    if (!stays_inside(in.path.value)) {
      diags_.error(pos_.at(n), "manifest-path",
                   "path '" + in.path.value + "' leaves the engagement folder",
                   ExitCode::DataError);
      return std::nullopt;
    }
    in.sheet = Text{trim(n.attribute("sheet").value()), pos_.at(n)};
    if (n.attribute("lang")) {
      if (auto lang = lang_of(n)) in.lang = *lang;
    }
    return in;
  }

  void inputs(const pugi::xml_node& n) {
    check_children(n, {"matrix", "cuecs", "subservice", "description", "assertion"});
    if (auto x = n.child("matrix")) m_.matrix = input(x);
    if (auto x = n.child("cuecs")) m_.cuecs = input(x);
    if (auto x = n.child("subservice")) m_.subservice = input(x);
    if (auto x = n.child("description")) {
      if (auto in = input(x)) m_.description_dir = in->path;
    }
    for (auto a : n.children("assertion")) {
      auto lang = lang_of(a);
      auto in = input(a);
      if (lang && in) m_.assertion_override[*lang] = in->path;
    }
  }

  void not_applicable(const pugi::xml_node& n) {
    check_children(n, {"reason"});
    Manifest::NotApplicable na;
    na.where = pos_.at(n);
    na.criterion = Text{trim(n.attribute("criterion").value()), pos_.at(n)};
    for (auto r : n.children("reason")) localized(r, na.reason);
    m_.not_applicable.push_back(std::move(na));
  }

  const Positions& pos_;
  Diagnostics& diags_;
  Manifest& m_;
};

}  // namespace

bool stays_inside(std::string_view p) {
  if (p.empty() || p.front() == '/' || p.front() == '\\') return false;
  if (p.size() > 1 && p[1] == ':') return false;  // C:\...
  int depth = 0;
  for (auto& part : split_any(p, "/\\")) {
    if (part == "..") {
      if (--depth < 0) return false;
    } else if (part != ".") {
      ++depth;
    }
  }
  return true;
}

std::optional<Manifest> read_manifest(const std::string& shown, std::string_view bytes,
                                      Diagnostics& diags) {
  Positions pos(shown, bytes);
  size_t bad = 0;
  if (!is_valid_utf8(bytes, &bad)) {
    diags.error(pos.at(static_cast<ptrdiff_t>(bad)), "manifest-encoding",
                "invalid UTF-8; save the manifest as UTF-8", ExitCode::DataError);
    return std::nullopt;
  }
  pugi::xml_document doc;
  auto result = doc.load_buffer(bytes.data(), bytes.size(),
                                pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
  if (!result) {
    diags.error(pos.at(result.offset), "malformed-xml",
                std::string("malformed XML: ") + result.description(), ExitCode::DataError);
    return std::nullopt;
  }
  for (auto child : doc.children()) {
    if (child.type() == pugi::node_doctype) {
      // Entity definitions are a door to "billion laughs" expansion; a manifest needs none.
      diags.error(pos.at(child), "xml-doctype", "DOCTYPE declarations are not allowed",
                  ExitCode::DataError);
      return std::nullopt;
    }
  }
  auto root = doc.document_element();
  if (std::string_view(root.name()) != "engagement") {
    diags.error(pos.at(root), "manifest-root",
                "the root element is <" + std::string(root.name()) + ">, expected <engagement>",
                ExitCode::DataError);
    return std::nullopt;
  }
  Manifest m;
  m.file = shown;
  if (auto v = root.attribute("version")) {
    std::string version = trim(v.value());
    if (version != "1") {
      diags.error(pos.at(root), "manifest-version",
                  "manifest version '" + version + "' is not supported; this Tillit reads version 1",
                  ExitCode::DataError);
      return std::nullopt;
    }
  }
  ManifestParser(pos, diags, m).parse(root);
  return m;
}

}  // namespace tillit::ingest
