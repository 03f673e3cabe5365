#include "validate/validate.h"

#include <algorithm>
#include <map>
#include <set>

#include "ingest/topics.h"
#include "support/text.h"

namespace tillit::validate {

using catalogue::Catalogue;
using catalogue::Category;
using catalogue::Criterion;
using ingest::Control;
using ingest::CriterionRef;
using ingest::Engagement;
using ingest::LocalizedText;
using ingest::Manifest;

namespace {

std::string language_name(const std::string& lang) {
  return lang == "sv" ? "Swedish" : lang == "en" ? "English" : lang;
}

Diagnostic note(const Location& where, std::string message) {
  return Diagnostic{Severity::Note, "", where, std::move(message), ExitCode::Ok, {}};
}

/// Runs the rules over one engagement; one instance per check.
class Checker {
 public:
  Checker(const Engagement& e, const Catalogue& cat, Diagnostics& diags)
      : e_(e), m_(e.manifest), cat_(cat), diags_(diags) {}

  Summary run() {
    summary_.languages = m_.languages;
    summary_.organisation = m_.organisation.value;
    check_manifest();
    scope_ = categories_in_scope(m_);
    summary_.categories = scope_;
    for (const Criterion* c : cat_.in_scope(scope_)) in_scope_.insert(c->id);
    summary_.criteria_in_scope = static_cast<int>(in_scope_.size());
    check_not_applicable();
    check_controls();
    check_cuecs();
    check_subservice();
    check_narratives();
    compute_coverage();
    return summary_;
  }

 private:
  // ---- manifest -------------------------------------------------------------------------

  void check_manifest() {
    Location at_file{m_.file};
    if (m_.organisation.empty()) {
      diags_.error(m_.organisation.where.file.empty() ? at_file : m_.organisation.where,
                   "manifest-missing", "no service organisation name (<organisation><name>)");
    }
    if (m_.languages.empty()) {
      diags_.error(m_.languages_where.file.empty() ? at_file : m_.languages_where,
                   "manifest-missing", "no report languages (<report><languages>sv en</languages>)");
    }
    require_languages(m_.system_name, m_.report_where, "system name (<system><name lang=...>)");
    summary_.system_name = pick(m_.system_name);

    const std::string& type = m_.report_type.value;
    if (type == "1" || type == "2") {
      summary_.report_type = type[0] - '0';
    } else {
      diags_.error(m_.report_type.where.file.empty() ? at_file : m_.report_type.where,
                   "manifest-report-type",
                   type.empty() ? "no report type; write <report type=\"1\"> or <report type=\"2\">"
                                : "unknown report type '" + type + "'; write 1 or 2");
    }
    check_dates();

    if (m_.auditor_firm.empty()) {
      diags_.warning(at_file, "manifest-missing", "no service auditor firm (<auditor><firm>)");
    }
    if (m_.signer.empty()) {
      diags_.warning(at_file, "manifest-missing", "no management signer (<management><signer>)");
    }
    check_opinion();
    check_categories();
  }

  void check_dates() {
    Location at_file{m_.file};
    if (!m_.report_date) {
      if (m_.report_date_where.file.empty()) {
        diags_.warning(at_file, "manifest-missing",
                       "no report date (<auditor><report-date>); Section I cannot be dated");
      }
    }
    if (summary_.report_type == 1) {
      if (!m_.as_of) {
        if (m_.as_of_where.file.empty()) {
          diags_.error(m_.report_where.file.empty() ? at_file : m_.report_where,
                       "missing-as-of-date",
                       "a Type 1 report needs an as-of date (<as-of date=\"YYYY-MM-DD\"/>)");
        }
        return;
      }
      summary_.period = "as of " + iso_date(*m_.as_of);
      if (m_.report_date && *m_.as_of > *m_.report_date) {
        diags_.error(m_.as_of_where, "period-after-report-date",
                     "the as-of date " + iso_date(*m_.as_of) + " is after the report date " +
                         iso_date(*m_.report_date));
      }
      return;
    }
    if (summary_.report_type != 2) return;
    if (!m_.period_start || !m_.period_end) {
      if (m_.period_where.file.empty() || (!m_.period_start && !m_.period_end)) {
        diags_.error(m_.period_where.file.empty() ? m_.report_where : m_.period_where,
                     "missing-period",
                     "a Type 2 report needs a period (<period start=\"YYYY-MM-DD\" "
                     "end=\"YYYY-MM-DD\"/>)");
      }
      return;
    }
    const Date& start = *m_.period_start;
    const Date& end = *m_.period_end;
    summary_.period = iso_date(start) + " to " + iso_date(end);
    if (end < start) {
      diags_.error(m_.period_where, "period-order",
                   "the period ends (" + iso_date(end) + ") before it starts (" + iso_date(start) + ")");
      return;
    }
    // Six months: the same day number six months later, minus one day (1 Jan - 30 Jun).
    auto six_months_later = std::chrono::year_month_day{start.year() / start.month() / 1} +
                            std::chrono::months{6};
    auto last_day = std::chrono::year_month_day_last{six_months_later.year() /
                                                     six_months_later.month() /
                                                     std::chrono::last};
    auto target_day = std::min(start.day(), last_day.day());
    std::chrono::sys_days minimum_end =
        std::chrono::sys_days{six_months_later.year() / six_months_later.month() / target_day} -
        std::chrono::days{1};
    if (std::chrono::sys_days{end} < minimum_end) {
      auto days = (std::chrono::sys_days{end} - std::chrono::sys_days{start}).count() + 1;
      diags_.warning(m_.period_where, "short-period",
                     "the period " + iso_date(start) + " to " + iso_date(end) + " is " +
                         std::to_string(days) +
                         " days, shorter than six months; user entities and their auditors "
                         "usually expect at least six months");
    }
    if (m_.report_date && end > *m_.report_date) {
      diags_.error(m_.period_where, "period-after-report-date",
                   "the period ends " + iso_date(end) + ", after the report date " +
                       iso_date(*m_.report_date));
    }
  }

  void check_opinion() {
    const std::string& kind = m_.opinion.value;
    if (kind.empty() || kind == "unmodified") return;
    if (kind != "qualified" && kind != "adverse" && kind != "disclaimer") {
      diags_.error(m_.opinion_where, "manifest-opinion",
                   "unknown opinion kind '" + kind +
                       "'; write unmodified, qualified, adverse or disclaimer");
      return;
    }
    if (!m_.opinion_basis.any()) {
      diags_.error(m_.opinion_where, "opinion-without-basis",
                   "a " + kind + " opinion needs its basis (<basis lang=\"...\">)");
      return;
    }
    require_languages(m_.opinion_basis, m_.opinion_where, "basis for the " + kind + " opinion");
  }

  void check_categories() {
    for (const auto& name : m_.categories) {
      if (catalogue::parse_category(name.value)) continue;
      std::string msg = "unknown trust services category '" + name.value + "'";
      std::vector<std::string_view> keys;
      for (Category c : catalogue::all_categories()) keys.push_back(catalogue::category_key(c));
      std::string best = nearest(fold_case(name.value), keys, 3);
      if (!best.empty()) msg += "; did you mean '" + best + "'?";
      diags_.error(name.where, "unknown-category",
                   msg + " (security, availability, processing-integrity, confidentiality, "
                         "privacy)");
    }
  }

  // ---- criteria references --------------------------------------------------------------

  /// Resolve a criterion written in a cell. Reports unknown IDs (with a suggestion) and IDs
  /// outside the categories in scope; returns the criterion when it counts.
  const Criterion* resolve(const CriterionRef& ref, const std::string& owner) {
    const Criterion* c = cat_.find(ref.raw);
    if (!c) {
      std::string msg = owner + " maps to unknown criterion '" + ref.raw + "'";
      if (Catalogue::is_series_heading(ref.raw)) {
        msg += "; " + ref.raw + " is a series heading, not a criterion";
      } else if (auto s = cat_.suggest(ref.raw)) {
        msg += "; did you mean '" + *s + "'?";
      }
      diags_.error(ref.where, "unknown-criterion", msg);
      return nullptr;
    }
    if (!in_scope_.count(c->id)) {
      diags_.warning(ref.where, "criterion-out-of-scope",
                     owner + " maps to " + c->id + ", a " +
                         std::string(catalogue::category_name_en(c->category)) +
                         " criterion, but that category is not in scope; the mapping is ignored");
      return nullptr;
    }
    return c;
  }

  // ---- translations ---------------------------------------------------------------------

  /// Every report language has text where any language has text. A language without a
  /// column at all is reported once per table and field by the caller.
  void require_languages(const LocalizedText& t, const Location& fallback,
                         const std::string& what) {
    if (!t.any()) {
      return;
    }
    for (const auto& lang : m_.languages) {
      if (t.get(lang)) continue;
      auto it = t.by_lang.find(lang);
      Location at = it != t.by_lang.end() ? it->second.where : fallback;
      diags_.warning(at, "missing-translation", "no " + language_name(lang) + " text for " + what);
      ++summary_.missing_translations;
    }
  }

  /// Like require_languages, for table cells: a missing column is counted, reported once.
  void require_cell_languages(const LocalizedText& t, const Location& row,
                              const std::string& field, const std::string& what) {
    if (!t.any()) return;
    for (const auto& lang : m_.languages) {
      if (t.get(lang)) continue;
      auto it = t.by_lang.find(lang);
      if (it == t.by_lang.end()) {
        ++summary_.missing_translations;
        auto key = row.file + "|" + row.sheet + "|" + field + "|" + lang;
        if (reported_missing_columns_.insert(key).second) {
          diags_.warning(Location{row.file, row.sheet, 0, 0}, "missing-translation",
                         "no " + language_name(lang) + " column for " + field +
                             " (add a column headed e.g. '" + field + " (" + lang +
                             ")'); every row lacks the " + language_name(lang) + " text");
        }
        continue;
      }
      diags_.warning(it->second.where, "missing-translation",
                     "no " + language_name(lang) + " text for the " + field + " of " + what);
      ++summary_.missing_translations;
    }
  }

  std::string pick(const LocalizedText& t) const {
    for (const auto& lang : m_.languages) {
      if (auto* x = t.get(lang)) return x->value;
    }
    for (const auto& [lang, x] : t.by_lang) {
      if (!x.empty()) return x.value;
    }
    return "";
  }

  // ---- not applicable -------------------------------------------------------------------

  void check_not_applicable() {
    for (const auto& na : m_.not_applicable) {
      if (na.criterion.empty()) {
        diags_.error(na.where, "manifest-missing",
                     "<not-applicable> needs a criterion attribute (criterion=\"CC6.4\")");
        continue;
      }
      const Criterion* c = resolve(CriterionRef{na.criterion.value, na.where},
                                   "<not-applicable>");
      if (!c) continue;
      if (!not_applicable_.emplace(c->id, na.where).second) {
        diags_.warning(na.where, "duplicate-not-applicable",
                       c->id + " is marked not applicable twice");
      }
      if (!na.reason.any()) {
        diags_.error(na.where, "not-applicable-without-reason",
                     c->id + " is marked not applicable without a reason (<reason lang=...>)");
      } else {
        require_languages(na.reason, na.where, "the reason " + c->id + " is not applicable");
      }
    }
  }

  // ---- controls -------------------------------------------------------------------------

  void check_controls() {
    const bool type2 = summary_.report_type == 2;
    std::map<std::string, const Control*> seen;
    std::map<std::string, std::vector<const Control*>> by_criterion;
    summary_.controls = static_cast<int>(e_.controls.size());
    if (type2 && e_.matrix_read && !e_.columns.test_procedure) {
      diags_.warning(Location{e_.matrix_file}, "missing-test-procedure",
                     "the matrix has no test procedure column; a Type 2 report shows the "
                     "tests of controls ('Test procedure' / 'Testprocedur')");
    }
    if (type2 && e_.matrix_read && !e_.columns.result && !e_.columns.deviation) {
      diags_.warning(Location{e_.matrix_file}, "missing-result",
                     "the matrix has no result or deviation column; a Type 2 report shows the "
                     "results of tests ('Result' / 'Resultat')");
    }
    for (const Control& c : e_.controls) {
      std::string name = c.id.empty() ? "a control" : "control '" + c.id.value + "'";
      if (!c.id.empty()) {
        auto [it, fresh] = seen.emplace(c.id.value, &c);
        if (!fresh) {
          auto& d = diags_.error(c.id.where, "duplicate-control-id",
                                 "duplicate control ID '" + c.id.value + "'");
          d.notes.push_back(note(it->second->id.where, "first defined here"));
        }
      }
      std::set<std::string> mapped;
      for (const auto& ref : c.criteria) {
        if (const Criterion* crit = resolve(ref, name)) {
          if (mapped.insert(crit->id).second) covered_[crit->id].push_back(&c);
        }
      }
      require_cell_languages(c.description, c.row, "Control description", name);
      require_cell_languages(c.title, c.row, "Control title", name);
      require_cell_languages(c.owner, c.row, "Owner", name);
      require_cell_languages(c.test_procedure, c.row, "Test procedure", name);
      require_cell_languages(c.result, c.row, "Result", name);
      require_cell_languages(c.deviation, c.row, "Deviation", name);
      require_cell_languages(c.management_response, c.row, "Management response", name);
      if (type2 && e_.columns.test_procedure && !c.test_procedure.any()) {
        diags_.warning(cell_or_row(c.test_procedure, c.row), "missing-test-procedure",
                       "Type 2 " + name + " has no test procedure");
      }
      if (has_deviation(c)) {
        ++summary_.deviations;
        if (!c.management_response.any()) {
          ++summary_.deviations_without_response;
          diags_.warning(cell_or_row(c.management_response, c.row),
                         "deviation-without-response",
                         "deviation in " + name +
                             " has no management response (Section V shows one per deviation)");
        }
      }
    }
    for (const auto& [id, where] : not_applicable_) {
      auto it = covered_.find(id);
      if (it == covered_.end()) continue;
      auto& d = diags_.error(where, "not-applicable-with-controls",
                             id + " is marked not applicable, but " +
                                 std::to_string(it->second.size()) + " control(s) map to it");
      for (size_t i = 0; i < it->second.size() && i < 5; ++i) {
        const Control* c = it->second[i];
        d.notes.push_back(note(c->criteria_cell, "control '" + c->id.value + "' maps to " + id));
      }
    }
  }

  static Location cell_or_row(const LocalizedText& t, const Location& row) {
    const Location* cell = t.first_location();
    return cell ? *cell : row;
  }

  // ---- CUECs and subservice organisations -----------------------------------------------

  void check_cuecs() {
    summary_.cuecs = static_cast<int>(e_.cuecs.size());
    std::map<std::string, Location> seen;
    for (const auto& c : e_.cuecs) {
      std::string name = c.id.empty() ? "a CUEC" : "CUEC '" + c.id.value + "'";
      if (!c.id.empty()) {
        auto [it, fresh] = seen.emplace(c.id.value, c.id.where);
        if (!fresh) {
          auto& d = diags_.error(c.id.where, "duplicate-cuec-id",
                                 "duplicate CUEC ID '" + c.id.value + "'");
          d.notes.push_back(note(it->second, "first defined here"));
        }
      }
      for (const auto& ref : c.criteria) resolve(ref, name);
      require_cell_languages(c.description, c.row, "CUEC description", name);
    }
  }

  void check_subservice() {
    summary_.subservice_orgs = static_cast<int>(e_.subservice_orgs.size());
    for (const auto& org : e_.subservice_orgs) {
      std::string name = "subservice organisation '" + org.name.value + "'";
      if (org.method.empty()) {
        diags_.error(org.method.where, "subservice-without-method",
                     name + " has no method; write carve-out or inclusive");
      } else if (subservice_method(org.method.value) == Method::Unknown) {
        diags_.error(org.method.where, "subservice-method",
                     "unknown method '" + org.method.value + "' for " + name +
                         "; write carve-out (exkluderande) or inclusive (inkluderande)");
      }
      require_cell_languages(org.service, org.row, "Service", name);
      if (org.csocs.empty()) {
        diags_.warning(org.row, "subservice-without-csocs",
                       name + " lists no complementary subservice organisation controls");
      }
      summary_.csocs += static_cast<int>(org.csocs.size());
      for (const auto& csoc : org.csocs) {
        std::string what = csoc.id.empty() ? "a CSOC of " + name : "CSOC '" + csoc.id.value + "'";
        for (const auto& ref : csoc.criteria) resolve(ref, what);
        require_cell_languages(csoc.description, csoc.row, "Complementary control", what);
      }
    }
  }

  // ---- narratives -----------------------------------------------------------------------

  void check_narratives() {
    std::string dir = e_.manifest.description_dir.empty() ? "description"
                                                           : e_.manifest.description_dir.value;
    summary_.narratives = static_cast<int>(e_.narratives.size());
    for (const auto& lang : m_.languages) {
      for (const auto& topic : ingest::topics()) {
        bool required = topic.required && (!topic.type2_only || summary_.report_type == 2);
        auto it = std::find_if(e_.narratives.begin(), e_.narratives.end(), [&](auto& n) {
          return n.lang == lang && n.topic == topic.id;
        });
        std::string rel = join_path(join_path(join_path(e_.dir, dir), lang),
                                    std::string(topic.id) + ".md");
        if (it == e_.narratives.end()) {
          if (required) {
            diags_.error(Location{rel}, "missing-narrative",
                         "missing " + language_name(lang) + " narrative for " +
                             std::string(topic.criterion) + " (" + std::string(topic.id) + ")");
          }
          continue;
        }
        if (it->is_stub) {
          diags_.warning(Location{it->shown, "", 1, 1}, "narrative-stub",
                         "still the starter text from 'tillit init'; write the " +
                             std::string(topic.id) + " narrative");
        } else if (trim(it->text).empty() && required) {
          diags_.error(Location{it->shown}, "missing-narrative",
                       "the " + language_name(lang) + " narrative for " +
                           std::string(topic.id) + " is empty");
        }
      }
    }
  }

  // ---- coverage -------------------------------------------------------------------------

  void compute_coverage() {
    std::map<Category, CategoryCoverage> per;
    for (Category c : scope_) per[c] = CategoryCoverage{c, 0, 0, 0};
    Location at{e_.matrix_file.empty() ? m_.file : e_.matrix_file};
    for (const Criterion* c : cat_.in_scope(scope_)) {
      CategoryCoverage& cov = per[c->category];
      ++cov.in_scope;
      if (not_applicable_.count(c->id)) {
        ++cov.not_applicable;
      } else if (covered_.count(c->id)) {
        ++cov.covered;
      } else {
        summary_.gaps.push_back(c->id);
        if (e_.matrix_read) {
          diags_.warning(at, "uncovered-criterion",
                         "no control addresses " + c->id + " (" + c->title_en +
                             "); map a control to it or mark it not applicable");
        }
      }
    }
    for (Category c : scope_) summary_.coverage.push_back(per[c]);
  }

  const Engagement& e_;
  const Manifest& m_;
  const Catalogue& cat_;
  Diagnostics& diags_;
  Summary summary_;
  std::vector<Category> scope_;
  std::set<std::string> in_scope_;
  std::map<std::string, Location> not_applicable_;
  std::map<std::string, std::vector<const Control*>> covered_;
  std::set<std::string> reported_missing_columns_;
};

bool says_no_exception(const std::string& folded) {
  for (const char* phrase : {"no exception", "no deviation", "inga avvikelse", "ingen avvikelse",
                             "utan avvikelse", "without exception", "none noted", "inga noterade",
                             "ej avvikelse"}) {
    if (folded.find(phrase) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

std::vector<Category> categories_in_scope(const Manifest& m) {
  std::vector<Category> out = {Category::Security};
  for (Category c : catalogue::all_categories()) {
    if (c == Category::Security) continue;
    for (const auto& name : m.categories) {
      if (catalogue::parse_category(name.value) == c) {
        out.push_back(c);
        break;
      }
    }
  }
  return out;
}

Method subservice_method(const std::string& written) {
  std::string key = alnum_key(written);
  for (const char* m : {"carveout", "carveoutmethod", "carveoutmetoden", "exkluderande",
                        "exkluderandemetoden", "exclusive"}) {
    if (key == m) return Method::CarveOut;
  }
  for (const char* m : {"inclusive", "inclusivemethod", "inkluderande", "inkluderandemetoden",
                        "inclusivemetoden"}) {
    if (key == m) return Method::Inclusive;
  }
  return Method::Unknown;
}

bool has_deviation(const Control& c) {
  if (c.deviation.any()) return true;
  for (const auto& [lang, t] : c.result.by_lang) {
    std::string folded = fold_case(t.value);
    if (folded.empty() || says_no_exception(folded)) continue;
    if (folded.find("exception") != std::string::npos ||
        folded.find("deviation") != std::string::npos ||
        folded.find("avvikelse") != std::string::npos) {
      return true;
    }
  }
  return false;
}

Summary check(const Engagement& e, const Catalogue& cat, const Options& opts,
              Diagnostics& diags) {
  Summary s = Checker(e, cat, diags).run();
  if (opts.strict) diags.promote("missing-translation");
  return s;
}

}  // namespace tillit::validate
