// Why an output was made again, in the words `build --explain` prints: the input changes that
// reach it ("controls.xlsx:Controls!F14 changed: result of CC6.1-03"), found by comparing what
// the engagement said at the last build with what it says now.
#pragma once

#include <string>
#include <vector>

#include "history/diff.h"

namespace tillit::build {

struct InputChange {
  std::string lang;  ///< Empty when every language's outputs depend on it.
  std::string text;
};

/// The changes between the last build's snapshot and this one's, one line each, in report
/// order (report details, opinion, controls, CUECs, subservice organisations, narratives).
std::vector<InputChange> input_changes(const history::Diff& d);

/// The lines of `changes` that reach an output in `lang`.
std::vector<std::string> changes_for(const std::vector<InputChange>& changes,
                                     const std::string& lang);

}  // namespace tillit::build
