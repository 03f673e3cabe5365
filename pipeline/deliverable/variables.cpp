#include "deliverable/variables.h"

#include "markdown/markdown.h"

namespace tillit::deliverable {

namespace {

std::string str(const locale::Locale& loc, const std::string& prefix, std::string_view key) {
  return loc.str(prefix + std::string(key));
}

std::string localized(const ingest::LocalizedText& t, const std::string& lang) {
  if (auto* x = t.get(lang)) return x->value;
  for (const auto& [l, x] : t.by_lang) {
    if (!x.empty()) return x.value;
  }
  return "";
}

int gaps_of(const validate::CategoryCoverage& c) { return c.in_scope - c.covered - c.not_applicable; }

void add_engagement(Variables& v, const EngagementFacts& facts, const locale::Locale& loc) {
  const auto& e = facts.engagement;
  const auto& m = e.manifest;
  const auto& s = facts.summary;
  const int type = m.report_type.value == "1" ? 1 : 2;
  v.text("organisation", m.organisation.value);
  v.text("system", localized(m.system_name, loc.lang()));
  v.text("type", std::to_string(type));
  v.flag("type1", type == 1);
  v.flag("type2", type == 2);
  bool period = m.period_start && m.period_end;
  v.text("period", period ? loc.period(*m.period_start, *m.period_end) : "");
  v.text("period_start", period ? loc.date(*m.period_start) : "");
  v.text("period_end", period ? loc.date(*m.period_end) : "");
  v.text("as_of", m.as_of ? loc.date(*m.as_of) : "");
  v.text("report_date", m.report_date ? loc.date(*m.report_date) : "");
  v.text("service_auditor", m.auditor_firm.value);

  std::vector<std::string> names;
  std::vector<std::map<std::string, std::string>> rows;
  int covered = 0;
  for (const auto& c : s.coverage) {
    std::string key(catalogue::category_key(c.category));
    names.push_back(loc.str("category." + key + ".name"));
    rows.push_back({{"category", loc.str("category." + key + ".heading")},
                    {"in_scope", std::to_string(c.in_scope)},
                    {"covered", std::to_string(c.covered)},
                    {"not_applicable", std::to_string(c.not_applicable)},
                    {"gaps", std::to_string(gaps_of(c))}});
    covered += c.covered;
  }
  v.text("categories", loc.list(names));
  v.text("category_count", std::to_string(s.coverage.size()));
  v.text("criteria_in_scope", std::to_string(s.criteria_in_scope));
  v.text("criteria_covered", std::to_string(covered));
  v.text("gap_count", std::to_string(s.gaps.size()));
  v.text("gaps", loc.list(s.gaps));
  v.flag("has_gaps", !s.gaps.empty());
  v.text("control_count", std::to_string(s.controls));
  v.text("deviation_count", std::to_string(s.deviations));
  v.flag("has_deviations", s.deviations > 0);
  v.text("coverage_table", coverage_table(s, loc));
  v.list("coverage", rows, {"category", "in_scope", "covered", "not_applicable", "gaps"});
}

}  // namespace

const std::vector<std::string>& engagement_variable_names() {
  static const std::vector<std::string> names = {
      "organisation", "system", "type", "type1", "type2", "period", "period_start", "period_end",
      "as_of", "report_date", "service_auditor", "categories", "category_count",
      "criteria_in_scope", "criteria_covered", "gap_count", "gaps", "has_gaps", "control_count",
      "deviation_count", "has_deviations", "coverage_table", "coverage"};
  return names;
}

Variables variables(const FrontMatter& fm, const locale::Locale& loc,
                    const EngagementFacts* facts) {
  Variables v;
  v.text("title", fm.title.value);
  v.text("subtitle", fm.subtitle.value);
  v.text("firm", fm.firm.value);
  v.text("author", fm.author.value);
  v.text("date", loc.date(fm.date));
  v.text("language", loc.lang());
  v.text("kind", str(loc, "deliverable.kind.", kind_key(fm.kind)));
  v.text("confidentiality", fm.confidentiality
                                ? str(loc, "deliverable.confidentiality.",
                                      confidentiality_key(*fm.confidentiality))
                                : "");
  if (facts) {
    add_engagement(v, *facts, loc);
  } else {
    for (const auto& name : engagement_variable_names()) {
      v.explain(name, "it comes from an engagement; name one in the front matter "
                      "('engagement: path/to/engagement', relative to this file)");
    }
  }
  return v;
}

std::string coverage_table(const validate::Summary& s, const locale::Locale& loc) {
  auto cell = [](const std::string& text) { return markdown::escape(text); };
  std::string out = "| " + cell(loc.str("deliverable.coverage.category")) + " | " +
                    cell(loc.str("deliverable.coverage.in_scope")) + " | " +
                    cell(loc.str("deliverable.coverage.covered")) + " | " +
                    cell(loc.str("deliverable.coverage.not_applicable")) + " | " +
                    cell(loc.str("deliverable.coverage.gaps")) + " |\n|---|--:|--:|--:|--:|\n";
  validate::CategoryCoverage total{};
  for (const auto& c : s.coverage) {
    std::string name = loc.str("category." + std::string(catalogue::category_key(c.category)) +
                               ".heading");
    out += "| " + cell(name) + " | " + std::to_string(c.in_scope) + " | " +
           std::to_string(c.covered) + " | " + std::to_string(c.not_applicable) + " | " +
           std::to_string(gaps_of(c)) + " |\n";
    total.in_scope += c.in_scope;
    total.covered += c.covered;
    total.not_applicable += c.not_applicable;
  }
  out += "| **" + cell(loc.str("deliverable.coverage.total")) + "** | **" +
         std::to_string(total.in_scope) + "** | **" + std::to_string(total.covered) + "** | **" +
         std::to_string(total.not_applicable) + "** | **" + std::to_string(gaps_of(total)) +
         "** |\n";
  return out;
}

}  // namespace tillit::deliverable
