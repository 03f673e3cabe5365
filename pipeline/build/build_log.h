// The build log, kept in the output folder as .tillit-log.json: what each output was made from
// (a key hashing its inputs) and what it was when written, and what the last complete build
// observed of its inputs. Written through a temporary file after every output, so a build
// stopped half-way leaves a log that is true for what was written.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "build/recording_env.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::build {

inline constexpr const char* kLogName = ".tillit-log.json";
inline constexpr int kLogVersion = 1;

struct OutputRecord {
  std::string lang;
  std::string format;
  /// What it was made from, by part ("tool", "reference", "content", "docx", "options"),
  /// each a hash; --explain names the parts that changed.
  std::map<std::string, std::string> made_from;
  std::string hash;       ///< Hash of the bytes written.
  long long size = -1;
  long long modified = -1;  ///< File time just after writing (-1 unknown).
};

struct BuildLog {
  std::string tool;     ///< tool_fingerprint() of the build that wrote it.
  std::string options;  ///< Hash of the options of the last complete build.
  /// True when the last build finished: then `observations`, `products`, `diagnostics` and
  /// `summary` describe it and a build with the same options may trust them.
  bool complete = false;
  std::vector<Observation> observations;
  std::vector<std::string> products;  ///< Output paths that build was asked for.
  std::vector<Diagnostic> diagnostics;  ///< Its warnings, shown again when nothing is redone.
  std::string summary;                  ///< Its closing "since v1: ..." line.
  std::map<std::string, OutputRecord> outputs;  ///< By path; outputs of earlier builds too.
};

/// Read the log at `path`. A missing log is an empty one. A log that is corrupt, of another
/// format or version, or written by another Tillit is discarded with a warning
/// (build-log-discarded) and an empty log is returned: it is never trusted in part.
BuildLog read_log(const Env& env, const std::string& path, Diagnostics& diags);

std::string to_json(const BuildLog& log);

/// Whether the file at `path` is still the one the record describes: same size and time, or
/// (when the time changed) the same bytes.
bool output_intact(const Env& env, const std::string& path, const OutputRecord& r);

}  // namespace tillit::build
