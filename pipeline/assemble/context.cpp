#include <algorithm>

#include "assemble/context.h"
#include "catalogue/topic_text.h"
#include "locale/locale.h"
#include "markdown/markdown.h"
#include "support/text.h"
#include "validate/validate.h"

namespace tillit::assemble {

std::string Context::text(const ingest::LocalizedText& t) const {
  if (auto* x = t.get(lang)) return x->value;
  for (const auto& other : e.manifest.languages) {
    if (auto* x = t.get(other)) return x->value;
  }
  for (const auto& [l, x] : t.by_lang) {
    if (!x.empty()) return x.value;
  }
  return "";
}

model::Blocks Context::report_template(const std::string& name, int level) {
  std::string text = loc.report_template(name, data, markdown::escape);
  markdown::Options opts;
  opts.env = &env;
  opts.shown = "locales/" + lang + "/report/" + name + ".md";
  opts.heading_level = level;
  return markdown::to_blocks(text, opts, doc, diags);
}

model::Blocks Context::narrative(const std::string& topic, int level) {
  for (const auto& n : e.narratives) {
    if (n.lang != lang || n.topic != topic || n.is_stub) continue;
    markdown::Options opts;
    opts.env = &env;
    opts.file = n.path;
    opts.shown = n.shown;
    opts.root = e.dir;
    opts.heading_level = level;
    return markdown::to_blocks(n.text, opts, doc, diags);
  }
  return {};
}

model::Blocks Context::cell(const std::string& text, model::ParaRole role) {
  model::Blocks blocks;
  model::Paragraph p{{}, role, false};
  auto end_paragraph = [&] {
    if (p.content.empty()) return;
    if (std::holds_alternative<model::LineBreak>(p.content.back())) p.content.pop_back();
    blocks.push_back(std::move(p));
    p = model::Paragraph{{}, role, false};
  };
  // Every \n or \r ends a line (the readers have made \r\n one \n already). memchr finds a
  // \n fastest (find_first_of would call it once per character); a \r is rare.
  const bool has_cr = text.find('\r') != std::string::npos;
  auto line_end = [has_cr](std::string_view s) {
    if (!has_cr) return s.find('\n');
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\n' || s[i] == '\r') return i;
    }
    return std::string_view::npos;
  };
  std::string_view rest = text;
  while (true) {
    size_t nl = line_end(rest);
    std::string line = trim(rest.substr(0, nl));
    if (line.empty()) {
      end_paragraph();  // A blank line ends the paragraph.
    } else {
      if (!p.content.empty() && !std::holds_alternative<model::LineBreak>(p.content.back())) {
        p.content.push_back(model::LineBreak{});
      }
      p.content.push_back(model::Run{std::move(line), model::kPlain});
      p.content.push_back(model::LineBreak{});
    }
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  end_paragraph();
  if (blocks.empty()) blocks.push_back(model::Paragraph{{}, role, false});
  return blocks;
}

std::string Context::topic_heading(const std::string& topic) const {
  const auto* t = catalogue::topic_text(topic);
  return t ? t->heading(lang) : topic;
}

void append(model::Blocks& to, model::Blocks from) {
  for (auto& b : from) to.push_back(std::move(b));
}

model::Block heading(int level, const std::string& text, const std::string& bookmark,
                     bool in_toc) {
  return model::Heading{level, model::text(text), bookmark, in_toc};
}

std::string slug(const std::string& s) {
  std::string out;
  for (char ch : fold_case(s)) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

ControlTexts control_texts(const Context& ctx, const ingest::Control& c) {
  ControlTexts t;
  t.id = c.id.value;
  t.description = ctx.text(c.description);
  t.test = ctx.text(c.test_procedure);
  t.result = ctx.text(c.result);
  t.deviation = ctx.text(c.deviation);
  t.response = ctx.text(c.management_response);
  t.has_deviation = validate::has_deviation(c);
  return t;
}

void fill_data(Context& ctx) {
  const auto& m = ctx.e.manifest;
  auto& d = ctx.data;
  const auto& loc = ctx.loc;
  d.set("organisation", m.organisation.value);
  d.set("system", ctx.text(m.system_name));
  d.set("firm", m.auditor_firm.value);
  d.set("city", m.auditor_city.value);
  d.set("report_date", m.report_date ? loc.date(*m.report_date) : std::string());
  d.set("type", std::to_string(ctx.type));
  d.set("type1", ctx.type == 1);
  d.set("type2", ctx.type == 2);
  if (m.period_start && m.period_end) {
    d.set("period", loc.period(*m.period_start, *m.period_end));
    d.set("period_start", loc.date(*m.period_start));
    d.set("period_end", loc.date(*m.period_end));
  }
  if (m.as_of) d.set("as_of", loc.date(*m.as_of));

  std::vector<std::string> names;
  for (auto c : ctx.categories) {
    names.push_back(loc.str("category." + std::string(catalogue::category_key(c)) + ".name"));
  }
  d.set("categories", loc.list(names));
  d.set("single_category", ctx.categories.size() == 1);

  std::vector<std::string> carve_out, inclusive;
  for (const auto& org : ctx.e.subservice_orgs) {
    auto method = validate::subservice_method(org.method.value);
    if (method == validate::Method::CarveOut) carve_out.push_back(org.name.value);
    if (method == validate::Method::Inclusive) inclusive.push_back(org.name.value);
  }
  d.set("has_cuecs", !ctx.e.cuecs.empty());
  d.set("has_subservice", !ctx.e.subservice_orgs.empty());
  d.set("has_carve_out", !carve_out.empty());
  d.set("has_inclusive", !inclusive.empty());
  d.set("carve_out_names", loc.list(carve_out));
  d.set("inclusive_names", loc.list(inclusive));

  std::string kind = m.opinion.value.empty() ? "unmodified" : m.opinion.value;
  d.set("opinion_unmodified", kind == "unmodified");
  d.set("opinion_qualified", kind == "qualified");
  d.set("opinion_adverse", kind == "adverse");
  d.set("opinion_disclaimer", kind == "disclaimer");
  d.set("opinion_modified", kind != "unmodified");
  d.set("basis", ctx.text(m.opinion_basis));

  int deviations = static_cast<int>(std::count_if(
      ctx.e.controls.begin(), ctx.e.controls.end(),
      [](const ingest::Control& c) { return validate::has_deviation(c); }));
  d.set("has_deviations", deviations > 0);
  d.set("deviation_count", std::to_string(deviations));
  d.set("signer", m.signer.value);
  d.set("signer_title", ctx.text(m.signer_title));
  d.set("has_not_applicable", !m.not_applicable.empty());
  d.set("criteria_version", loc.str("criteria_version"));
  d.set("description_criteria", loc.str("description_criteria"));
}

}  // namespace tillit::assemble
