#include "history/issued.h"

#include <algorithm>
#include <cctype>

#include "catalogue/catalogue.h"
#include "ingest/engagement_loader.h"
#include "validate/validate.h"

namespace tillit::history {

using catalogue::Catalogue;

namespace {

constexpr std::string_view kIssuedDir = "issued";
constexpr std::string_view kSuffix = ".json";

std::string issued_dir(const std::string& dir) { return join_path(dir, std::string(kIssuedDir)); }

/// Natural order, so that v10 comes after v9: runs of digits compare as numbers.
bool label_before(const std::string& a, const std::string& b) {
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      size_t i_end = i, j_end = j;
      while (i_end < a.size() && digit(a[i_end])) ++i_end;
      while (j_end < b.size() && digit(b[j_end])) ++j_end;
      std::string_view x = std::string_view(a).substr(i, i_end - i);
      std::string_view y = std::string_view(b).substr(j, j_end - j);
      x.remove_prefix(std::min(x.find_first_not_of('0'), x.size()));
      y.remove_prefix(std::min(y.find_first_not_of('0'), y.size()));
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = i_end;
      j = j_end;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
  return a < b;
}

/// Labels of the snapshots in DIR/issued, from the file names.
std::vector<std::string> issued_labels(const Env& env, const std::string& dir) {
  std::vector<std::string> labels;
  for (const auto& name : env.list(issued_dir(dir))) {
    if (name.size() <= kSuffix.size() ||
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
      continue;
    }
    std::string label = name.substr(0, name.size() - kSuffix.size());
    if (valid_label(label) && env.kind(issued_path(dir, label)) == Env::Kind::File) {
      labels.push_back(label);
    }
  }
  return labels;
}

std::optional<Snapshot> load_one(const Env& env, const std::string& dir, const std::string& label,
                                 Diagnostics& diags) {
  std::string path = issued_path(dir, label);
  auto bytes = read_input(env, path, path, kMaxInputBytes, diags);
  if (!bytes) return std::nullopt;
  auto s = from_json(*bytes, path, diags);
  if (s && s->label != label) {
    diags.error(Location{path}, "snapshot-corrupt",
                "corrupt snapshot: the file is named '" + label + "' but records '" + s->label +
                    "'; it cannot be trusted: restore it from version control or issue the "
                    "report again",
                ExitCode::DataError);
    return std::nullopt;
  }
  return s;
}

}  // namespace

std::string issued_path(const std::string& dir, const std::string& label) {
  return join_path(issued_dir(dir), label + std::string(kSuffix));
}

std::optional<Snapshot> issue(Env& env, const IssueOptions& opts, Diagnostics& diags) {
  if (!valid_label(opts.label)) {
    diags.error(Location{opts.dir}, "issued-label",
                "invalid label '" + opts.label + "'; use letters, digits, '.', '_' and '-'",
                ExitCode::Usage);
    return std::nullopt;
  }
  std::string path = issued_path(opts.dir, opts.label);
  if (!opts.force && env.kind(path) != Env::Kind::Missing) {
    diags.error(Location{path}, "issued-exists",
                "a report labelled '" + opts.label +
                    "' was already issued; choose another label, or give --force to replace it",
                ExitCode::CantCreate);
    return std::nullopt;
  }
  auto e = ingest::load_engagement(env, opts.dir, diags);
  if (!e) return std::nullopt;
  validate::check(*e, Catalogue::builtin(), validate::Options{}, diags);
  if (diags.has_errors()) return std::nullopt;

  Snapshot s = take_snapshot(*e, Catalogue::builtin());
  s.label = opts.label;
  if (opts.date) {
    s.date = iso_date(*opts.date);
    s.date_source = "option";
  } else if (e->manifest.report_date) {
    s.date = iso_date(*e->manifest.report_date);
    s.date_source = "report-date";
  } else {
    s.date = iso_date(env.today());
    s.date_source = "today";
  }
  const std::string snapshot_json = to_json(s);
  auto reports = issued_report_files(env, *e, s, snapshot_json, diags);
  if (diags.has_errors()) return std::nullopt;
  // The snapshot last: a label is issued once its snapshot is there, so a failure before
  // leaves at most report files that no snapshot vouches for (and load_issued_report refuses).
  std::string error;
  if (!env.make_dirs(issued_dir(opts.dir), &error)) {
    diags.error(Location{issued_dir(opts.dir)}, "cannot-write", error, ExitCode::CantCreate);
    return std::nullopt;
  }
  for (const auto& [report_path, bytes] : reports) {
    const std::string folder = report_path.substr(0, report_path.rfind('/'));
    if (!env.make_dirs(folder, &error) || !env.write_atomic(report_path, bytes, &error)) {
      diags.error(Location{report_path}, "cannot-write", error, ExitCode::CantCreate);
      return std::nullopt;
    }
  }
  if (!env.write_atomic(path, snapshot_json, &error)) {
    diags.error(Location{path}, "cannot-write", error, ExitCode::CantCreate);
    return std::nullopt;
  }
  return s;
}

std::optional<Snapshot> load_issued(const Env& env, const std::string& dir,
                                    const std::string& label, Diagnostics& diags) {
  if (!label.empty() && !valid_label(label)) {
    diags.error(Location{dir}, "issued-label", "invalid label '" + label + "'", ExitCode::Usage);
    return std::nullopt;
  }
  auto labels = issued_labels(env, dir);
  if (labels.empty()) {
    diags.error(
        Location{issued_dir(dir)}, "nothing-issued",
        "no report has been issued yet; record one with 'tillit issue " + dir + " --label v1'",
        ExitCode::NoInput);
    return std::nullopt;
  }
  if (!label.empty()) {
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) {
      std::string known;
      for (const auto& l : labels) known += (known.empty() ? "" : ", ") + l;
      diags.error(Location{issued_path(dir, label)}, "nothing-issued",
                  "no report labelled '" + label + "' was issued; issued: " + known,
                  ExitCode::NoInput);
      return std::nullopt;
    }
    return load_one(env, dir, label, diags);
  }
  std::optional<Snapshot> newest;
  bool all_read = true;
  for (const auto& l : labels) {
    auto s = load_one(env, dir, l, diags);
    if (!s) {
      all_read = false;
      continue;
    }
    if (!newest || newest->date < s->date ||
        (newest->date == s->date && label_before(newest->label, s->label))) {
      newest = std::move(s);
    }
  }
  if (!all_read) return std::nullopt;
  return newest;
}

std::optional<Diff> compare_with_issued(const Env& env, const CompareOptions& opts,
                                        Diagnostics& diags) {
  auto e = ingest::load_engagement(env, opts.dir, diags);
  if (!e) return std::nullopt;
  auto issued = load_issued(env, opts.dir, opts.since, diags);
  validate::check(*e, Catalogue::builtin(), validate::Options{}, diags);
  if (!issued || diags.has_errors()) return std::nullopt;
  return compare(*issued, take_snapshot(*e, Catalogue::builtin()));
}

std::string diff_summary_line(const Env& env, const ingest::Engagement& current) {
  if (issued_labels(env, current.dir).empty()) return "";
  Diagnostics diags;
  auto issued = load_issued(env, current.dir, "", diags);
  if (!issued) {
    std::string why = format_human(diags.all().front());
    return "cannot compare with the issued reports: " + why.substr(0, why.find('\n'));
  }
  return summary_line(compare(*issued, take_snapshot(current, Catalogue::builtin())));
}

}  // namespace tillit::history
