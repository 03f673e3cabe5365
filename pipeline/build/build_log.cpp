// The build log's JSON form, written and read side by side. Reading is all or nothing: the
// first thing out of place discards the whole log with one warning that says where.
#include "build/build_log.h"

#include <charconv>

#include "history/json.h"

namespace tillit::build {

namespace json = history::json;
using json::Value;

namespace {

constexpr const char* kFormat = "tillit-build-log";

constexpr std::pair<Observation::Kind, const char*> kObservationKinds[] = {
    {Observation::Kind::Read, "read"},
    {Observation::Kind::Type, "type"},
    {Observation::Kind::Size, "size"},
    {Observation::Kind::List, "list"},
    {Observation::Kind::Today, "today"}};

constexpr std::pair<Severity, const char*> kSeverities[] = {
    {Severity::Note, "note"}, {Severity::Warning, "warning"}, {Severity::Error, "error"}};

// ---- writing ----------------------------------------------------------------------------

Value observation_json(const Observation& o) {
  Value v = json::object();
  for (const auto& [kind, name] : kObservationKinds) {
    if (kind == o.kind) v.add("kind", json::string(name));
  }
  v.add("path", json::string(o.path));
  v.add("value", json::string(o.value));
  v.add("size", json::number(o.size));
  v.add("modified", json::number(o.modified));
  return v;
}

Value diagnostic_json(const Diagnostic& d) {
  Value v = json::object();
  for (const auto& [severity, name] : kSeverities) {
    if (severity == d.severity) v.add("severity", json::string(name));
  }
  v.add("rule", json::string(d.rule));
  v.add("file", json::string(d.where.file));
  v.add("sheet", json::string(d.where.sheet));
  v.add("line", json::number(d.where.line));
  v.add("column", json::number(d.where.column));
  v.add("message", json::string(d.message));
  Value& notes = v.add("notes", json::array());
  for (const auto& n : d.notes) notes.push(diagnostic_json(n));
  return v;
}

// ---- reading ----------------------------------------------------------------------------

/// Thrown at the first thing out of place; caught once, in read_log.
struct Bad {
  int line, column;
  std::string message;
};

[[noreturn]] void bad(const Value& at, std::string message) {
  throw Bad{at.line, at.column, std::move(message)};
}

const Value& member(const Value& obj, std::string_view key, Value::Kind kind) {
  if (obj.kind != Value::Kind::Object) bad(obj, "expected an object");
  const Value* v = obj.find(key);
  if (!v) bad(obj, "missing \"" + std::string(key) + "\"");
  if (v->kind != kind) bad(*v, "\"" + std::string(key) + "\" has the wrong type");
  return *v;
}

std::string text(const Value& obj, std::string_view key) {
  return member(obj, key, Value::Kind::String).text;
}

long long integer(const Value& obj, std::string_view key) {
  const Value& v = member(obj, key, Value::Kind::Number);
  long long n = 0;
  auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
  if (ec != std::errc() || end != v.text.data() + v.text.size()) bad(v, "not an integer");
  return n;
}

const std::vector<Value>& items(const Value& obj, std::string_view key) {
  return member(obj, key, Value::Kind::Array).items;
}

Observation read_observation(const Value& v) {
  Observation o;
  std::string kind = text(v, "kind");
  bool known = false;
  for (const auto& [k, name] : kObservationKinds) {
    if (kind == name) o.kind = k, known = true;
  }
  if (!known) bad(v, "unknown observation kind '" + kind + "'");
  o.path = text(v, "path");
  o.value = text(v, "value");
  o.size = integer(v, "size");
  o.modified = integer(v, "modified");
  return o;
}

Diagnostic read_diagnostic(const Value& v) {
  Diagnostic d;
  std::string severity = text(v, "severity");
  bool known = false;
  for (const auto& [s, name] : kSeverities) {
    if (severity == name) d.severity = s, known = true;
  }
  if (!known) bad(v, "unknown severity '" + severity + "'");
  d.rule = text(v, "rule");
  d.where.file = text(v, "file");
  d.where.sheet = text(v, "sheet");
  d.where.line = static_cast<int>(integer(v, "line"));
  d.where.column = static_cast<int>(integer(v, "column"));
  d.message = text(v, "message");
  for (const auto& n : items(v, "notes")) d.notes.push_back(read_diagnostic(n));
  return d;
}

BuildLog read_root(const Value& root) {
  if (root.kind != Value::Kind::Object || !root.find("format") ||
      root.find("format")->text != kFormat) {
    bad(root, "not a Tillit build log");
  }
  if (integer(root, "version") != kLogVersion) {
    bad(*root.find("version"), "build log version " + root.find("version")->text +
                                   "; this tillit writes version " + std::to_string(kLogVersion));
  }
  BuildLog log;
  log.tool = text(root, "tool");
  log.options = text(root, "options");
  log.complete = member(root, "complete", Value::Kind::Bool).flag;
  for (const auto& v : items(root, "observations")) log.observations.push_back(read_observation(v));
  for (const auto& v : items(root, "products")) {
    if (v.kind != Value::Kind::String) bad(v, "expected a path");
    log.products.push_back(v.text);
  }
  for (const auto& v : items(root, "diagnostics")) log.diagnostics.push_back(read_diagnostic(v));
  log.summary = text(root, "summary");
  for (const auto& v : items(root, "outputs")) {
    OutputRecord r;
    r.lang = text(v, "lang");
    r.format = text(v, "format");
    for (const auto& [part, hash] : member(v, "made_from", Value::Kind::Object).members) {
      if (hash.kind != Value::Kind::String) bad(hash, "expected a hash");
      r.made_from[part] = hash.text;
    }
    r.hash = text(v, "hash");
    r.size = integer(v, "size");
    r.modified = integer(v, "modified");
    if (!log.outputs.emplace(text(v, "path"), r).second) bad(v, "output listed twice");
  }
  return log;
}

}  // namespace

std::string to_json(const BuildLog& log) {
  Value root = json::object();
  root.add("format", json::string(kFormat));
  root.add("version", json::number(kLogVersion));
  root.add("tool", json::string(log.tool));
  root.add("options", json::string(log.options));
  root.add("complete", json::boolean(log.complete));
  Value& observations = root.add("observations", json::array());
  for (const auto& o : log.observations) observations.push(observation_json(o));
  root.add("products", json::string_array(log.products));
  Value& diagnostics = root.add("diagnostics", json::array());
  for (const auto& d : log.diagnostics) diagnostics.push(diagnostic_json(d));
  root.add("summary", json::string(log.summary));
  Value& outputs = root.add("outputs", json::array());
  for (const auto& [path, r] : log.outputs) {
    Value& v = outputs.push(json::object());
    v.add("path", json::string(path));
    v.add("lang", json::string(r.lang));
    v.add("format", json::string(r.format));
    Value& made_from = v.add("made_from", json::object());
    for (const auto& [part, hash] : r.made_from) made_from.add(part, json::string(hash));
    v.add("hash", json::string(r.hash));
    v.add("size", json::number(r.size));
    v.add("modified", json::number(r.modified));
  }
  return json::write(root);
}

BuildLog read_log(const Env& env, const std::string& path, Diagnostics& diags) {
  if (env.kind(path) == Env::Kind::Missing) return {};
  auto discard = [&](int line, int column, const std::string& why) {
    diags.warning(Location{path, "", line, column}, "build-log-discarded",
                  why + "; the log is ignored and every output is made again");
    return BuildLog{};
  };
  auto bytes = env.read(path);
  if (!bytes) return discard(0, 0, "cannot be read");
  json::ParseError error;
  auto root = json::parse(*bytes, error);
  if (!root) return discard(error.line, error.column, error.message);
  try {
    return read_root(*root);
  } catch (const Bad& b) {
    return discard(b.line, b.column, b.message);
  }
}

bool output_intact(const Env& env, const std::string& path, const OutputRecord& r) {
  // An output is checked as an input a build read is: size and time, else contents.
  return !r.hash.empty() &&
         still_holds(env, Observation{Observation::Kind::Read, path, r.hash, r.size, r.modified},
                     nullptr);
}

}  // namespace tillit::build
