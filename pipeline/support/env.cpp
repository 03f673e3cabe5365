#include "support/env.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <sys/stat.h>

namespace tillit {

namespace fs = std::filesystem;

Env::Kind DiskEnv::kind(const std::string& path) const {
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec || st.type() == fs::file_type::not_found) return Kind::Missing;
  if (st.type() == fs::file_type::regular) return Kind::File;
  if (st.type() == fs::file_type::directory) return Kind::Directory;
  return Kind::Other;
}

std::optional<size_t> DiskEnv::size(const std::string& path) const {
  std::error_code ec;
  auto n = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  return static_cast<size_t>(n);
}

std::optional<long long> DiskEnv::modified_ns(const std::string& path) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
}

std::optional<std::string> DiskEnv::read(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

bool DiskEnv::write_atomic(const std::string& path, std::string_view bytes, std::string* error) {
  // The temporary sits beside the target so the rename stays on one file system.
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      if (error) *error = "cannot create " + tmp;
      return false;
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      if (error) *error = "cannot write " + tmp;
      std::error_code ignored;
      fs::remove(tmp, ignored);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    if (error) *error = "cannot rename " + tmp + " to " + path + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

bool DiskEnv::make_dirs(const std::string& path, std::string* error) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) {
    if (error) *error = "cannot create directory " + path + ": " + ec.message();
    return false;
  }
  return true;
}

std::vector<std::string> DiskEnv::list(const std::string& dir) const {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Date DiskEnv::today() const {
  auto now = std::chrono::system_clock::now();
  return Date{std::chrono::floor<std::chrono::days>(now)};
}

Env::Kind MemoryEnv::kind(const std::string& path) const {
  if (files_.count(path)) return Kind::File;
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  auto it = files_.lower_bound(prefix);
  if (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
    return Kind::Directory;
  }
  return Kind::Missing;
}

std::optional<size_t> MemoryEnv::size(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second.size();
}

std::optional<std::string> MemoryEnv::read(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second;
}

bool MemoryEnv::write_atomic(const std::string& path, std::string_view bytes, std::string*) {
  files_[path] = std::string(bytes);
  return true;
}

bool MemoryEnv::make_dirs(const std::string&, std::string*) { return true; }

std::vector<std::string> MemoryEnv::list(const std::string& dir) const {
  std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  std::vector<std::string> names;
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    std::string name = rest.substr(0, rest.find('/'));
    if (names.empty() || names.back() != name) names.push_back(name);
  }
  return names;
}

std::string join_path(const std::string& a, const std::string& b) {
  if (a.empty() || a == ".") return b;
  if (!b.empty() && b.front() == '/') return b;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

std::optional<std::string> read_input(const Env& env, const std::string& path,
                                      const std::string& shown, size_t limit, Diagnostics& diags,
                                      bool allow_empty) {
  Location at{shown, "", 0, 0};
  switch (env.kind(path)) {
    case Env::Kind::Missing:
      diags.error(at, "missing-file", "no such file", ExitCode::NoInput);
      return std::nullopt;
    case Env::Kind::Directory:
      diags.error(at, "not-a-file", "is a directory, expected a file", ExitCode::NoInput);
      return std::nullopt;
    case Env::Kind::Other:
      diags.error(at, "not-a-file", "is not a regular file", ExitCode::NoInput);
      return std::nullopt;
    case Env::Kind::File:
      break;
  }
  auto n = env.size(path);
  if (n && *n > limit) {
    diags.error(at, "file-too-large",
                "file is " + std::to_string(*n / (1024 * 1024)) + " MB; the limit is " +
                    std::to_string(limit / (1024 * 1024)) + " MB",
                ExitCode::DataError);
    return std::nullopt;
  }
  auto bytes = env.read(path);
  if (!bytes) {
    diags.error(at, "unreadable-file", "cannot read file", ExitCode::NoInput);
    return std::nullopt;
  }
  if (bytes->empty() && !allow_empty) {
    diags.error(at, "empty-file", "file is empty", ExitCode::DataError);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace tillit
