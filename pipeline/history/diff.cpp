#include "history/diff.h"
#include "support/text.h"

#include <algorithm>
#include <map>
#include <set>

#include "validate/validate.h"

namespace tillit::history {

namespace {

/// Compares values per language, in the report's language order, then any other language.
class FieldComparer {
 public:
  explicit FieldComparer(std::vector<std::string> languages) : languages_(std::move(languages)) {}

  void localized(const Localized& before, const Localized& after, std::string_view field,
                 const std::string& fallback, std::vector<FieldChange>& out) const {
    std::vector<std::string> langs = languages_;
    for (const Localized* side : {&before, &after}) {
      for (const auto& [lang, f] : *side) {
        if (std::find(langs.begin(), langs.end(), lang) == langs.end()) langs.push_back(lang);
      }
    }
    for (const auto& lang : langs) {
      auto b = before.find(lang);
      auto a = after.find(lang);
      add(b == before.end() ? nullptr : &b->second, a == after.end() ? nullptr : &a->second, field,
          lang, fallback, out);
    }
  }

  void value(const Field& before, const Field& after, std::string_view field,
             const std::string& fallback, std::vector<FieldChange>& out) const {
    add(&before, &after, field, "", fallback, out);
  }

  static void text(const std::string& before, const std::string& after, std::string_view field,
                   std::vector<FieldChange>& out) {
    if (before != after) out.push_back(FieldChange{std::string(field), "", before, after, ""});
  }

 private:
  static void add(const Field* before, const Field* after, std::string_view field,
                  const std::string& lang, const std::string& fallback,
                  std::vector<FieldChange>& out) {
    std::string b = before ? before->value : "";
    std::string a = after ? after->value : "";
    if (a == b) return;
    std::string where = after && !after->where.empty()     ? after->where
                        : before && !before->where.empty() ? before->where
                                                           : fallback;
    out.push_back(FieldChange{std::string(field), lang, b, a, where});
  }

  std::vector<std::string> languages_;
};

ingest::Control as_control(const ControlRecord& r) {
  ingest::Control c;
  for (const auto& [lang, f] : r.result) c.result.by_lang[lang] = ingest::Text{f.value, {}};
  for (const auto& [lang, f] : r.deviation) c.deviation.by_lang[lang] = ingest::Text{f.value, {}};
  return c;
}

void compare_criteria(const Criteria& before, const Criteria& after,
                      std::vector<FieldChange>& out) {
  if (before.written == after.written) return;
  out.push_back(FieldChange{"criteria", "", join(before.written, ", "), join(after.written, ", "),
                            after.where});
}

/// Pairs records of two lists by key: calls `both` for each match (in the current order),
/// then reports the ones on one side only.
template <typename Record, typename Key, typename Both, typename Ref>
void pair_up(const std::vector<Record>& before, const std::vector<Record>& after, Key key,
             Both both, Ref ref, ItemChanges& out) {
  std::map<std::string, const Record*> old_by_key;
  for (const auto& r : before) old_by_key.emplace(key(r), &r);
  std::set<std::string> now_keys;
  for (const auto& r : after) {
    now_keys.insert(key(r));
    auto it = old_by_key.find(key(r));
    if (it == old_by_key.end()) {
      out.added.push_back(ref(r));
      continue;
    }
    ItemEdit edit{key(r), {}};
    both(*it->second, r, edit.changes);
    if (!edit.changes.empty()) out.edited.push_back(std::move(edit));
  }
  for (const auto& r : before) {
    if (!now_keys.count(key(r))) out.removed.push_back(ref(r));
  }
}

/// CSOCs are known by ID; one without an ID (or a repeated ID) by its position.
std::vector<std::string> csoc_keys(const SubserviceRecord& org) {
  std::vector<std::string> keys;
  std::map<std::string, int> seen;
  for (size_t i = 0; i < org.csocs.size(); ++i) {
    std::string key = org.csocs[i].id.empty() ? "#" + std::to_string(i + 1) : org.csocs[i].id;
    if (++seen[key] > 1) key += " #" + std::to_string(seen[key]);
    keys.push_back(org.name + ": " + key);
  }
  return keys;
}

class Comparer {
 public:
  Comparer(const Snapshot& before, const Snapshot& after)
      : before_(before), after_(after), fields_(after.report.languages) {}

  Diff run() {
    Diff d;
    d.since_label = before_.label;
    d.since_date = before_.date;
    report(d.report);
    opinion(d.opinion);
    controls(d);
    coverage(d.coverage);
    narratives(d.narratives);
    cuecs(d.cuecs);
    subservice(d.subservice, d.csocs);
    return d;
  }

 private:
  void report(std::vector<FieldChange>& out) const {
    const ReportRecord& b = before_.report;
    const ReportRecord& a = after_.report;
    FieldComparer::text(b.organisation, a.organisation, "organisation", out);
    fields_.localized(b.system_name, a.system_name, "system", "", out);
    FieldComparer::text(b.type, a.type, "type", out);
    FieldComparer::text(b.status, a.status, "status", out);
    FieldComparer::text(b.period_start, a.period_start, "period_start", out);
    FieldComparer::text(b.period_end, a.period_end, "period_end", out);
    FieldComparer::text(b.as_of, a.as_of, "as_of", out);
    FieldComparer::text(b.report_date, a.report_date, "report_date", out);
    FieldComparer::text(join(b.languages, " "), join(a.languages, " "), "languages", out);
    FieldComparer::text(join(b.categories, " "), join(a.categories, " "), "categories", out);
  }

  void opinion(std::vector<FieldChange>& out) const {
    FieldComparer::text(before_.opinion.kind, after_.opinion.kind, "kind", out);
    fields_.localized(before_.opinion.basis, after_.opinion.basis, "basis", "", out);
    fields_.localized(before_.assertion, after_.assertion, "assertion", "", out);
  }

  void controls(Diff& d) const {
    auto ref = [](const ControlRecord& c) {
      return ItemRef{c.id, c.where, c.criteria.resolved, validate::has_deviation(as_control(c))};
    };
    auto both = [&](const ControlRecord& b, const ControlRecord& a,
                    std::vector<FieldChange>& changes) {
      compare_criteria(b.criteria, a.criteria, changes);
      for (const auto& m : kControlTexts) {
        fields_.localized(b.*m.member, a.*m.member, m.key, a.where, changes);
      }
      for (const auto& m : kControlValues) {
        fields_.value(b.*m.member, a.*m.member, m.key, a.where, changes);
      }
      for (const auto& change : changes) {
        if (change.field == "result") d.results.push_back(ResultChange{a.id, change});
      }
      bool was = validate::has_deviation(as_control(b));
      bool is = validate::has_deviation(as_control(a));
      if (was && !is) d.deviations_closed.push_back(a.id);
      if (!was && is) d.deviations_opened.push_back(a.id);
    };
    auto id = [](const ControlRecord& c) { return c.id; };
    pair_up(before_.controls, after_.controls, id, both, ref, d.controls);
  }

  void coverage(std::vector<CoverageChange>& out) const {
    std::map<std::string, const CoverageEntry*> old_by_id;
    for (const auto& e : before_.coverage) old_by_id.emplace(e.criterion, &e);
    std::vector<std::pair<const CoverageEntry*, const CoverageEntry*>> pairs;
    std::set<std::string> now_ids;
    for (const auto& e : after_.coverage) {
      now_ids.insert(e.criterion);
      auto it = old_by_id.find(e.criterion);
      pairs.emplace_back(it == old_by_id.end() ? nullptr : it->second, &e);
    }
    for (const auto& e : before_.coverage) {
      if (!now_ids.count(e.criterion)) pairs.emplace_back(&e, nullptr);
    }
    static const std::vector<std::string> kNone;
    for (const auto& [b, a] : pairs) {
      const auto& was = b ? b->controls : kNone;
      const auto& is = a ? a->controls : kNone;
      CoverageChange change{a ? a->criterion : b->criterion, {}, {}, false, false};
      for (const auto& id : is) {
        if (std::find(was.begin(), was.end(), id) == was.end()) change.added.push_back(id);
      }
      for (const auto& id : was) {
        if (std::find(is.begin(), is.end(), id) == is.end()) change.removed.push_back(id);
      }
      bool was_gap = b && b->gap();
      bool is_gap = a && a->gap();
      change.became_gap = is_gap && !was_gap;
      change.gap_closed = was_gap && !is_gap;
      if (!change.added.empty() || !change.removed.empty() || change.became_gap ||
          change.gap_closed) {
        out.push_back(std::move(change));
      }
    }
  }

  void narratives(std::vector<NarrativeChange>& out) const {
    auto key = [](const NarrativeRecord& n) { return n.topic + "/" + n.lang; };
    std::map<std::string, const NarrativeRecord*> old_by_key;
    for (const auto& n : before_.narratives) old_by_key.emplace(key(n), &n);
    std::set<std::string> now_keys;
    static const std::vector<Paragraph> kNone;
    auto add = [&](const NarrativeRecord& n, const std::vector<Paragraph>& was,
                   const std::vector<Paragraph>& is) {
      auto changes = compare_paragraphs(was, is);
      if (!changes.empty()) out.push_back(NarrativeChange{n.topic, n.lang, n.file, changes});
    };
    for (const auto& n : after_.narratives) {
      now_keys.insert(key(n));
      auto it = old_by_key.find(key(n));
      add(n, it == old_by_key.end() ? kNone : it->second->paragraphs, n.paragraphs);
    }
    for (const auto& n : before_.narratives) {
      if (!now_keys.count(key(n))) add(n, n.paragraphs, kNone);
    }
  }

  void cuecs(ItemChanges& out) const {
    auto ref = [](const CuecRecord& c) { return ItemRef{c.id, c.where, c.criteria.resolved}; };
    auto both = [&](const CuecRecord& b, const CuecRecord& a, std::vector<FieldChange>& changes) {
      compare_criteria(b.criteria, a.criteria, changes);
      fields_.localized(b.description, a.description, "description", a.where, changes);
    };
    auto id = [](const CuecRecord& c) { return c.id; };
    pair_up(before_.cuecs, after_.cuecs, id, both, ref, out);
  }

  void subservice(ItemChanges& orgs, ItemChanges& csocs) const {
    auto ref = [](const SubserviceRecord& o) { return ItemRef{o.name, o.where, {}}; };
    auto both = [&](const SubserviceRecord& b, const SubserviceRecord& a,
                    std::vector<FieldChange>& changes) {
      fields_.value(b.method, a.method, "method", a.where, changes);
      fields_.localized(b.service, a.service, "service", a.where, changes);
      this->csocs(b, a, csocs);
    };
    auto name = [](const SubserviceRecord& o) { return o.name; };
    pair_up(before_.subservice, after_.subservice, name, both, ref, orgs);
  }

  void csocs(const SubserviceRecord& before, const SubserviceRecord& after,
             ItemChanges& out) const {
    // Keyed copies, so pair_up can match them like any other record.
    struct Keyed {
      std::string key;
      const CsocRecord* csoc;
    };
    auto keyed = [](const SubserviceRecord& org) {
      std::vector<Keyed> out_keys;
      auto keys = csoc_keys(org);
      for (size_t i = 0; i < keys.size(); ++i) out_keys.push_back(Keyed{keys[i], &org.csocs[i]});
      return out_keys;
    };
    auto ref = [](const Keyed& k) {
      return ItemRef{k.key, k.csoc->where, k.csoc->criteria.resolved};
    };
    auto both = [&](const Keyed& b, const Keyed& a, std::vector<FieldChange>& changes) {
      compare_criteria(b.csoc->criteria, a.csoc->criteria, changes);
      fields_.localized(b.csoc->description, a.csoc->description, "description", a.csoc->where,
                        changes);
    };
    auto key = [](const Keyed& k) { return k.key; };
    pair_up(keyed(before), keyed(after), key, both, ref, out);
  }

  const Snapshot& before_;
  const Snapshot& after_;
  FieldComparer fields_;
};

}  // namespace

bool Diff::empty() const {
  return report.empty() && opinion.empty() && controls.empty() && coverage.empty() &&
         results.empty() && deviations_opened.empty() && deviations_closed.empty() &&
         narratives.empty() && cuecs.empty() && subservice.empty() && csocs.empty();
}

Diff compare(const Snapshot& issued, const Snapshot& now) { return Comparer(issued, now).run(); }

}  // namespace tillit::history
