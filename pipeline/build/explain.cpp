#include "build/explain.h"

namespace tillit::build {

namespace {

std::string field_words(const std::string& field) {
  std::string name = field;
  for (char& ch : name) {
    if (ch == '_') ch = ' ';
  }
  return name;
}

void edits(const char* kind, const history::ItemChanges& items, std::vector<InputChange>& out) {
  for (const auto& item : items.added) {
    out.push_back({"", std::string(kind) + " " + item.id + " added" +
                           (item.where.empty() ? "" : " at " + item.where)});
  }
  for (const auto& item : items.removed) {
    out.push_back({"", std::string(kind) + " " + item.id + " removed"});
  }
  for (const auto& edit : items.edited) {
    for (const auto& c : edit.changes) {
      std::string what = field_words(c.field) + " of " + edit.id;
      out.push_back({c.lang, c.where.empty() ? what + " changed" : c.where + " changed: " + what});
    }
  }
}

void fields(const std::vector<history::FieldChange>& changes, std::vector<InputChange>& out) {
  for (const auto& c : changes) {
    std::string what = field_words(c.field);
    out.push_back({c.lang, c.where.empty() ? what + " changed" : c.where + " changed: " + what});
  }
}

}  // namespace

std::vector<InputChange> input_changes(const history::Diff& d) {
  std::vector<InputChange> out;
  fields(d.report, out);
  fields(d.opinion, out);
  edits("control", d.controls, out);
  edits("CUEC", d.cuecs, out);
  edits("subservice organisation", d.subservice, out);
  edits("CSOC", d.csocs, out);
  for (const auto& n : d.narratives) {
    for (const auto& p : n.paragraphs) {
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
