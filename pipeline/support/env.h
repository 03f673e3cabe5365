// All file and clock access goes through Env, so tests can run in memory and the report
// date never comes from the wall clock unless asked.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/date.h"
#include "support/diagnostics.h"

namespace tillit {

/// The outside world as the pipeline sees it.
class Env {
 public:
  enum class Kind { Missing, File, Directory, Other };

  virtual ~Env() = default;
  virtual Kind kind(const std::string& path) const = 0;
  virtual std::optional<size_t> size(const std::string& path) const = 0;
  /// When the file was last modified, in nanoseconds of the file system's clock; nullopt when
  /// unknown (then callers compare contents instead).
  virtual std::optional<long long> modified_ns(const std::string&) const { return std::nullopt; }
  /// Read a whole file. Returns nullopt on an I/O error.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  /// Write through a temporary file and rename, so a reader never sees half a file.
  virtual bool write_atomic(const std::string& path, std::string_view bytes,
                            std::string* error) = 0;
  /// Create a directory and its parents.
  virtual bool make_dirs(const std::string& path, std::string* error) = 0;
  /// Names (not paths) of the entries of a directory, sorted.
  virtual std::vector<std::string> list(const std::string& dir) const = 0;
  virtual Date today() const = 0;
};

/// The real file system and clock.
class DiskEnv : public Env {
 public:
  Kind kind(const std::string& path) const override;
  std::optional<size_t> size(const std::string& path) const override;
  std::optional<long long> modified_ns(const std::string& path) const override;
  std::optional<std::string> read(const std::string& path) const override;
  bool write_atomic(const std::string& path, std::string_view bytes, std::string* error) override;
  bool make_dirs(const std::string& path, std::string* error) override;
  std::vector<std::string> list(const std::string& dir) const override;
  Date today() const override;
};

/// Files and a fixed date in memory, for tests. Directories exist implicitly.
class MemoryEnv : public Env {
 public:
  explicit MemoryEnv(Date today = Date{std::chrono::year{2026}, std::chrono::month{1},
                                       std::chrono::day{1}})
      : today_(today) {}
  void put(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
  const std::map<std::string, std::string>& files() const { return files_; }

  Kind kind(const std::string& path) const override;
  std::optional<size_t> size(const std::string& path) const override;
  std::optional<std::string> read(const std::string& path) const override;
  bool write_atomic(const std::string& path, std::string_view bytes, std::string* error) override;
  bool make_dirs(const std::string& path, std::string* error) override;
  std::vector<std::string> list(const std::string& dir) const override;
  Date today() const override { return today_; }

 private:
  std::map<std::string, std::string> files_;
  Date today_;
};

/// Join two path pieces with one '/'.
std::string join_path(const std::string& a, const std::string& b);

/// Read an input file with the checks every reader needs: missing (NoInput), a directory,
/// empty, or larger than `limit` bytes (DataError). Reports at `shown` and returns nullopt.
std::optional<std::string> read_input(const Env& env, const std::string& path,
                                      const std::string& shown, size_t limit, Diagnostics& diags,
                                      bool allow_empty = false);

/// Largest input file Tillit reads (workbooks, CSV, manifests, narratives).
constexpr size_t kMaxInputBytes = 64u * 1024u * 1024u;

}  // namespace tillit
