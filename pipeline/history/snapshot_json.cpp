// The snapshot's JSON form. Writing and reading are kept side by side so the two stay in step.
#include <set>

#include "history/json.h"
#include "history/json_decoder.h"
#include "history/snapshot.h"

namespace tillit::history {

using json::Value;

namespace {

// ---- writing ----------------------------------------------------------------------------

Value field_json(const Field& f) {
  Value v = json::object();
  v.add("value", json::string(f.value));
  v.add("where", json::string(f.where));
  return v;
}

Value localized_json(const Localized& texts) {
  Value v = json::object();
  for (const auto& [lang, f] : texts) {
    if (!f.value.empty()) v.add(lang, field_json(f));
  }
  return v;
}

Value criteria_json(const Criteria& c) {
  Value v = json::object();
  v.add("written", json::string_array(c.written));
  v.add("resolved", json::string_array(c.resolved));
  v.add("where", json::string(c.where));
  return v;
}

Value report_json(const ReportRecord& r) {
  Value v = json::object();
  v.add("organisation", json::string(r.organisation));
  v.add("system", localized_json(r.system_name));
  v.add("type", json::string(r.type));
  v.add("status", json::string(r.status));
  v.add("period_start", json::string(r.period_start));
  v.add("period_end", json::string(r.period_end));
  v.add("as_of", json::string(r.as_of));
  v.add("report_date", json::string(r.report_date));
  v.add("languages", json::string_array(r.languages));
  v.add("categories", json::string_array(r.categories));
  return v;
}

Value control_json(const ControlRecord& c) {
  Value v = json::object();
  v.add("id", json::string(c.id));
  v.add("where", json::string(c.where));
  v.add("criteria", criteria_json(c.criteria));
  for (const auto& m : kControlTexts) v.add(std::string(m.key), localized_json(c.*m.member));
  for (const auto& m : kControlValues) {
    if (!(c.*m.member).value.empty()) v.add(std::string(m.key), field_json(c.*m.member));
  }
  return v;
}

Value subservice_json(const SubserviceRecord& org) {
  Value v = json::object();
  v.add("name", json::string(org.name));
  v.add("where", json::string(org.where));
  v.add("method", field_json(org.method));
  v.add("service", localized_json(org.service));
  Value& csocs = v.add("csocs", json::array());
  for (const auto& c : org.csocs) {
    Value& csoc = csocs.push(json::object());
    csoc.add("id", json::string(c.id));
    csoc.add("where", json::string(c.where));
    csoc.add("criteria", criteria_json(c.criteria));
    csoc.add("description", localized_json(c.description));
  }
  return v;
}

Value narrative_json(const NarrativeRecord& n) {
  Value v = json::object();
  v.add("topic", json::string(n.topic));
  v.add("lang", json::string(n.lang));
  v.add("file", json::string(n.file));
  Value& paragraphs = v.add("paragraphs", json::array());
  for (const auto& p : n.paragraphs) {
    Value& para = paragraphs.push(json::object());
    para.add("line", json::number(p.line));
    para.add("text", json::string(p.text));
  }
  return v;
}

// ---- reading ----------------------------------------------------------------------------

using json::Decoder;

const json::FileKind& snapshot_file() {
  static const json::FileKind kind{
      "snapshot",
      "snapshot-corrupt",
      "snapshot-format",
      std::string(kFormatName),
      kFormatVersion,
      "it cannot be trusted: restore it from version control or issue the report again"};
  return kind;
}

Field field_of(Decoder& d, const Value& v) { return Field{d.text(v, "value"), d.text(v, "where")}; }

/// An optional value: absent means empty.
Field field(Decoder& d, const Value& obj, std::string_view key) {
  const Value* v = d.member(obj, key, Value::Kind::Object, false);
  return v ? field_of(d, *v) : Field{};
}

Localized localized(Decoder& d, const Value& obj, std::string_view key) {
  Localized out;
  const Value* v = d.member(obj, key, Value::Kind::Object);
  if (!v) return out;
  for (const auto& [lang, text_value] : v->members) {
    if (text_value.kind != Value::Kind::Object) {
      d.fail(text_value, "the " + lang + " text of '" + std::string(key) + "' should be an object");
      return out;
    }
    out[lang] = field_of(d, text_value);
  }
  return out;
}

Criteria criteria(Decoder& d, const Value& obj) {
  Criteria out;
  const Value* v = d.member(obj, "criteria", Value::Kind::Object);
  if (!v) return out;
  out.written = d.strings(*v, "written");
  out.resolved = d.strings(*v, "resolved");
  out.where = d.text(*v, "where");
  return out;
}

/// An ID that must be there and must not repeat among its kind.
std::string unique_id(Decoder& d, const Value& obj, std::string_view key,
                      std::set<std::string>& seen) {
  std::string id = d.text(obj, key);
  if (!d.failed() && (id.empty() || !seen.insert(id).second)) {
    d.fail(*obj.find(key), id.empty() ? "empty " + std::string(key) : "'" + id + "' appears twice");
  }
  return id;
}

ReportRecord read_report(Decoder& d, const Value& v) {
  ReportRecord r;
  r.organisation = d.text(v, "organisation");
  r.system_name = localized(d, v, "system");
  r.type = d.text(v, "type");
  r.status = d.text(v, "status");
  r.period_start = d.text(v, "period_start");
  r.period_end = d.text(v, "period_end");
  r.as_of = d.text(v, "as_of");
  r.report_date = d.text(v, "report_date");
  r.languages = d.strings(v, "languages");
  r.categories = d.strings(v, "categories");
  return r;
}

ControlRecord read_control(Decoder& d, const Value& v, std::set<std::string>& ids) {
  ControlRecord c;
  c.id = unique_id(d, v, "id", ids);
  c.where = d.text(v, "where");
  c.criteria = criteria(d, v);
  for (const auto& m : kControlTexts) c.*m.member = localized(d, v, m.key);
  for (const auto& m : kControlValues) c.*m.member = field(d, v, m.key);
  return c;
}

SubserviceRecord read_subservice(Decoder& d, const Value& v) {
  SubserviceRecord org;
  org.name = d.text(v, "name");
  org.where = d.text(v, "where");
  if (const Value* method = d.member(v, "method", Value::Kind::Object)) {
    org.method = field_of(d, *method);
  }
  org.service = localized(d, v, "service");
  for (const Value* c : d.items(v, "csocs", Value::Kind::Object)) {
    org.csocs.push_back(CsocRecord{d.text(*c, "id"), d.text(*c, "where"), criteria(d, *c),
                                   localized(d, *c, "description")});
  }
  return org;
}

NarrativeRecord read_narrative(Decoder& d, const Value& v) {
  NarrativeRecord n{d.text(v, "topic"), d.text(v, "lang"), d.text(v, "file"), {}};
  for (const Value* p : d.items(v, "paragraphs", Value::Kind::Object)) {
    n.paragraphs.push_back(Paragraph{d.integer(*p, "line"), d.text(*p, "text")});
  }
  return n;
}

Snapshot read_snapshot(Decoder& d, const Value& root) {
  Snapshot s;
  s.format_version = d.integer(root, "format_version");
  s.tool_version = d.text(root, "tool_version");
  s.label = d.text(root, "label");
  if (!d.failed() && !valid_label(s.label)) d.fail(*root.find("label"), "not a valid label");
  s.date = d.text(root, "date");
  if (!d.failed() && !parse_iso_date(s.date)) {
    d.fail(*root.find("date"), "'" + s.date + "' is not a date (YYYY-MM-DD)");
  }
  s.date_source = d.text(root, "date_source");
  if (const Value* v = d.member(root, "report", Value::Kind::Object)) {
    s.report = read_report(d, *v);
  }
  if (const Value* v = d.member(root, "opinion", Value::Kind::Object)) {
    s.opinion.kind = d.text(*v, "kind");
    s.opinion.basis = localized(d, *v, "basis");
  }
  s.assertion = localized(d, root, "assertion");
  std::set<std::string> control_ids, cuec_ids;
  for (const Value* v : d.items(root, "controls", Value::Kind::Object)) {
    s.controls.push_back(read_control(d, *v, control_ids));
  }
  for (const Value* v : d.items(root, "coverage", Value::Kind::Object)) {
    s.coverage.push_back(CoverageEntry{d.text(*v, "criterion"), d.strings(*v, "controls"),
                                       d.flag(*v, "not_applicable")});
  }
  for (const Value* v : d.items(root, "cuecs", Value::Kind::Object)) {
    std::string id = unique_id(d, *v, "id", cuec_ids);
    s.cuecs.push_back(
        CuecRecord{id, d.text(*v, "where"), criteria(d, *v), localized(d, *v, "description")});
  }
  for (const Value* v : d.items(root, "subservice", Value::Kind::Object)) {
    s.subservice.push_back(read_subservice(d, *v));
  }
  for (const Value* v : d.items(root, "narratives", Value::Kind::Object)) {
    s.narratives.push_back(read_narrative(d, *v));
  }
  return s;
}

}  // namespace

std::string to_json(const Snapshot& s) {
  Value root = json::object();
  root.add("format", json::string(std::string(kFormatName)));
  root.add("format_version", json::number(s.format_version));
  root.add("tool_version", json::string(s.tool_version));
  root.add("label", json::string(s.label));
  root.add("date", json::string(s.date));
  root.add("date_source", json::string(s.date_source));
  root.add("report", report_json(s.report));
  Value& opinion = root.add("opinion", json::object());
  opinion.add("kind", json::string(s.opinion.kind));
  opinion.add("basis", localized_json(s.opinion.basis));
  root.add("assertion", localized_json(s.assertion));
  Value& controls = root.add("controls", json::array());
  for (const auto& c : s.controls) controls.push(control_json(c));
  Value& coverage = root.add("coverage", json::array());
  for (const auto& entry : s.coverage) {
    Value& v = coverage.push(json::object());
    v.add("criterion", json::string(entry.criterion));
    v.add("controls", json::string_array(entry.controls));
    v.add("not_applicable", json::boolean(entry.not_applicable));
  }
  Value& cuecs = root.add("cuecs", json::array());
  for (const auto& c : s.cuecs) {
    Value& v = cuecs.push(json::object());
    v.add("id", json::string(c.id));
    v.add("where", json::string(c.where));
    v.add("criteria", criteria_json(c.criteria));
    v.add("description", localized_json(c.description));
  }
  Value& subservice = root.add("subservice", json::array());
  for (const auto& org : s.subservice) subservice.push(subservice_json(org));
  Value& narratives = root.add("narratives", json::array());
  for (const auto& n : s.narratives) narratives.push(narrative_json(n));
  return json::write(root);
}

std::optional<Snapshot> from_json(std::string_view text, const std::string& shown,
                                  Diagnostics& diags) {
  Decoder d(shown, snapshot_file(), diags);
  auto root = d.open(text);
  if (!root) return std::nullopt;
  Snapshot s = read_snapshot(d, *root);
  if (d.failed()) return std::nullopt;
  return s;
}

}  // namespace tillit::history
