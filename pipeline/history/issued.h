// The issued reports of an engagement, kept inside it as DIR/issued/<label>.json: recording
// one (`tillit issue`), finding one again, and comparing the engagement with it (`tillit
// diff` and the closing line of `tillit build`).
#pragma once

#include <optional>
#include <string>

#include "history/diff.h"
#include "history/snapshot.h"
#include "ingest/engagement.h"
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

/// Check the engagement and record it as issued. Returns what was written. Nothing is written
/// when the label is invalid (Usage) or taken without `force` (CantCreate), when the check
/// finds errors (Findings; the check's diagnostics are in `diags`), or when writing fails.
std::optional<Snapshot> issue(Env& env, const IssueOptions& opts, Diagnostics& diags);

/// The snapshot labelled `label`, or with an empty label the newest (by date, then label in
/// natural order: v2 before v10). No snapshot is NoInput; a corrupt one, or one of another
/// format version, is DataError. When the newest is wanted every snapshot must be readable,
/// since a corrupt one might be the newest.
std::optional<Snapshot> load_issued(const Env& env, const std::string& dir,
                                    const std::string& label, Diagnostics& diags);

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
