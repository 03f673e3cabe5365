#include "build/recording_env.h"

#include "support/hash.h"

namespace tillit::build {

namespace {

std::string list_hash(const std::vector<std::string>& names) {
  Hasher h;
  for (const auto& n : names) h.add(n);
  return h.hex();
}

}  // namespace

std::string kind_name(Env::Kind kind) {
  switch (kind) {
    case Env::Kind::File: return "file";
    case Env::Kind::Directory: return "directory";
    case Env::Kind::Missing: return "missing";
    case Env::Kind::Other: break;
  }
  return "other";
}

void RecordingEnv::note(Observation o) const {
  // The first answer is the one the build acted on; a later read of the same file overrides
  // it only for reads, which carry the contents the build used last.
  auto key = std::make_pair(static_cast<int>(o.kind), o.path);
  if (o.kind == Observation::Kind::Read || !seen_.count(key)) seen_[key] = std::move(o);
}

std::vector<Observation> RecordingEnv::observations() const {
  std::vector<Observation> out;
  out.reserve(seen_.size());
  for (const auto& [key, o] : seen_) out.push_back(o);
  return out;
}

Env::Kind RecordingEnv::kind(const std::string& path) const {
  Kind k = inner_.kind(path);
  note({Observation::Kind::Type, path, kind_name(k)});
  return k;
}

std::optional<size_t> RecordingEnv::size(const std::string& path) const {
  auto n = inner_.size(path);
  note({Observation::Kind::Size, path, "", n ? static_cast<long long>(*n) : -1});
  return n;
}

std::optional<std::string> RecordingEnv::read(const std::string& path) const {
  // The time is taken before reading: a file changed while it is read then looks changed
  // next time, never the other way round.
  auto modified = inner_.modified_ns(path);
  auto bytes = inner_.read(path);
  Observation o{Observation::Kind::Read, path};
  if (bytes) {
    o.value = sha256_hex(*bytes);
    o.size = static_cast<long long>(bytes->size());
    o.modified = modified.value_or(-1);
  }
  note(std::move(o));
  return bytes;
}

std::vector<std::string> RecordingEnv::list(const std::string& dir) const {
  auto names = inner_.list(dir);
  note({Observation::Kind::List, dir, list_hash(names)});
  return names;
}

Date RecordingEnv::today() const {
  Date d = inner_.today();
  note({Observation::Kind::Today, "", iso_date(d)});
  return d;
}

bool still_holds(const Env& env, const Observation& o, Observation* refreshed) {
  switch (o.kind) {
    case Observation::Kind::Type:
      return kind_name(env.kind(o.path)) == o.value;
    case Observation::Kind::Size: {
      auto n = env.size(o.path);
      return (n ? static_cast<long long>(*n) : -1) == o.size;
    }
    case Observation::Kind::List:
      return list_hash(env.list(o.path)) == o.value;
    case Observation::Kind::Today:
      return iso_date(env.today()) == o.value;
    case Observation::Kind::Read: {
      if (o.value.empty()) return env.kind(o.path) != Env::Kind::File;  // was unreadable
      auto size = env.size(o.path);
      if (!size || static_cast<long long>(*size) != o.size) return false;
      auto modified = env.modified_ns(o.path);
      if (modified && o.modified >= 0 && *modified == o.modified) return true;
      auto bytes = env.read(o.path);
      if (!bytes || sha256_hex(*bytes) != o.value) return false;
      if (refreshed) {
        *refreshed = o;
        refreshed->modified = modified.value_or(-1);
      }
      return true;
    }
  }
  return false;
}

}  // namespace tillit::build
