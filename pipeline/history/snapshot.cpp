#include "history/snapshot.h"

#include <algorithm>
#include <set>

#include "ingest/topics.h"
#include "validate/validate.h"

namespace tillit::history {

using catalogue::Catalogue;

namespace {

/// Turns the engagement's values into records, with locations relative to its folder.
class Recorder {
 public:
  Recorder(const ingest::Engagement& e, const Catalogue& cat) : e_(e), cat_(cat) {
    if (!e.dir.empty() && e.dir != ".") prefix_ = e.dir.back() == '/' ? e.dir : e.dir + "/";
    for (const auto* c : cat.in_scope(validate::categories_in_scope(e.manifest))) {
      in_scope_.push_back(c->id);
    }
  }

  Snapshot run() {
    Snapshot s;
    s.tool_version = TILLIT_VERSION;
    s.report = report();
    s.opinion.kind = e_.manifest.opinion.empty() ? "unmodified" : e_.manifest.opinion.value;
    s.opinion.basis = localized(e_.manifest.opinion_basis);
    for (const auto& [lang, text] : e_.assertion_text) {
      auto path = e_.manifest.assertion_override.find(lang);
      s.assertion[lang] = Field{
          text, path == e_.manifest.assertion_override.end() ? std::string() : path->second.value};
    }
    for (const auto& c : e_.controls) s.controls.push_back(control(c));
    std::stable_sort(s.controls.begin(), s.controls.end(),
                     [](auto& a, auto& b) { return a.id < b.id; });
    s.coverage = coverage(s.controls);
    for (const auto& c : e_.cuecs) {
      s.cuecs.push_back(CuecRecord{c.id.value, where(c.row), criteria(c.criteria, c.criteria_cell),
                                   localized(c.description)});
    }
    std::stable_sort(s.cuecs.begin(), s.cuecs.end(), [](auto& a, auto& b) { return a.id < b.id; });
    for (const auto& org : e_.subservice_orgs) s.subservice.push_back(subservice(org));
    s.narratives = narratives();
    return s;
  }

 private:
  std::string path(const std::string& shown) const {
    if (!prefix_.empty() && shown.compare(0, prefix_.size(), prefix_) == 0) {
      return shown.substr(prefix_.size());
    }
    return shown;
  }

  std::string where(Location at) const {
    at.file = path(at.file);
    return at.str();
  }

  Field field(const ingest::Text& t) const { return Field{t.value, where(t.where)}; }

  Localized localized(const ingest::LocalizedText& t) const {
    Localized out;
    for (const auto& [lang, text] : t.by_lang) out[lang] = field(text);
    return out;
  }

  Criteria criteria(const std::vector<ingest::CriterionRef>& refs, const Location& cell) const {
    Criteria out;
    out.where = where(cell);
    for (const auto& ref : refs) {
      out.written.push_back(ref.raw);
      const catalogue::Criterion* c = cat_.find(ref.raw);
      if (!c || std::find(in_scope_.begin(), in_scope_.end(), c->id) == in_scope_.end()) continue;
      if (std::find(out.resolved.begin(), out.resolved.end(), c->id) == out.resolved.end()) {
        out.resolved.push_back(c->id);
      }
    }
    return out;
  }

  ReportRecord report() const {
    const ingest::Manifest& m = e_.manifest;
    auto date = [](const std::optional<Date>& d) { return d ? iso_date(*d) : std::string(); };
    ReportRecord r;
    r.organisation = m.organisation.value;
    r.system_name = localized(m.system_name);
    r.type = m.report_type.value;
    r.status = m.draft ? "draft" : "final";
    r.period_start = date(m.period_start);
    r.period_end = date(m.period_end);
    r.as_of = date(m.as_of);
    r.report_date = date(m.report_date);
    r.languages = m.languages;
    for (auto c : validate::categories_in_scope(m)) {
      r.categories.emplace_back(catalogue::category_key(c));
    }
    return r;
  }

  ControlRecord control(const ingest::Control& c) const {
    ControlRecord r;
    r.id = c.id.value;
    r.where = where(c.row);
    r.criteria = criteria(c.criteria, c.criteria_cell);
    const ingest::LocalizedText* texts[] = {
        &c.title,     &c.description,        &c.owner, &c.test_procedure, &c.result,
        &c.deviation, &c.management_response};
    static_assert(std::size(texts) == std::size(kControlTexts));
    for (size_t i = 0; i < std::size(kControlTexts); ++i) {
      r.*kControlTexts[i].member = localized(*texts[i]);
    }
    const ingest::Text* values[] = {&c.frequency, &c.control_type, &c.population, &c.sample_size};
    static_assert(std::size(values) == std::size(kControlValues));
    for (size_t i = 0; i < std::size(kControlValues); ++i) {
      r.*kControlValues[i].member = field(*values[i]);
    }
    return r;
  }

  std::vector<CoverageEntry> coverage(const std::vector<ControlRecord>& controls) const {
    std::set<std::string> not_applicable;
    for (const auto& na : e_.manifest.not_applicable) {
      if (const auto* c = cat_.find(na.criterion.value)) not_applicable.insert(c->id);
    }
    std::vector<CoverageEntry> out;
    for (const auto& id : in_scope_) {
      CoverageEntry entry{id, {}, not_applicable.count(id) > 0};
      for (const auto& c : controls) {
        const auto& ids = c.criteria.resolved;
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) entry.controls.push_back(c.id);
      }
      out.push_back(std::move(entry));
    }
    return out;
  }

  SubserviceRecord subservice(const ingest::SubserviceOrg& org) const {
    SubserviceRecord r{
        org.name.value, where(org.row), field(org.method), localized(org.service), {}};
    for (const auto& csoc : org.csocs) {
      r.csocs.push_back(CsocRecord{csoc.id.value, where(csoc.row),
                                   criteria(csoc.criteria, csoc.criteria_cell),
                                   localized(csoc.description)});
    }
    return r;
  }

  std::vector<NarrativeRecord> narratives() const {
    std::vector<NarrativeRecord> out;
    for (const auto& topic : ingest::topics()) {
      for (const auto& lang : e_.manifest.languages) {
        for (const auto& n : e_.narratives) {
          if (n.topic != topic.id || n.lang != lang) continue;
          out.push_back(NarrativeRecord{n.topic, n.lang, path(n.shown), split_paragraphs(n.text)});
        }
      }
    }
    return out;
  }

  const ingest::Engagement& e_;
  const Catalogue& cat_;
  std::string prefix_;
  std::vector<std::string> in_scope_;  ///< Catalogue order.
};

}  // namespace

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 64) return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

Snapshot take_snapshot(const ingest::Engagement& e, const Catalogue& cat) {
  return Recorder(e, cat).run();
}

std::vector<Paragraph> split_paragraphs(std::string_view markdown) {
  std::vector<Paragraph> out;
  bool open = false;
  int line = 0;
  size_t pos = 0;
  for (;;) {
    size_t end = markdown.find('\n', pos);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view text = markdown.substr(pos, end - pos);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    ++line;
    if (text.find_first_not_of(" \t") == std::string_view::npos) {
      open = false;
    } else if (open) {
      out.back().text += '\n';
      out.back().text += text;
    } else {
      out.push_back(Paragraph{line, std::string(text)});
      open = true;
    }
    if (end == markdown.size()) break;
    pos = end + 1;
  }
  return out;
}

}  // namespace tillit::history
