// Section III: the description of the system, in the order of the description criteria
// (DC1–DC9), with the control framework along the five COSO 2013 components.
#include <set>

#include "assemble/context.h"
#include "support/text.h"
#include "validate/validate.h"

namespace tillit::assemble {

namespace {

using model::ParaRole;

/// A topic with its heading, when it has a narrative in this language.
void topic(Context& ctx, const std::string& id, int level) {
  model::Blocks body = ctx.narrative(id, level + 1);
  if (body.empty()) return;
  ctx.doc.blocks.push_back(heading(level, ctx.topic_heading(id), "sec-3-" + id, level <= 2));
  append(ctx.doc.blocks, std::move(body));
}

model::TableRow header_row(const Context& ctx, const std::vector<std::string>& keys) {
  model::TableRow row;
  for (const auto& k : keys) row.cells.push_back({Context::cell(ctx.loc.str(k), ParaRole::TableHeader)});
  return row;
}

model::TableRow text_row(const std::vector<std::string>& values) {
  model::TableRow row;
  for (const auto& v : values) row.cells.push_back({Context::cell(v, ParaRole::TableText)});
  return row;
}

std::string criteria_text(const std::vector<ingest::CriterionRef>& refs) {
  std::string out;
  for (const auto& r : refs) out += (out.empty() ? "" : ", ") + r.raw;
  return out;
}

/// Which criteria series belong to which COSO component. The supplemental criteria (CC5–CC9)
/// and the additional categories elaborate control activities (COSO principle 12).
bool belongs_to(const std::string& component, const catalogue::Criterion& c) {
  if (component == "control-environment") return c.series == "CC1";
  if (component == "information-communication") return c.series == "CC2";
  if (component == "risk-assessment") return c.series == "CC3";
  if (component == "monitoring") return c.series == "CC4";
  return c.series != "CC1" && c.series != "CC2" && c.series != "CC3" && c.series != "CC4";
}

void control_framework(Context& ctx) {
  auto& b = ctx.doc.blocks;
  b.push_back(heading(2, ctx.str("section3.control_framework"), "sec-3-control-framework"));
  append(b, ctx.report_template("section3-control-framework", 3));
  for (const char* component : {"control-environment", "risk-assessment", "control-activities",
                                "information-communication", "monitoring"}) {
    topic(ctx, component, 3);
    model::Table table;
    table.role = model::TableRole::Controls;
    table.widths = {14, 66, 20};
    table.header_rows = 1;
    table.rows.push_back(header_row(ctx, {"table.control_id", "table.control", "table.criteria"}));
    for (const auto& c : ctx.e.controls) {
      bool listed = false;
      for (const auto& ref : c.criteria) {
        const auto* crit = ctx.cat.find(ref.raw);
        if (crit && belongs_to(component, *crit)) listed = true;
      }
      if (listed) {
        table.rows.push_back(text_row({c.id.value, ctx.text(c.description), criteria_text(c.criteria)}));
      }
    }
    if (table.rows.size() == 1) continue;
    std::string name = ctx.topic_heading(component);
    // Lower-case the component's first letter for running text ("controls related to risk
    // assessment"); the names are plain ASCII or Swedish lower-case letters after the first.
    if (!name.empty() && std::isupper(static_cast<unsigned char>(name[0]))) {
      name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    }
    locale::Data data = ctx.data;
    data.set("component", name);
    table.caption = model::text(ctx.loc.str("section3.component_controls", data));
    b.push_back(std::move(table));
  }
}

void cuecs(Context& ctx) {
  bool narrative = false;
  for (const auto& n : ctx.e.narratives) {
    if (n.lang == ctx.lang && n.topic == "user-entity-responsibilities" && !n.is_stub) narrative = true;
  }
  if (ctx.e.cuecs.empty() && !narrative) return;
  auto& b = ctx.doc.blocks;
  b.push_back(heading(2, ctx.str("section3.cuecs"), "sec-3-cuecs"));
  if (!ctx.e.cuecs.empty()) {
    append(b, ctx.report_template("section3-cuecs", 3));
    model::Table table;
    table.role = model::TableRole::Controls;
    table.widths = {14, 66, 20};
    table.header_rows = 1;
    table.rows.push_back(header_row(ctx, {"table.id", "table.cuec", "table.criteria"}));
    for (const auto& c : ctx.e.cuecs) {
      table.rows.push_back(text_row({c.id.value, ctx.text(c.description), criteria_text(c.criteria)}));
    }
    b.push_back(std::move(table));
  }
  topic(ctx, "user-entity-responsibilities", 3);
}

void subservice(Context& ctx) {
  if (ctx.e.subservice_orgs.empty()) return;
  auto& b = ctx.doc.blocks;
  b.push_back(heading(2, ctx.str("section3.subservice"), "sec-3-subservice"));
  append(b, ctx.report_template("section3-subservice", 3));
  for (const auto& org : ctx.e.subservice_orgs) {
    b.push_back(heading(3, org.name.value, "sec-3-sub-" + slug(org.name.value), false));
    auto method = validate::subservice_method(org.method.value);
    bool inclusive = method == validate::Method::Inclusive;
    model::Table facts;
    facts.role = model::TableRole::KeyValue;
    facts.widths = {25, 75};
    facts.rows.push_back(model::TableRow{
        {{Context::cell(ctx.loc.str("section3.method"), ParaRole::TableHeader)},
         {Context::cell(ctx.loc.str(inclusive ? "method.inclusive" : "method.carve_out"),
                        ParaRole::TableText)}},
        true});
    facts.rows.push_back(model::TableRow{
        {{Context::cell(ctx.loc.str("section3.service"), ParaRole::TableHeader)},
         {Context::cell(ctx.text(org.service), ParaRole::TableText)}},
        true});
    b.push_back(std::move(facts));
    if (org.csocs.empty()) continue;
    model::Table table;
    table.role = model::TableRole::Controls;
    table.widths = {14, 66, 20};
    table.header_rows = 1;
    table.rows.push_back(header_row(ctx, {"table.id", "table.csoc", "table.criteria"}));
    for (const auto& c : org.csocs) {
      table.rows.push_back(text_row({c.id.value, ctx.text(c.description), criteria_text(c.criteria)}));
    }
    locale::Data data = ctx.data;
    data.set("name", org.name.value);
    table.caption = model::text(
        ctx.loc.str(inclusive ? "section3.csocs.inclusive" : "section3.csocs.carve_out", data));
    b.push_back(std::move(table));
  }
  topic(ctx, "subservice-monitoring", 3);
}

void not_applicable(Context& ctx) {
  auto& b = ctx.doc.blocks;
  b.push_back(heading(2, ctx.str("section3.not_applicable"), "sec-3-not-applicable"));
  append(b, ctx.report_template("section3-not-applicable", 3));
  if (ctx.e.manifest.not_applicable.empty()) return;
  model::Table table;
  table.role = model::TableRole::Controls;
  table.widths = {30, 70};
  table.header_rows = 1;
  table.rows.push_back(header_row(ctx, {"table.criterion", "table.reason"}));
  for (const auto& na : ctx.e.manifest.not_applicable) {
    const auto* crit = ctx.cat.find(na.criterion.value);
    std::string name = crit ? crit->id + " " + crit->title(ctx.lang) : na.criterion.value;
    table.rows.push_back(text_row({name, ctx.text(na.reason)}));
  }
  b.push_back(std::move(table));
}

}  // namespace

void add_section3(Context& ctx) {
  auto& b = ctx.doc.blocks;
  b.push_back(model::PageBreak{});
  b.push_back(heading(1, ctx.str("section3.title"), "sec-3"));
  topic(ctx, "services", 2);
  topic(ctx, "commitments", 2);
  b.push_back(heading(2, ctx.str("section3.components"), "sec-3-components"));
  for (const char* component : {"infrastructure", "software", "people", "procedures", "data",
                                "boundaries"}) {
    topic(ctx, component, 3);
  }
  topic(ctx, "incidents", 2);
  control_framework(ctx);
  cuecs(ctx);
  subservice(ctx);
  not_applicable(ctx);
  if (ctx.type == 2) topic(ctx, "significant-changes", 2);
}

}  // namespace tillit::assemble
