// The reports recorded by `tillit issue` beside the snapshot, and finding one again.
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>

#include "assemble/assemble.h"
#include "history/document_json.h"
#include "history/issued.h"

namespace tillit::history {

namespace {

std::string sha256(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string command(const std::string& dir, const std::string& label) {
  return "'tillit issue " + dir + " --label " + label + " --force'";
}

}  // namespace

std::string issued_report_path(const std::string& dir, const std::string& label,
                               const std::string& lang) {
  return join_path(join_path(join_path(dir, "issued"), "reports"), label + "." + lang + ".json");
}

std::vector<std::pair<std::string, std::string>> issued_report_files(
    const Env& env, const ingest::Engagement& e, const Snapshot& s,
    const std::string& snapshot_json, Diagnostics& diags) {
  std::vector<std::pair<std::string, std::string>> files;
  const std::string digest = sha256(snapshot_json);
  for (const auto& lang : e.manifest.languages) {
    IssuedDocument issued{s.label, lang, digest, assemble::assemble_report(e, lang, env, diags)};
    files.emplace_back(issued_report_path(e.dir, s.label, lang), to_json(issued));
  }
  return files;
}

std::optional<model::Document> load_issued_report(const Env& env, const std::string& dir,
                                                  const std::string& label, const std::string& lang,
                                                  Diagnostics& diags) {
  auto snapshot = load_issued(env, dir, label, diags);
  if (!snapshot) return std::nullopt;
  const std::string& issued = snapshot->label;
  const auto& languages = snapshot->report.languages;
  const std::string snapshot_path = issued_path(dir, issued);
  if (std::find(languages.begin(), languages.end(), lang) == languages.end()) {
    std::string known;
    for (const auto& l : languages) known += (known.empty() ? "" : ", ") + l;
    diags.error(Location{snapshot_path}, "issued-report-missing",
                "the report labelled '" + issued + "' was not issued in '" + lang +
                    "'; it was issued in " + known,
                ExitCode::NoInput);
    return std::nullopt;
  }
  const std::string path = issued_report_path(dir, issued, lang);
  if (env.kind(path) == Env::Kind::Missing) {
    diags.error(Location{path}, "issued-report-missing",
                "the report labelled '" + issued +
                    "' was issued by a Tillit that did not record "
                    "the report itself, which a redline needs; issue it again with " +
                    command(dir, issued) + " (the content is compared with what it recorded)",
                ExitCode::NoInput);
    return std::nullopt;
  }
  auto bytes = read_input(env, path, path, kMaxInputBytes, diags);
  if (!bytes) return std::nullopt;
  auto report = document_from_json(*bytes, path, diags);
  if (!report) return std::nullopt;
  auto refuse = [&](const std::string& why) {
    diags.error(Location{path}, "issued-report-corrupt",
                "corrupt issued report: " + why +
                    "; it cannot be trusted: issue the report "
                    "again with " +
                    command(dir, issued),
                ExitCode::DataError);
  };
  if (report->label != issued || report->lang != lang) {
    refuse("the file is for '" + issued + "' in '" + lang + "' but records '" + report->label +
           "' in '" + report->lang + "'");
    return std::nullopt;
  }
  // The snapshot as read back, written again: line endings a checkout changed do not count.
  if (report->snapshot_digest != sha256(to_json(*snapshot))) {
    refuse("it does not belong to " + snapshot_path + " (left from an earlier issue of '" + issued +
           "', or either file was edited)");
    return std::nullopt;
  }
  return std::move(report->doc);
}

}  // namespace tillit::history
