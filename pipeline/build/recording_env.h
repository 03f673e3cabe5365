// An Env that notes everything a build learns from the outside world: the files it read (with
// their contents' hash), the folders it listed, the kinds and sizes it asked about and the date.
// The build log keeps these observations; when they all still hold, nothing the build could
// read has changed and there is nothing to do (ninja's idea, with contents instead of times).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/env.h"

namespace tillit::build {

struct Observation {
  enum class Kind { Read, Type, Size, List, Today };
  Kind kind = Kind::Read;
  std::string path;         ///< Empty for Today.
  std::string value;        ///< Read/List: hash of the contents; Type: kind name; Today: ISO date.
  long long size = -1;      ///< Read: bytes; Size: the answer (-1 for none).
  long long modified = -1;  ///< Read: the file's time when read (-1 unknown).
};

/// "file", "directory", "missing" or "other".
std::string kind_name(Env::Kind kind);

class RecordingEnv : public Env {
 public:
  explicit RecordingEnv(Env& inner) : inner_(inner) {}

  /// Everything observed so far, in a stable order (by kind, then path).
  std::vector<Observation> observations() const;

  Kind kind(const std::string& path) const override;
  std::optional<size_t> size(const std::string& path) const override;
  std::optional<long long> modified_ns(const std::string& path) const override {
    return inner_.modified_ns(path);
  }
  std::optional<std::string> read(const std::string& path) const override;
  bool write_atomic(const std::string& path, std::string_view bytes, std::string* error) override {
    return inner_.write_atomic(path, bytes, error);
  }
  bool make_dirs(const std::string& path, std::string* error) override {
    return inner_.make_dirs(path, error);
  }
  std::vector<std::string> list(const std::string& dir) const override;
  Date today() const override;

 private:
  void note(Observation o) const;

  Env& inner_;
  mutable std::map<std::pair<int, std::string>, Observation> seen_;
};

/// Whether an observation made by an earlier build still holds. A read file whose time changed
/// but whose contents did not still holds; `refreshed` then gets its new time, so the next
/// check is a stat again rather than a read.
bool still_holds(const Env& env, const Observation& o, Observation* refreshed);

}  // namespace tillit::build
