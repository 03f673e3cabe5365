// The report, front to back: cover, contents, Sections I–V.
#include "assemble/assemble.h"

#include "assemble/context.h"
#include "markdown/markdown.h"
#include "validate/validate.h"

namespace tillit::assemble {

namespace {

void fill_meta(Context& ctx) {
  const auto& m = ctx.e.manifest;
  model::Meta& meta = ctx.doc.meta;
  std::string type = "report.title.type" + std::to_string(ctx.type);
  meta.title = ctx.str(type) + " – " + m.organisation.value;
  meta.subtitle = ctx.str("cover.subtitle.type" + std::to_string(ctx.type));
  meta.subject = ctx.str("meta.subject");
  meta.keywords = ctx.str("meta.keywords");
  meta.author = m.auditor_firm.empty() ? m.organisation.value : m.auditor_firm.value;
  meta.language = locale::bcp47(ctx.lang);
  meta.date = m.report_date ? iso_date(*m.report_date) : std::string();
  meta.watermark = m.draft ? ctx.str("watermark") : std::string();
  meta.header_text = ctx.str("header");
  meta.page_label_before = ctx.loc.str("page.before");
  meta.page_label_between = ctx.loc.str("page.between");
}

}  // namespace

void add_cover(Context& ctx) {
  using model::ParaRole;
  auto& b = ctx.doc.blocks;
  b.push_back(model::para(ctx.str("report.title.type" + std::to_string(ctx.type)),
                          ParaRole::Title));
  b.push_back(model::Paragraph{model::text(ctx.e.manifest.organisation.value, model::kBold),
                               ParaRole::Subtitle, false});
  b.push_back(model::para(ctx.doc.meta.subtitle, ParaRole::Subtitle));
  b.push_back(model::para(ctx.str("cover.scope"), ParaRole::Subtitle));
  b.push_back(model::para(ctx.str("cover.criteria"), ParaRole::CoverNote));
  if (!ctx.e.manifest.auditor_firm.empty()) {
    b.push_back(model::para(ctx.str("cover.auditor"), ParaRole::CoverNote));
  }
  if (ctx.e.manifest.draft) b.push_back(model::para(ctx.str("cover.draft"), ParaRole::CoverNote));
  b.push_back(model::para(ctx.str("cover.restricted"), ParaRole::CoverNote));
  b.push_back(model::PageBreak{});
  b.push_back(model::TableOfContents{ctx.loc.str("toc.title"), 2});
}

void add_section1(Context& ctx) {
  auto& b = ctx.doc.blocks;
  b.push_back(model::PageBreak{});
  b.push_back(heading(1, ctx.str("section1.title"), "sec-1"));
  append(b, ctx.report_template("section1", 2));
}

void add_section2(Context& ctx) {
  auto& b = ctx.doc.blocks;
  b.push_back(model::PageBreak{});
  b.push_back(heading(1, ctx.str("section2.title"), "sec-2"));
  const auto& m = ctx.e.manifest;
  auto text = ctx.e.assertion_text.find(ctx.lang);
  auto path = m.assertion_override.find(ctx.lang);
  if (text != ctx.e.assertion_text.end() && path != m.assertion_override.end()) {
    markdown::Options opts;
    opts.env = &ctx.env;
    opts.file = join_path(ctx.e.dir, path->second.value);
    opts.shown = join_path(ctx.e.dir, path->second.value);
    opts.root = ctx.e.dir;
    opts.heading_level = 2;
    append(b, markdown::to_blocks(text->second, opts, ctx.doc, ctx.diags));
    return;
  }
  append(b, ctx.report_template("section2", 2));
}

void add_section5(Context& ctx) {
  auto& b = ctx.doc.blocks;
  b.push_back(heading(1, ctx.str("section5.title"), "sec-5"));
  append(b, ctx.narrative("other-information", 2));
  append(b, ctx.report_template("section5", 2));
  bool any = false;
  for (const auto& c : ctx.e.controls) {
    ControlTexts t = control_texts(ctx, c);
    if (!t.has_deviation) continue;
    if (!any) {
      b.push_back(heading(2, ctx.str("section5.deviations"), "sec-5-deviations"));
      any = true;
    }
    b.push_back(heading(3, t.id, "sec-5-" + slug(t.id), false));
    std::string criteria;
    for (const auto& ref : c.criteria) criteria += (criteria.empty() ? "" : ", ") + ref.raw;
    model::Table table;
    table.role = model::TableRole::KeyValue;
    table.widths = {25, 75};
    auto row = [&](const std::string& key, const std::string& value) {
      model::TableRow r;
      r.cells.push_back({Context::cell(ctx.loc.str(key), model::ParaRole::TableHeader)});
      r.cells.push_back({Context::cell(value, model::ParaRole::TableText)});
      table.rows.push_back(std::move(r));
    };
    row("table.criteria", criteria);
    row("table.control", t.description);
    row("table.deviation", t.deviation.empty() ? t.result : t.deviation);
    row("table.response", t.response.empty() ? ctx.loc.str("section5.no_response") : t.response);
    b.push_back(std::move(table));
  }
}

model::Document assemble_report(const ingest::Engagement& e, const std::string& lang,
                                const Env& env, Diagnostics& diags) {
  model::Document doc;
  Context ctx{e, lang, locale::Locale::get(lang), catalogue::Catalogue::builtin(), env, diags,
              doc, {}, validate::categories_in_scope(e.manifest),
              e.manifest.report_type.value == "1" ? 1 : 2};
  fill_data(ctx);
  fill_meta(ctx);
  add_cover(ctx);
  add_section1(ctx);
  add_section2(ctx);
  add_section3(ctx);
  // Section IV is wide: its own landscape section, then back to portrait for Section V.
  doc.blocks.push_back(model::SectionBreak{model::Orientation::Landscape});
  add_section4(ctx);
  doc.blocks.push_back(model::SectionBreak{model::Orientation::Portrait});
  add_section5(ctx);
  return doc;
}

}  // namespace tillit::assemble
