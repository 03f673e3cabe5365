// The comparison as text for a terminal, as JSON for machines, and as the build's one line.
#include "history/diff.h"
#include "history/json.h"
#include "support/text.h"

namespace tillit::history {

namespace {

/// "test_procedure" -> "test procedure", plus the language: "test procedure (sv)".
std::string field_name(const FieldChange& c) {
  std::string name = c.field;
  for (char& ch : name) {
    if (ch == '_') ch = ' ';
  }
  return c.lang.empty() ? name : name + " (" + c.lang + ")";
}

std::string quoted(const std::string& value) {
  return value.empty() ? "(empty)" : "\"" + excerpt(value) + "\"";
}

/// A value with a location is named with it; one without (report details) shows both values.
std::string change_line(const FieldChange& c) {
  if (c.where.empty()) return field_name(c) + ": " + quoted(c.before) + " -> " + quoted(c.after);
  const char* verb = c.before.empty() ? "added" : c.after.empty() ? "cleared" : "changed";
  return field_name(c) + " " + verb + " at " + c.where;
}

std::string item_line(const char* verb, const ItemRef& item) {
  std::string line = std::string(verb) + " " + item.id;
  if (!item.criteria.empty()) line += " (" + join(item.criteria, ", ") + ")";
  if (!item.where.empty()) line += " at " + item.where;
  if (item.deviation) line += ", with a deviation";
  return line;
}

void items_text(const char* title, const ItemChanges& items, std::string& out) {
  if (items.empty()) return;
  out += std::string(title) + "\n";
  for (const auto& item : items.added) out += "  " + item_line("added", item) + "\n";
  for (const auto& item : items.removed) out += "  " + item_line("removed", item) + "\n";
  for (const auto& edit : items.edited) {
    for (const auto& c : edit.changes) out += "  " + edit.id + ": " + change_line(c) + "\n";
  }
}

void fields_text(const char* title, const std::vector<FieldChange>& changes, std::string& out) {
  if (changes.empty()) return;
  out += std::string(title) + "\n";
  for (const auto& c : changes) out += "  " + change_line(c) + "\n";
}

const char* kind_word(ParagraphChange::Kind k) {
  switch (k) {
    case ParagraphChange::Kind::Added:
      return "added";
    case ParagraphChange::Kind::Removed:
      return "removed";
    case ParagraphChange::Kind::Changed:
      return "changed";
  }
  return "changed";
}

/// "2 deviations closed", "1 control added".
void count(size_t n, const char* singular, const char* plural, const std::string& verb,
           std::vector<std::string>& parts) {
  if (n == 0) return;
  parts.push_back(std::to_string(n) + " " + (n == 1 ? singular : plural) + verb);
}

void count_items(const ItemChanges& items, const char* singular, const char* plural,
                 std::vector<std::string>& parts) {
  count(items.added.size(), singular, plural, " added", parts);
  count(items.removed.size(), singular, plural, " removed", parts);
  count(items.edited.size(), singular, plural, " edited", parts);
}

// ---- JSON ------------------------------------------------------------------------------

json::Value change_json(const FieldChange& c) {
  json::Value v = json::object();
  v.add("field", json::string(c.field));
  v.add("lang", json::string(c.lang));
  v.add("before", json::string(c.before));
  v.add("after", json::string(c.after));
  v.add("where", json::string(c.where));
  return v;
}

json::Value changes_json(const std::vector<FieldChange>& changes) {
  json::Value v = json::array();
  for (const auto& c : changes) v.push(change_json(c));
  return v;
}

json::Value items_json(const ItemChanges& items) {
  json::Value v = json::object();
  for (auto [key, list] :
       {std::pair{"added", &items.added}, std::pair{"removed", &items.removed}}) {
    json::Value& refs = v.add(key, json::array());
    for (const auto& item : *list) {
      json::Value& ref = refs.push(json::object());
      ref.add("id", json::string(item.id));
      ref.add("where", json::string(item.where));
      ref.add("criteria", json::string_array(item.criteria));
      ref.add("deviation", json::boolean(item.deviation));
    }
  }
  json::Value& edited = v.add("edited", json::array());
  for (const auto& edit : items.edited) {
    json::Value& e = edited.push(json::object());
    e.add("id", json::string(edit.id));
    e.add("changes", changes_json(edit.changes));
  }
  return v;
}

}  // namespace

std::string summary_line(const Diff& d) {
  std::vector<std::string> parts;
  count(d.deviations_closed.size(), "deviation", "deviations", " closed", parts);
  count(d.deviations_opened.size(), "deviation", "deviations", " opened", parts);
  count_items(d.controls, "control", "controls", parts);
  size_t new_gaps = 0, closed_gaps = 0;
  for (const auto& c : d.coverage) {
    new_gaps += c.became_gap ? 1 : 0;
    closed_gaps += c.gap_closed ? 1 : 0;
  }
  count(new_gaps, "new gap", "new gaps", "", parts);
  count(closed_gaps, "gap", "gaps", " closed", parts);
  count_items(d.cuecs, "CUEC", "CUECs", parts);
  count_items(d.subservice, "subservice organisation", "subservice organisations", parts);
  count_items(d.csocs, "CSOC", "CSOCs", parts);
  for (auto kind : {ParagraphChange::Kind::Changed, ParagraphChange::Kind::Added,
                    ParagraphChange::Kind::Removed}) {
    size_t n = 0;
    for (const auto& narrative : d.narratives) {
      for (const auto& p : narrative.paragraphs) n += p.kind == kind ? 1 : 0;
    }
    count(n, "narrative paragraph", "narrative paragraphs", std::string(" ") + kind_word(kind),
          parts);
  }
  bool opinion = false, assertion = false;
  for (const auto& c : d.opinion) {
    if (c.field == "assertion") {
      assertion = true;
    } else {
      opinion = true;
    }
  }
  if (opinion) parts.push_back("opinion changed");
  if (assertion) parts.push_back("assertion changed");
  if (!d.report.empty()) parts.push_back("report details changed");
  if (parts.empty()) return "no changes since " + d.since_label;
  return "since " + d.since_label + ": " + join(parts, ", ");
}

std::string format_text(const Diff& d) {
  if (d.empty()) return summary_line(d) + " (issued " + d.since_date + ")\n";
  std::string out = "Changes since " + d.since_label + " (issued " + d.since_date + "):\n";
  fields_text("Report", d.report, out);
  fields_text("Opinion and assertion", d.opinion, out);
  items_text("Controls", d.controls, out);
  if (!d.coverage.empty()) out += "Coverage\n";
  for (const auto& c : d.coverage) {
    std::vector<std::string> parts;
    if (!c.added.empty()) parts.push_back("added " + join(c.added, ", "));
    if (!c.removed.empty()) parts.push_back("removed " + join(c.removed, ", "));
    if (c.became_gap) parts.push_back("now a gap");
    if (c.gap_closed) parts.push_back("no longer a gap");
    out += "  " + c.criterion + ": " + join(parts, "; ") + "\n";
  }
  if (!d.results.empty()) out += "Results\n";
  for (const auto& r : d.results) {
    out += "  " + r.control + " (" + r.change.lang + "): " + quoted(r.change.before) + " -> " +
           quoted(r.change.after) + "\n";
  }
  if (!d.deviations_closed.empty() || !d.deviations_opened.empty()) out += "Deviations\n";
  if (!d.deviations_closed.empty()) out += "  closed: " + join(d.deviations_closed, ", ") + "\n";
  if (!d.deviations_opened.empty()) out += "  opened: " + join(d.deviations_opened, ", ") + "\n";
  if (!d.narratives.empty()) out += "Narratives\n";
  for (const auto& n : d.narratives) {
    for (const auto& p : n.paragraphs) {
      out += "  " + n.topic + " (" + n.lang + "): paragraph " + std::to_string(p.number) + " " +
             kind_word(p.kind) + " at " + n.file + ":" + std::to_string(p.line) + ": \"" +
             p.excerpt + "\"\n";
    }
  }
  items_text("CUECs", d.cuecs, out);
  items_text("Subservice organisations", d.subservice, out);
  items_text("CSOCs", d.csocs, out);
  return out + summary_line(d) + "\n";
}

std::string format_json(const Diff& d) {
  json::Value root = json::object();
  json::Value& since = root.add("since", json::object());
  since.add("label", json::string(d.since_label));
  since.add("date", json::string(d.since_date));
  root.add("changed", json::boolean(!d.empty()));
  root.add("summary", json::string(summary_line(d)));
  root.add("report", changes_json(d.report));
  root.add("opinion", changes_json(d.opinion));
  root.add("controls", items_json(d.controls));
  json::Value& coverage = root.add("coverage", json::array());
  for (const auto& c : d.coverage) {
    json::Value& v = coverage.push(json::object());
    v.add("criterion", json::string(c.criterion));
    v.add("added", json::string_array(c.added));
    v.add("removed", json::string_array(c.removed));
    v.add("gap", json::string(c.became_gap ? "opened" : c.gap_closed ? "closed" : "unchanged"));
  }
  json::Value& results = root.add("results", json::array());
  for (const auto& r : d.results) {
    json::Value& v = results.push(change_json(r.change));
    v.members.insert(v.members.begin(), {"control", json::string(r.control)});
  }
  json::Value& deviations = root.add("deviations", json::object());
  deviations.add("opened", json::string_array(d.deviations_opened));
  deviations.add("closed", json::string_array(d.deviations_closed));
  json::Value& narratives = root.add("narratives", json::array());
  for (const auto& n : d.narratives) {
    json::Value& v = narratives.push(json::object());
    v.add("topic", json::string(n.topic));
    v.add("lang", json::string(n.lang));
    v.add("file", json::string(n.file));
    json::Value& paragraphs = v.add("paragraphs", json::array());
    for (const auto& p : n.paragraphs) {
      json::Value& para = paragraphs.push(json::object());
      para.add("change", json::string(kind_word(p.kind)));
      para.add("number", json::number(p.number));
      para.add("line", json::number(p.line));
      para.add("excerpt", json::string(p.excerpt));
    }
  }
  root.add("cuecs", items_json(d.cuecs));
  root.add("subservice", items_json(d.subservice));
  root.add("csocs", items_json(d.csocs));
  return json::write(root);
}

}  // namespace tillit::history
