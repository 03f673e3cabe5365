// Section IV: for each category in scope and each of its criteria, the controls that
// address it (Type 2: with the service auditor's tests and results) and the related CUECs.
#include <map>

#include "assemble/context.h"

namespace tillit::assemble {

namespace {

using model::ParaRole;

model::TableCell cell(const std::string& text, ParaRole role = ParaRole::TableText) {
  return model::TableCell{Context::cell(text, role), 1, 1, false};
}

/// The results cell: the result as written, then the deviation; "No exceptions noted." when
/// both are empty.
model::TableCell result_cell(const Context& ctx, const ControlTexts& t) {
  model::TableCell c;
  if (t.result.empty() && t.deviation.empty()) {
    c.content = Context::cell(ctx.loc.str("result.no_exceptions"), ParaRole::TableText);
    return c;
  }
  if (!t.result.empty()) append(c.content, Context::cell(t.result, ParaRole::TableText));
  if (!t.deviation.empty()) append(c.content, Context::cell(t.deviation, ParaRole::TableText));
  return c;
}

}  // namespace

void add_section4(Context& ctx) {
  auto& b = ctx.doc.blocks;
  const bool type2 = ctx.type == 2;
  b.push_back(heading(1, ctx.str("section4.title.type" + std::to_string(ctx.type)), "sec-4"));
  append(b, ctx.report_template("section4", 2));

  // Criterion -> controls and CUECs, in matrix order.
  std::map<std::string, std::vector<const ingest::Control*>> controls;
  for (const auto& c : ctx.e.controls) {
    for (const auto& ref : c.criteria) {
      auto& list = controls[ref.raw];
      if (list.empty() || list.back() != &c) list.push_back(&c);
    }
  }
  std::map<std::string, std::vector<std::string>> cuecs;
  for (const auto& c : ctx.e.cuecs) {
    for (const auto& ref : c.criteria) cuecs[ref.raw].push_back(c.id.value);
  }
  std::map<std::string, std::string> not_applicable;
  for (const auto& na : ctx.e.manifest.not_applicable) {
    not_applicable[na.criterion.value] = ctx.text(na.reason);
  }

  for (auto category : ctx.categories) {
    std::string key(catalogue::category_key(category));
    b.push_back(heading(2, ctx.loc.str("category." + key + ".heading"), "sec-4-" + key));
    for (const auto& crit : ctx.cat.all()) {
      if (crit.category != category) continue;
      b.push_back(heading(3, crit.id + " " + crit.title(ctx.lang), "sec-4-" + slug(crit.id)));
      auto na = not_applicable.find(crit.id);
      auto it = controls.find(crit.id);
      if (na != not_applicable.end()) {
        b.push_back(model::para(ctx.loc.str("section4.not_applicable")));
        if (!na->second.empty()) b.push_back(model::para(na->second));
      } else if (it == controls.end()) {
        b.push_back(model::para(ctx.loc.str("section4.no_controls")));
      } else {
        model::Table table;
        table.role = model::TableRole::Controls;
        table.header_rows = 1;
        model::TableRow header;
        header.cells.push_back(cell(ctx.loc.str("table.control_id"), ParaRole::TableHeader));
        header.cells.push_back(cell(ctx.loc.str("table.control"), ParaRole::TableHeader));
        if (type2) {
          header.cells.push_back(cell(ctx.loc.str("table.test"), ParaRole::TableHeader));
          header.cells.push_back(cell(ctx.loc.str("table.result"), ParaRole::TableHeader));
          table.widths = {10, 36, 34, 20};
        } else {
          table.widths = {15, 85};
        }
        table.rows.push_back(std::move(header));
        for (const ingest::Control* c : it->second) {
          ControlTexts t = control_texts(ctx, *c);
          model::TableRow row;
          row.cells.push_back(cell(t.id));
          row.cells.push_back(cell(t.description));
          if (type2) {
            row.cells.push_back(cell(t.test));
            row.cells.push_back(result_cell(ctx, t));
          }
          table.rows.push_back(std::move(row));
        }
        b.push_back(std::move(table));
      }
      auto cu = cuecs.find(crit.id);
      if (cu != cuecs.end()) {
        locale::Data data = ctx.data;
        std::string ids;
        for (const auto& id : cu->second) ids += (ids.empty() ? "" : ", ") + id;
        data.set("ids", ids);
        b.push_back(model::para(ctx.loc.str("section4.cuecs_for_criterion", data)));
      }
    }
  }
}

}  // namespace tillit::assemble
