// The issued reports of an engagement, kept inside it as DIR/issued/<label>.json: recording
// one (`tillit issue`), finding one again, and comparing the engagement with it (`tillit
// diff` and the closing line of `tillit build`).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "history/diff.h"
#include "history/snapshot.h"
#include "ingest/engagement.h"
#include "model/document.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::history {

/// "DIR/issued/v1.json".
std::string issued_path(const std::string& dir, const std::string& label);

struct IssueOptions {
  std::string dir;           ///< The engagement folder.
  std::string label;         ///< See valid_label().
  std::optional<Date> date;  ///< --date; else the manifest's report date; else today.
  bool force = false;        ///< Replace a snapshot of the same label.
};

/// "DIR/issued/reports/v1.sv.json": the report in `lang` as issued under `label`.
std::string issued_report_path(const std::string& dir, const std::string& label,
                               const std::string& lang);

/// Check the engagement and record it as issued: the snapshot, and beside it the report as
/// assembled in every language of the manifest (see document_json.h), so a redline compares
/// against exactly what the client saw. Returns the snapshot. Nothing is written
/// when the label is invalid (Usage) or taken without `force` (CantCreate), when the check
/// finds errors (Findings; the check's diagnostics are in `diags`), or when writing fails.
std::optional<Snapshot> issue(Env& env, const IssueOptions& opts, Diagnostics& diags);

/// The files of the reports issued with the snapshot `s` (whose JSON is `snapshot_json`):
/// path and bytes per language of the manifest. Assembly problems go to `diags`.
std::vector<std::pair<std::string, std::string>> issued_report_files(
    const Env& env, const ingest::Engagement& e, const Snapshot& s,
    const std::string& snapshot_json, Diagnostics& diags);

/// The snapshot labelled `label`, or with an empty label the newest (by date, then label in
/// natural order: v2 before v10). No snapshot is NoInput; a corrupt one, or one of another
/// format version, is DataError. When the newest is wanted every snapshot must be readable,
/// since a corrupt one might be the newest.
std::optional<Snapshot> load_issued(const Env& env, const std::string& dir,
                                    const std::string& label, Diagnostics& diags);

/// The report in `lang` as it was issued under `label` (empty: the newest issued), for a
/// redline. Errors as for load_issued; a language the report was not issued in is NoInput; a
/// label issued by a Tillit that did not yet record its reports is NoInput and says to issue
/// it again with --force; a report file that is corrupt, of another format version or left
/// from an earlier issue of the label is DataError.
std::optional<model::Document> load_issued_report(const Env& env, const std::string& dir,
                                                  const std::string& label, const std::string& lang,
                                                  Diagnostics& diags);

struct CompareOptions {
  std::string dir;    ///< The engagement folder.
  std::string since;  ///< A label; empty for the newest issued report.
};

/// Check the engagement and compare it with an issued report. Errors as for load_issued, and
/// Findings when the engagement has errors (a report with errors is not worth comparing).
std::optional<Diff> compare_with_issued(const Env& env, const CompareOptions& opts,
                                        Diagnostics& diags);

/// The closing line of a build: "since v1: 2 deviations closed, 1 control added" or "no
/// changes since v1" against the newest issued report; "" when nothing was ever issued; a line
/// saying why when the issued reports cannot be read. `current` is the engagement just built.
std::string diff_summary_line(const Env& env, const ingest::Engagement& current);

}  // namespace tillit::history
