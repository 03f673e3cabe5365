#include "ingest/engagement_loader.h"

#include <algorithm>
#include <deque>
#include <set>

#include "ingest/columns.h"
#include "ingest/csv_reader.h"
#include "ingest/manifest_reader.h"
#include "ingest/matrix_reader.h"
#include "ingest/topics.h"
#include "ingest/xlsx_reader.h"
#include "support/text.h"

namespace tillit::ingest {

namespace {

constexpr std::string_view kManifestName = "engagement.xml";
constexpr size_t kMaxManifestBytes = 1024 * 1024;

bool has_suffix(const std::string& s, std::string_view suffix) {
  std::string folded = fold_case(s);
  return folded.size() >= suffix.size() &&
         folded.compare(folded.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool looks_like_zip(std::string_view bytes) { return bytes.substr(0, 2) == "PK"; }
bool looks_like_ole(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

/// One tabular input file, opened once even when several tables come from it.
struct Source {
  std::string path;   // real path
  std::string shown;  // for diagnostics
  std::optional<Workbook> workbook;
  std::optional<Table> csv;
  bool ok = false;
};

class Loader {
 public:
  Loader(const Env& env, std::string dir, Diagnostics& diags)
      : env_(env), dir_(std::move(dir)), diags_(diags) {}

  std::optional<Engagement> run() {
    switch (env_.kind(dir_)) {
      case Env::Kind::Missing:
        diags_.error(Location{dir_}, "missing-file", "no such engagement folder",
                     ExitCode::NoInput);
        return std::nullopt;
      case Env::Kind::Directory:
        break;
      default:
        diags_.error(Location{dir_}, "not-a-folder",
                     "is a file; give the engagement folder (the one holding engagement.xml)",
                     ExitCode::NoInput);
        return std::nullopt;
    }
    std::string manifest_path = join_path(dir_, std::string(kManifestName));
    auto bytes = read_input(env_, manifest_path, manifest_path, kMaxManifestBytes, diags_);
    if (!bytes) return std::nullopt;
    auto manifest = read_manifest(manifest_path, *bytes, diags_);
    if (!manifest) return std::nullopt;

    Engagement e;
    e.dir = dir_;
    e.manifest = std::move(*manifest);
    default_lang_ = e.manifest.languages.empty() ? "en" : e.manifest.languages.front();
    load_tables(e);
    load_narratives(e);
    load_assertions(e);
    return e;
  }

 private:
  std::string shown(const std::string& rel) const { return join_path(dir_, rel); }

  Source* open(const std::string& rel) {
    for (auto& s : sources_) {
      if (s.path == join_path(dir_, rel)) return &s;
    }
    Source src;
    src.path = join_path(dir_, rel);
    src.shown = shown(rel);
    if (auto bytes = read_input(env_, src.path, src.shown, kMaxInputBytes, diags_)) {
      bool xlsx_name = has_suffix(rel, ".xlsx") || has_suffix(rel, ".xlsm") ||
                       has_suffix(rel, ".xls");
      if (xlsx_name || looks_like_zip(*bytes) || looks_like_ole(*bytes)) {
        src.workbook = Workbook::open(src.shown, std::move(*bytes), diags_);
        src.ok = src.workbook.has_value();
      } else {
        src.csv = read_csv(src.shown, *bytes, diags_);
        src.ok = src.csv.has_value();
      }
    }
    sources_.push_back(std::move(src));
    return &sources_.back();
  }

  /// The table of `input` (or of the workbook's sheet named like `names`). `optional` tables
  /// that are not found give no diagnostic.
  std::optional<Table> table(Source& src, const Text& sheet, const std::vector<std::string>& names,
                             bool use_first, const std::string& what) {
    if (!src.ok) return std::nullopt;
    if (src.csv) return *src.csv;
    const Workbook& wb = *src.workbook;
    std::optional<size_t> index;
    if (!sheet.empty()) {
      index = wb.find_sheet({sheet.value});
      if (!index) {
        std::string list;
        for (auto& s : wb.sheets()) list += (list.empty() ? "'" : ", '") + s.name + "'";
        diags_.error(sheet.where, "missing-sheet",
                     "no sheet '" + sheet.value + "' for the " + what + " in " + src.shown +
                         "; it has " + list,
                     ExitCode::DataError);
        return std::nullopt;
      }
    } else {
      index = wb.find_sheet(names);
      if (!index && use_first) index = wb.first_visible_sheet();
    }
    if (!index) return std::nullopt;
    if (used_sheets_.count({src.path, *index})) return std::nullopt;
    used_sheets_.insert({src.path, *index});
    return wb.read(*index, diags_);
  }

  void load_tables(Engagement& e) {
    const Manifest& m = e.manifest;
    std::string matrix_rel;
    Text sheet;
    std::string lang = default_lang_;
    if (m.matrix) {
      matrix_rel = m.matrix->path.value;
      sheet = m.matrix->sheet;
      if (!m.matrix->lang.empty()) lang = m.matrix->lang;
    } else {
      for (const char* conventional : {"controls.xlsx", "controls.csv"}) {
        if (env_.kind(join_path(dir_, conventional)) == Env::Kind::File) {
          matrix_rel = conventional;
          break;
        }
      }
      if (matrix_rel.empty()) {
        diags_.error(Location{m.file}, "missing-matrix",
                     "the manifest names no control matrix; add <inputs><matrix>controls.xlsx"
                     "</matrix></inputs>",
                     ExitCode::NoInput);
        return;
      }
    }
    e.matrix_file = shown(matrix_rel);
    Source* matrix = open(matrix_rel);
    // Reading the controls first claims their sheet, so a CUEC lookup cannot take it.
    if (auto t = table(*matrix, sheet, control_sheet_names(), true, "control matrix")) {
      e.matrix_read = read_controls(*t, lang, e.controls, e.columns, diags_);
    }

    auto side_table = [&](const std::optional<Manifest::Input>& input,
                          const std::vector<std::string>& names,
                          const std::string& what) -> std::optional<Table> {
      if (input) {
        Source* src = open(input->path.value);
        if (src->csv) return src->csv;
        return table(*src, input->sheet, names, false, what);
      }
      if (matrix->workbook) return table(*matrix, Text{}, names, false, what);
      return std::nullopt;
    };
    if (auto t = side_table(m.cuecs, cuec_sheet_names(), "CUEC table")) {
      read_cuecs(*t, lang, e.cuecs, diags_);
    }
    if (auto t = side_table(m.subservice, subservice_sheet_names(),
                            "subservice organisation table")) {
      read_subservice(*t, lang, e.subservice_orgs, diags_);
    }
  }

  std::optional<std::string> read_text(const std::string& path, const std::string& shown_path) {
    auto bytes = read_input(env_, path, shown_path, kMaxInputBytes, diags_, true);
    if (!bytes) return std::nullopt;
    size_t bad = 0;
    if (!is_valid_utf8(*bytes, &bad)) {
      auto lc = line_column_at(*bytes, bad);
      diags_.error(Location{shown_path, "", lc.line, lc.column}, "invalid-utf8",
                   "invalid UTF-8; save the file as UTF-8", ExitCode::DataError);
      return std::nullopt;
    }
    // A BOM is harmless but would end up in the first paragraph.
    if (bytes->rfind("\xEF\xBB\xBF", 0) == 0) bytes->erase(0, 3);
    return bytes;
  }

  void load_narratives(Engagement& e) {
    std::string rel = e.manifest.description_dir.empty() ? "description"
                                                          : e.manifest.description_dir.value;
    std::string base = join_path(dir_, rel);
    if (env_.kind(base) != Env::Kind::Directory) return;  // validate names each missing topic
    for (const auto& lang : e.manifest.languages) {
      std::string lang_dir = join_path(base, lang);
      for (const auto& name : env_.list(lang_dir)) {
        if (!has_suffix(name, ".md")) continue;
        std::string topic = name.substr(0, name.size() - 3);
        std::string shown_path = shown(join_path(join_path(rel, lang), name));
        if (!find_topic(topic)) {
          std::string msg = "unknown description topic '" + topic + "'";
          std::vector<std::string_view> ids;
          for (auto& t : topics()) ids.push_back(t.id);
          std::string best = nearest(topic, ids, 3);
          if (!best.empty()) msg += "; did you mean '" + best + ".md'?";
          diags_.warning(Location{shown_path}, "unknown-topic", msg + "; the file is not used");
          continue;
        }
        std::string path = join_path(lang_dir, name);
        if (auto text = read_text(path, shown_path)) {
          bool stub = text->find(kStubMarker) != std::string::npos;
          e.narratives.push_back(Narrative{topic, lang, path, shown_path, std::move(*text), stub});
        }
      }
    }
  }

  void load_assertions(Engagement& e) {
    for (const auto& [lang, path] : e.manifest.assertion_override) {
      std::string full = join_path(dir_, path.value);
      if (auto text = read_text(full, shown(path.value))) e.assertion_text[lang] = *text;
    }
  }

  const Env& env_;
  std::string dir_;
  Diagnostics& diags_;
  std::string default_lang_;
  std::deque<Source> sources_;  // deque: pointers to sources stay valid
  std::set<std::pair<std::string, size_t>> used_sheets_;
};

}  // namespace

std::optional<Engagement> load_engagement(const Env& env, const std::string& dir,
                                          Diagnostics& diags) {
  return Loader(env, dir, diags).run();
}

}  // namespace tillit::ingest
