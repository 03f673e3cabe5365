#include "history/json_decoder.h"

#include <charconv>

namespace tillit::history::json {

namespace {

const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Bool:
      return "true or false";
    case Value::Kind::Number:
      return "a number";
    case Value::Kind::String:
      return "a string";
    case Value::Kind::Array:
      return "an array";
    case Value::Kind::Object:
      return "an object";
  }
  return "a value";
}

}  // namespace

void Decoder::fail(const Value& at, const std::string& message) {
  if (failed_) return;
  failed_ = true;
  diags_.error(Location{shown_, "", at.line, at.column}, kind_.corrupt_rule,
               "corrupt " + kind_.what + ": " + message + "; " + kind_.remedy, ExitCode::DataError);
}

std::optional<Value> Decoder::open(std::string_view text) {
  ParseError error;
  auto root = parse(text, error);
  if (!root) {
    Value at;
    at.line = error.line;
    at.column = error.column;
    fail(at, error.message);
    return std::nullopt;
  }
  const Value* format = root->find("format");
  if (root->kind != Value::Kind::Object || !format || format->kind != Value::Kind::String ||
      format->text != kind_.format_name) {
    fail(root->kind == Value::Kind::Object && format ? *format : *root,
         "not an issued report (it should begin with \"format\": \"" + kind_.format_name + "\")");
    return std::nullopt;
  }
  const Value* version = root->find("format_version");
  if (!version || version->kind != Value::Kind::Number ||
      version->text != std::to_string(kind_.format_version)) {
    const Value* tool = root->find("tool_version");
    std::string by = tool && tool->kind == Value::Kind::String ? " by tillit " + tool->text : "";
    std::string which =
        version ? kind_.what + " format " + version->text : "no " + kind_.what + " format";
    const Value& at = version ? *version : *root;
    failed_ = true;
    diags_.error(Location{shown_, "", at.line, at.column}, kind_.format_rule,
                 "written in " + which + by + "; this tillit reads format " +
                     std::to_string(kind_.format_version) + " only",
                 ExitCode::DataError);
    return std::nullopt;
  }
  return root;
}

const Value* Decoder::member(const Value& obj, std::string_view key, Value::Kind kind,
                             bool required) {
  if (failed_) return nullptr;
  const Value* v = obj.find(key);
  if (!v) {
    if (required) fail(obj, "missing member '" + std::string(key) + "'");
    return nullptr;
  }
  if (v->kind != kind) {
    fail(*v, "'" + std::string(key) + "' should be " + kind_name(kind));
    return nullptr;
  }
  return v;
}

std::string Decoder::text(const Value& obj, std::string_view key) {
  const Value* v = member(obj, key, Value::Kind::String);
  return v ? v->text : std::string();
}

int Decoder::integer(const Value& obj, std::string_view key) {
  const Value* v = member(obj, key, Value::Kind::Number);
  if (!v) return 0;
  int n = 0;
  auto [end, ec] = std::from_chars(v->text.data(), v->text.data() + v->text.size(), n);
  if (ec != std::errc() || end != v->text.data() + v->text.size()) {
    fail(*v, "'" + std::string(key) + "' should be a whole number");
  }
  return n;
}

double Decoder::real(const Value& obj, std::string_view key) {
  const Value* v = member(obj, key, Value::Kind::Number);
  return v ? real_value(*v, "'" + std::string(key) + "'") : 0;
}

double Decoder::real_value(const Value& v, const std::string& what) {
  double x = 0;
  auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), x);
  if (v.kind != Value::Kind::Number || ec != std::errc() || end != v.text.data() + v.text.size()) {
    fail(v, what + " should be a number");
  }
  return x;
}

bool Decoder::flag(const Value& obj, std::string_view key) {
  const Value* v = member(obj, key, Value::Kind::Bool);
  return v && v->flag;
}

std::vector<const Value*> Decoder::items(const Value& obj, std::string_view key, Value::Kind kind) {
  std::vector<const Value*> out;
  const Value* v = member(obj, key, Value::Kind::Array);
  if (!v) return out;
  for (const auto& item : v->items) {
    if (item.kind != kind) {
      fail(item, "the elements of '" + std::string(key) + "' should be " + kind_name(kind));
      return {};
    }
    out.push_back(&item);
  }
  return out;
}

std::vector<std::string> Decoder::strings(const Value& obj, std::string_view key) {
  std::vector<std::string> out;
  for (const Value* v : items(obj, key, Value::Kind::String)) out.push_back(v->text);
  return out;
}

}  // namespace tillit::history::json
