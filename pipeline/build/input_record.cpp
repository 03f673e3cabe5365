#include "build/input_record.h"

#include <map>
#include <set>

#include "history/diff.h"
#include "support/text.h"

namespace tillit::build {

namespace {

/// FNV-1a, 64 bits: only used to notice a changed value for an explanation, never to decide
/// whether to build, so a rare collision costs a less precise message at most.
std::string short_hash(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = digits[h & 15];
  return out;
}

class Flattener {
 public:
  explicit Flattener(InputRecord& r) : r_(r) {}

  void value(const std::string& group, const std::string& id, const std::string& field,
             const std::string& lang, const std::string& where, const std::string& text) {
    if (text.empty()) return;  // an empty value and a missing one read alike
    r_.values.push_back({group, id, field, lang, where, short_hash(text)});
  }
  void value(const std::string& group, const std::string& id, const std::string& field,
             const history::Field& f) {
    value(group, id, field, "", f.where, f.value);
  }
  void localized(const std::string& group, const std::string& id, const std::string& field,
                 const history::Localized& texts) {
    for (const auto& [lang, f] : texts) value(group, id, field, lang, f.where, f.value);
  }
  void criteria(const std::string& group, const std::string& id, const history::Criteria& c) {
    value(group, id, "criteria", "", c.where, join(c.written, "\n"));
  }

 private:
  InputRecord& r_;
};

std::string key(const InputValue& v) {
  return v.group + '\t' + v.id + '\t' + v.field + '\t' + v.lang;
}

std::string field_words(std::string field) {
  for (char& ch : field) {
    if (ch == '_') ch = ' ';
  }
  return field;
}

/// Items are separated from fields by tabs in the text form, so tabs and newlines inside the
/// pieces (a control ID never has them, a path might) are replaced.
std::string clean(std::string s) {
  for (char& ch : s) {
    if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
  }
  return s;
}

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1) {
    out.emplace_back(line.substr(start, tab - start));
  }
  out.emplace_back(line.substr(start));
  return out;
}

constexpr std::string_view kHeader = "tillit-inputs 1";

}  // namespace

InputRecord record_inputs(const history::Snapshot& s) {
  InputRecord r;
  Flattener f(r);
  const auto& rep = s.report;
  f.value("report", "", "organisation", "", "", rep.organisation);
  f.localized("report", "", "system", rep.system_name);
  for (const auto& [field, text] :
       {std::pair{"type", &rep.type}, {"status", &rep.status}, {"period_start", &rep.period_start},
        {"period_end", &rep.period_end}, {"as_of", &rep.as_of}, {"report_date", &rep.report_date}}) {
    f.value("report", "", field, "", "", *text);
  }
  f.value("report", "", "languages", "", "", join(rep.languages, "\n"));
  f.value("report", "", "categories", "", "", join(rep.categories, "\n"));
  f.value("opinion", "", "kind", "", "", s.opinion.kind);
  f.localized("opinion", "", "basis", s.opinion.basis);
  f.localized("opinion", "", "assertion", s.assertion);
  for (const auto& c : s.controls) {
    f.value("control", c.id, "row", "", c.where, c.id);  // present, even with no other value
    f.criteria("control", c.id, c.criteria);
    for (const auto& m : history::kControlTexts) {
      f.localized("control", c.id, std::string(m.key), c.*m.member);
    }
    for (const auto& m : history::kControlValues) f.value("control", c.id, std::string(m.key), c.*m.member);
  }
  for (const auto& c : s.cuecs) {
    f.value("CUEC", c.id, "row", "", c.where, c.id);
    f.criteria("CUEC", c.id, c.criteria);
    f.localized("CUEC", c.id, "description", c.description);
  }
  for (const auto& org : s.subservice) {
    f.value("subservice organisation", org.name, "row", "", org.where, org.name);
    f.value("subservice organisation", org.name, "method", org.method);
    f.localized("subservice organisation", org.name, "service", org.service);
    for (size_t i = 0; i < org.csocs.size(); ++i) {
      const auto& c = org.csocs[i];
      std::string id = org.name + ": " + (c.id.empty() ? "#" + std::to_string(i + 1) : c.id);
      f.value("CSOC", id, "row", "", c.where, id);
      f.criteria("CSOC", id, c.criteria);
      f.localized("CSOC", id, "description", c.description);
    }
  }
  for (const auto& n : s.narratives) {
    InputRecord::Narrative out{n.file, n.lang, {}};
    for (const auto& p : n.paragraphs) out.paragraphs.push_back({p.line, short_hash(p.text)});
    r.narratives.push_back(std::move(out));
  }
  return r;
}

std::string to_text(const InputRecord& r) {
  std::string out(kHeader);
  out += '\n';
  for (const auto& v : r.values) {
    out += "V\t" + clean(v.group) + '\t' + clean(v.id) + '\t' + v.field + '\t' + v.lang + '\t' +
           clean(v.where) + '\t' + v.hash + '\n';
  }
  for (const auto& n : r.narratives) {
    out += "N\t" + clean(n.file) + '\t' + n.lang + '\n';
    for (const auto& p : n.paragraphs) out += "P\t" + std::to_string(p.line) + '\t' + p.text + '\n';
  }
  return out;
}

std::optional<InputRecord> parse_record(std::string_view text) {
  InputRecord r;
  size_t start = 0;
  bool first = true;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return std::nullopt;  // cut short
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (first) {
      if (line != kHeader) return std::nullopt;
      first = false;
      continue;
    }
    auto parts = split_tabs(line);
    if (parts[0] == "V" && parts.size() == 7) {
      r.values.push_back({parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]});
    } else if (parts[0] == "N" && parts.size() == 3) {
      r.narratives.push_back({parts[1], parts[2], {}});
    } else if (parts[0] == "P" && parts.size() == 3 && !r.narratives.empty()) {
      int n = 0;
      for (char c : parts[1]) {
        if (c < '0' || c > '9' || n > 100'000'000) return std::nullopt;
        n = n * 10 + (c - '0');
      }
      r.narratives.back().paragraphs.push_back({n, parts[2]});
    } else {
      return std::nullopt;
    }
  }
  if (first) return std::nullopt;
  return r;
}

std::vector<InputChange> compare(const InputRecord& before, const InputRecord& now) {
  std::vector<InputChange> out;
  std::map<std::string, const InputValue*> old_values;
  std::set<std::pair<std::string, std::string>> old_items, new_items;
  for (const auto& v : before.values) {
    old_values[key(v)] = &v;
    old_items.insert({v.group, v.id});
  }
  for (const auto& v : now.values) new_items.insert({v.group, v.id});

  std::set<std::string> seen;
  for (const auto& v : now.values) {
    seen.insert(key(v));
    bool item_is_new = !v.id.empty() && !old_items.count({v.group, v.id});
    if (item_is_new) {
      if (v.field == "row") out.push_back({"", v.group + " " + v.id + " added at " + v.where});
      continue;
    }
    auto it = old_values.find(key(v));
    if (it != old_values.end() && it->second->hash == v.hash) continue;
    std::string what = field_words(v.field) + (v.id.empty() ? "" : " of " + v.id);
    if (v.field == "row") continue;  // an item only moved
    out.push_back({v.lang, v.where.empty() ? what + " changed" : v.where + " changed: " + what});
  }
  for (const auto& v : before.values) {
    if (seen.count(key(v))) continue;
    if (!v.id.empty() && !new_items.count({v.group, v.id})) {
      if (v.field == "row") out.push_back({"", v.group + " " + v.id + " removed"});
      continue;
    }
    std::string what = field_words(v.field) + (v.id.empty() ? "" : " of " + v.id);
    out.push_back({v.lang, what + " cleared"});
  }

  std::map<std::string, const InputRecord::Narrative*> old_narratives;
  for (const auto& n : before.narratives) old_narratives[n.file] = &n;
  for (const auto& n : now.narratives) {
    auto it = old_narratives.find(n.file);
    static const std::vector<history::Paragraph> kNone;
    const auto& old_paragraphs = it == old_narratives.end() ? kNone : it->second->paragraphs;
    for (const auto& p : history::compare_paragraphs(old_paragraphs, n.paragraphs)) {
      const char* verb = p.kind == history::ParagraphChange::Kind::Added     ? "added"
                         : p.kind == history::ParagraphChange::Kind::Removed ? "removed"
                                                                             : "changed";
      out.push_back({n.lang, n.file + ":" + std::to_string(p.line) + ": paragraph " +
                                 std::to_string(p.number) + " " + verb});
    }
  }
  return out;
}

std::vector<std::string> changes_for(const std::vector<InputChange>& changes,
                                     const std::string& lang) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    if (c.lang.empty() || c.lang == lang) out.push_back(c.text);
  }
  return out;
}

}  // namespace tillit::build
