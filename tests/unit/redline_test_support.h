// Helpers for the redline's tests: marks shown as text, a document described line by line,
// and a revised version of the kitchen-sink document touching every kind of content.
#pragma once

#include <string>
#include <vector>

#include "docx_test_support.h"
#include "model/document.h"

namespace tillit::redline_test {

inline std::string wrap(const std::string& text, model::Change change) {
  switch (change) {
    case model::Change::Deleted:
      return "[-" + text + "-]";
    case model::Change::Inserted:
      return "{+" + text + "+}";
    case model::Change::None:
      break;
  }
  return text;
}

/// Text with its marks: "[-deleted-]", "{+inserted+}"; a link as <target: text>.
inline std::string marked_text(const model::Inlines& content) {
  std::string out;
  for (const model::Inline& in : content) {
    if (const auto* r = std::get_if<model::Run>(&in)) {
      out += wrap(r->text, r->change);
    } else if (const auto* l = std::get_if<model::Link>(&in)) {
      std::string text;
      for (const auto& r : l->content) text += wrap(r.text, r.change);
      out += wrap("<" + l->target + ": " + text + ">", l->change);
    } else if (const auto* note = std::get_if<std::shared_ptr<model::Note>>(&in)) {
      out += wrap("<note>", (*note)->change);
    } else if (const auto* image = std::get_if<model::Image>(&in)) {
      out += wrap("<image " + image->id + ">", image->change);
    } else {
      out += "<inline>";
    }
  }
  return out;
}

inline std::string prefix(model::Change change) {
  return change == model::Change::Deleted ? "-" : change == model::Change::Inserted ? "+" : "";
}

/// One line per block, row and list item: "P text", "-P deleted paragraph", "H1 heading",
/// "T" then "  R cell | cell" per row, "L" then its items' blocks indented.
inline void describe(const model::Blocks& blocks, const std::string& indent,
                     std::vector<std::string>& out) {
  for (const model::Block& b : blocks) {
    if (const auto* h = std::get_if<model::Heading>(&b.value)) {
      out.push_back(indent + prefix(h->change) + "H" + std::to_string(h->level) + " " +
                    marked_text(h->content));
    } else if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      out.push_back(indent + prefix(p->change) + "P " + marked_text(p->content));
    } else if (const auto* list = std::get_if<model::List>(&b.value)) {
      out.push_back(indent + "L");
      for (const auto& item : list->items) describe(item, indent + "  ", out);
    } else if (const auto* table = std::get_if<model::Table>(&b.value)) {
      out.push_back(indent + "T");
      for (const auto& row : table->rows) {
        std::string line = indent + "  " + prefix(row.change) + "R ";
        for (size_t c = 0; c < row.cells.size(); ++c) {
          if (c > 0) line += " | ";
          std::vector<std::string> cell;
          describe(row.cells[c].content, "", cell);
          for (const auto& l : cell) line += l.substr(l.find(' ') + 1);
        }
        out.push_back(line);
      }
    } else {
      out.push_back(indent + "B");
    }
  }
}

inline std::vector<std::string> describe(const model::Blocks& blocks) {
  std::vector<std::string> out;
  describe(blocks, "", out);
  return out;
}

inline std::string first_text(const model::Block& b) {
  if (const auto* p = std::get_if<model::Paragraph>(&b.value)) return model::plain_text(p->content);
  if (const auto* h = std::get_if<model::Heading>(&b.value)) return model::plain_text(h->content);
  return "";
}

/// The index of the first top-level block whose text starts with `start`.
inline size_t find_block(const model::Document& doc, const std::string& start) {
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    if (first_text(doc.blocks[i]).rfind(start, 0) == 0) return i;
  }
  throw std::runtime_error("no block starts with " + start);
}

/// The Swedish kitchen sink revised in every way a report can change: a word inside a
/// paragraph with a link and a footnote, the footnote's text, a deleted image paragraph,
/// quote and heading, an inserted paragraph, a list item removed and one added, a key-value
/// cell edited and a row added, a table deleted, and a cell of the control table (which
/// has row spans, so is replaced whole).
inline model::Document revised_kitchen_sink(model::Document doc) {
  using namespace model;
  auto& b = doc.blocks;
  auto& intro = std::get<Paragraph>(b[find_block(doc, "Vi har granskat")].value);
  for (auto& in : intro.content) {
    if (auto* r = std::get_if<Run>(&in); r && r->text == "s beskrivning (se ") {
      r->text = "s ändrade beskrivning (se ";
    }
    if (auto* note = std::get_if<std::shared_ptr<Note>>(&in)) {
      *note = std::make_shared<Note>(Note{{para("Trust Services Criteria (2017).")}});
    }
  }
  for (auto& block : b) {
    if (auto* table = std::get_if<Table>(&block.value)) {
      if (table->role == TableRole::KeyValue) {
        table->rows[1].cells[1].content = {para("2026-01-01 – 2026-06-30", ParaRole::TableText)};
        TableRow added = table->rows[0];
        added.cells[0].content = {para("Revisor", ParaRole::TableText)};
        added.cells[1].content = {para("Revisionsbyrån Ek & Lind AB", ParaRole::TableText)};
        table->rows.push_back(added);
      } else if (table->role == TableRole::Controls) {
        table->rows[6].cells[3].content = {para("Avvikelse noterad.", ParaRole::TableText)};
      }
    } else if (auto* list = std::get_if<List>(&block.value); list && !list->ordered) {
      list->items.erase(list->items.begin());
      list->items.push_back({para("Konfidentialitet")});
    }
  }
  b.erase(b.begin() + static_cast<long>(find_block(doc, "Underrubrik")));
  b.erase(b.begin() + static_cast<long>(find_block(doc, "Citat:")));
  for (size_t i = 0; i < b.size(); ++i) {
    const auto* t = std::get_if<Table>(&b[i].value);
    if (t && t->role == TableRole::Grid) {
      b.erase(b.begin() + static_cast<long>(i));
      break;
    }
  }
  b.insert(b.begin() + static_cast<long>(find_block(doc, "Omfattning")) + 1,
           para("Ett nytt stycke om omfattningen."));
  for (size_t i = 0; i < b.size(); ++i) {
    const auto* p = std::get_if<Paragraph>(&b[i].value);
    if (p && !p->content.empty() && std::holds_alternative<Image>(p->content.front())) {
      b.erase(b.begin() + static_cast<long>(i));
      break;
    }
  }
  return doc;
}

}  // namespace tillit::redline_test
