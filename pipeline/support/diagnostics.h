// Compiler-style findings. Every stage reports into one Diagnostics sink and keeps going,
// so a run shows every problem, not only the first.
#pragma once

#include <string>
#include <vector>

#include "support/exit_codes.h"
#include "support/location.h"

namespace tillit {

enum class Severity { Note, Warning, Error };

/// One finding: "file:12:5: error: message [rule-id]", with optional notes after it.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string rule;  ///< Stable rule id, e.g. "unknown-criterion".
  Location where;
  std::string message;
  /// For errors: what kind of failure this is. Reader errors use DataError or NoInput,
  /// checker findings use Findings.
  ExitCode exit = ExitCode::Findings;
  std::vector<Diagnostic> notes;  ///< Attached "note:" lines (e.g. "first defined here").
};

/// Collects diagnostics in the order they are found.
class Diagnostics {
 public:
  Diagnostic& error(const Location& where, std::string rule, std::string message,
                    ExitCode exit = ExitCode::Findings);
  Diagnostic& warning(const Location& where, std::string rule, std::string message);
  Diagnostic& add(Diagnostic d);

  const std::vector<Diagnostic>& all() const { return items_; }
  int error_count() const;
  int warning_count() const;
  bool has_errors() const { return error_count() > 0; }

  /// Turn every warning of the given rule into an error (for --strict).
  void promote(const std::string& rule);

  /// The process exit code these diagnostics call for: NoInput beats DataError beats Findings.
  ExitCode exit_code() const;

 private:
  std::vector<Diagnostic> items_;
};

/// "file:12:5: error: message [rule]" plus one line per note.
std::string format_human(const Diagnostic& d);

/// All diagnostics as a JSON array (one object per diagnostic, notes nested).
std::string format_json(const std::vector<Diagnostic>& ds);

}  // namespace tillit
