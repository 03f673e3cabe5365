#include "deliverable/deliverable.h"

#include <algorithm>
#include <map>
#include <memory>

#include "catalogue/catalogue.h"
#include "deliverable/parity.h"
#include "deliverable/template.h"
#include "deliverable/variables.h"
#include "ingest/engagement_loader.h"
#include "locale/locale.h"
#include "markdown/image.h"
#include "markdown/markdown.h"
#include "support/text.h"
#include "validate/validate.h"

namespace tillit::deliverable {

namespace {

/// "whitepaper.sv.md" -> {"whitepaper", "sv"}; empty name when it is no deliverable file.
std::pair<std::string, std::string> split_name(const std::string& file) {
  for (const auto& lang : locale::languages()) {
    std::string suffix = "." + lang + ".md";
    if (file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(),
                                                    suffix) == 0) {
      return {file.substr(0, file.size() - suffix.size()), lang};
    }
  }
  return {"", ""};
}

std::string folder_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string file_of(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string language_name(const std::string& lang) {
  return lang == "sv" ? "Swedish" : "English";
}

/// Where the first byte is that no Markdown text should hold: control characters other than
/// tab, line feed and carriage return (the template stage uses one as its line mark).
std::optional<size_t> control_character(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
  }
  return std::nullopt;
}

/// An engagement read once for all the versions that name it.
struct LoadedEngagement {
  ingest::Engagement engagement;
  validate::Summary summary;
};

class Preparer {
 public:
  Preparer(const Env& env, const Deliverable& d, Diagnostics& diags)
      : env_(env), d_(d), diags_(diags) {}

  std::vector<Prepared> run() {
    std::vector<Prepared> out;
    std::vector<Expanded> texts;
    for (const auto& v : d_.versions) {
      auto front = read(v);
      if (!front) continue;
      auto expanded = expand_body(v, *front);
      if (!expanded) continue;
      out.push_back(Prepared{v, std::move(*front), {}});
      texts.push_back(std::move(*expanded));
    }
    if (diags_.has_errors()) return out;
    std::vector<VersionOutline> outlines;
    for (size_t i = 0; i < out.size(); ++i) {
      int errors = diags_.error_count();
      assemble(out[i], texts[i]);
      if (diags_.error_count() == errors) {
        outlines.push_back({out[i].version.shown,
                            markdown::outline(texts[i].text, options(out[i].version, texts[i]))});
      }
    }
    if (out.size() == 2 && outlines.size() == 2) {
      compare_front_matter(out[0].front, out[1].front);
      check_parity(outlines[0], outlines[1], diags_);
    }
    return out;
  }

 private:
  std::optional<FrontMatter> read(const Version& v) {
    auto text = read_input(env_, v.path, v.shown, kMaxInputBytes, diags_);
    if (!text) return std::nullopt;
    size_t bad = 0;
    if (!is_valid_utf8(*text, &bad)) {
      auto lc = line_column_at(*text, bad);
      diags_.error(Location{v.shown, "", lc.line, lc.column}, "invalid-utf8",
                   "invalid UTF-8; save the file as UTF-8", ExitCode::DataError);
      return std::nullopt;
    }
    if (auto at = control_character(*text)) {
      auto lc = line_column_at(*text, *at);
      diags_.error(Location{v.shown, "", lc.line, lc.column}, "control-character",
                   "control character in the text; remove it", ExitCode::DataError);
      return std::nullopt;
    }
    auto front = parse_front_matter(*text, v.shown, diags_);
    if (!front) return std::nullopt;
    if (front->language.value != v.lang) {
      diags_.error(front->language.where, "front-matter-language",
                   "the file name says '" + v.lang + "' but the front matter says '" +
                       front->language.value + "'",
                   ExitCode::DataError);
      return std::nullopt;
    }
    bodies_[v.path] = text->substr(front->body_offset);
    return front;
  }

  std::optional<Expanded> expand_body(const Version& v, const FrontMatter& front) {
    const LoadedEngagement* loaded = nullptr;
    if (!front.engagement.empty()) {
      loaded = engagement(front.engagement);
      if (!loaded) return std::nullopt;
    }
    const auto& loc = locale::Locale::get(v.lang);
    std::optional<EngagementFacts> facts;
    if (loaded) facts.emplace(EngagementFacts{loaded->engagement, loaded->summary});
    Variables vars = variables(front, loc, facts ? &*facts : nullptr);
    return expand(bodies_[v.path], front.body_line, vars, v.shown, diags_);
  }

  const LoadedEngagement* engagement(const ingest::Text& named) {
    std::string dir = markdown::normalise_path(join_path(d_.dir, named.value));
    auto cached = engagements_.find(dir);
    if (cached != engagements_.end()) return cached->second.get();
    auto& slot = engagements_[dir];
    if (env_.kind(dir) != Env::Kind::Directory) {
      diags_.error(named.where, "missing-file",
                   "engagement folder '" + named.value + "' not found (" + dir + ")",
                   ExitCode::NoInput);
      return nullptr;
    }
    auto e = ingest::load_engagement(env_, dir, diags_);
    if (!e) return nullptr;
    // The checker's warnings (gaps, short period ...) are the engagement's business, not the
    // deliverable's; its errors mean the figures cannot be trusted.
    Diagnostics findings;
    auto summary = validate::check(*e, catalogue::Catalogue::builtin(), {}, findings);
    bool ok = true;
    for (const auto& f : findings.all()) {
      if (f.severity != Severity::Error) continue;
      diags_.add(f);
      ok = false;
    }
    if (!ok) return nullptr;
    slot = std::make_unique<LoadedEngagement>(LoadedEngagement{std::move(*e), std::move(summary)});
    return slot.get();
  }

  markdown::Options options(const Version& v, const Expanded& text) const {
    markdown::Options opts;
    opts.env = &env_;
    opts.file = v.path;
    opts.shown = v.shown;
    opts.root = d_.dir;
    opts.heading_level = 1;
    opts.line_map = text.line_map;
    return opts;
  }

  void assemble(Prepared& p, const Expanded& text) {
    const auto& loc = locale::Locale::get(p.version.lang);
    const FrontMatter& f = p.front;
    model::Document& doc = p.doc;
    const std::string kind = loc.str("deliverable.kind." + std::string(kind_key(f.kind)));
    const std::string classification =
        f.confidentiality ? loc.str("deliverable.confidentiality." +
                                    std::string(confidentiality_key(*f.confidentiality)))
                          : "";
    model::Meta& meta = doc.meta;
    meta.title = f.title.value;
    meta.subtitle = f.subtitle.value;
    meta.subject = kind;
    meta.description = f.subtitle.value;
    meta.author = f.firm.empty() ? f.author.value : f.firm.value;
    meta.language = locale::bcp47(p.version.lang);
    meta.date = iso_date(f.date);
    meta.watermark = f.draft ? loc.str("watermark") : "";
    meta.header_text = f.firm.empty() ? f.title.value : f.firm.value + " – " + f.title.value;
    if (f.confidentiality && *f.confidentiality != Confidentiality::Public) {
      meta.header_text += " – " + classification;
    }
    meta.page_label_before = loc.str("page.before");
    meta.page_label_between = loc.str("page.between");

    using model::ParaRole;
    auto& b = doc.blocks;
    b.push_back(model::para(f.title.value, ParaRole::Title));
    if (!f.subtitle.empty()) b.push_back(model::para(f.subtitle.value, ParaRole::Subtitle));
    const bool cover = f.kind == Kind::Whitepaper || f.kind == Kind::Report;
    std::vector<std::string> lines;
    if (!f.firm.empty()) lines.push_back(f.firm.value);
    if (!f.author.empty()) lines.push_back(f.author.value);
    lines.push_back(loc.date(f.date));
    if (!classification.empty()) lines.push_back(classification);
    if (cover) {
      // A cover page: the firm in bold under the title, the rest as small print.
      for (size_t i = 0; i < lines.size(); ++i) {
        bool firm = i == 0 && !f.firm.empty();
        b.push_back(model::Paragraph{model::text(lines[i], firm ? model::kBold : model::kPlain),
                                     firm ? ParaRole::Subtitle : ParaRole::CoverNote, false});
      }
    } else {
      // A letter or memo starts on its first page, under one line of particulars.
      std::string joined;
      for (const auto& l : lines) joined += (joined.empty() ? "" : " · ") + l;
      b.push_back(model::para(joined, ParaRole::CoverNote));
    }
    if (f.draft) b.push_back(model::para(loc.str("cover.draft"), ParaRole::CoverNote));
    if (cover) b.push_back(model::PageBreak{});
    if (f.has_toc()) {
      b.push_back(model::TableOfContents{loc.str("toc.title"), 2});
      b.push_back(model::PageBreak{});
    }
    for (auto& block : markdown::to_blocks(text.text, options(p.version, text), doc, diags_)) {
      b.push_back(std::move(block));
    }
  }

  /// Keys whose values the language versions must share; a difference is a warning at the
  /// second version.
  void compare_front_matter(const FrontMatter& a, const FrontMatter& b) {
    static const std::vector<std::string> kShared = {"date", "kind", "confidentiality", "firm",
                                                     "engagement", "draft", "toc", "template"};
    auto value = [](const FrontMatter& f, const std::string& key) -> const ingest::Text* {
      for (const auto& [k, t] : f.entries) {
        if (k == key) return &t;
      }
      return nullptr;
    };
    for (const auto& key : kShared) {
      const ingest::Text* va = value(a, key);
      const ingest::Text* vb = value(b, key);
      std::string sa = va ? va->value : "";
      std::string sb = vb ? vb->value : "";
      if (sa == sb) continue;
      auto& d = diags_.warning(vb ? vb->where : b.start, "parity-front-matter",
                               "'" + key + "' is '" + sb + "' here but '" + sa + "' in " +
                                   d_.versions.front().shown);
      if (va) d.notes.push_back(Diagnostic{Severity::Note, "", va->where, "given here", {}, {}});
    }
  }

  const Env& env_;
  const Deliverable& d_;
  Diagnostics& diags_;
  std::map<std::string, std::string> bodies_;
  std::map<std::string, std::unique_ptr<LoadedEngagement>> engagements_;
};

}  // namespace

std::vector<Deliverable> find(const Env& env, const std::string& path,
                              const std::vector<std::string>& languages, Diagnostics& diags) {
  std::map<std::string, Deliverable> found;
  auto add = [&](const std::string& dir, const std::string& file) {
    auto [name, lang] = split_name(file);
    if (name.empty()) return false;
    auto& d = found[name];
    d.name = name;
    d.dir = dir;
    std::string full = join_path(dir, file);
    d.versions.push_back(Version{lang, full, full});
    return true;
  };
  switch (env.kind(path)) {
    case Env::Kind::Missing:
      diags.error(Location{path}, "missing-file", "no such file or folder", ExitCode::NoInput);
      return {};
    case Env::Kind::Directory:
      for (const auto& entry : env.list(path)) {
        if (env.kind(join_path(path, entry)) == Env::Kind::File) add(path, entry);
      }
      break;
    default: {
      std::string dir = folder_of(path);
      auto [name, lang] = split_name(file_of(path));
      if (name.empty()) {
        diags.error(Location{path}, "not-a-deliverable",
                    "a deliverable's files are named NAME.sv.md and NAME.en.md",
                    ExitCode::DataError);
        return {};
      }
      for (const auto& other : locale::languages()) {
        std::string file = name + "." + other + ".md";
        if (other == lang || env.kind(join_path(dir, file)) == Env::Kind::File) add(dir, file);
      }
    }
  }
  if (found.empty()) {
    diags.error(Location{path}, "missing-file",
                "no deliverable here: its files are named NAME.sv.md and NAME.en.md",
                ExitCode::NoInput);
    return {};
  }
  std::vector<Deliverable> out;
  for (auto& [name, d] : found) {
    // Swedish first, then English, as locale::languages() orders them.
    std::sort(d.versions.begin(), d.versions.end(),
              [](const Version& a, const Version& b) { return a.lang > b.lang; });
    for (const auto& lang : languages) {
      auto has = std::any_of(d.versions.begin(), d.versions.end(),
                             [&](const Version& v) { return v.lang == lang; });
      if (!has) {
        diags.error(Location{join_path(d.dir, name + "." + lang + ".md")}, "missing-file",
                    "'" + name + "' has no " + language_name(lang) + " version",
                    ExitCode::NoInput);
      }
    }
    if (!languages.empty()) {
      std::erase_if(d.versions, [&](const Version& v) {
        return std::find(languages.begin(), languages.end(), v.lang) == languages.end();
      });
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Prepared> prepare(const Env& env, const Deliverable& d, Diagnostics& diags) {
  return Preparer(env, d, diags).run();
}

}  // namespace tillit::deliverable
