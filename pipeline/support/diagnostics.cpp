#include "support/diagnostics.h"

#include <algorithm>

#include "support/text.h"

namespace tillit {

namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::string one_line(const Diagnostic& d) {
  std::string line;
  std::string where = d.where.str();
  if (!where.empty()) line = where + ": ";
  line += severity_name(d.severity);
  line += ": " + d.message;
  if (!d.rule.empty()) line += " [" + d.rule + "]";
  return line;
}

void append_json(std::string& out, const Diagnostic& d) {
  out += "{\"severity\":\"" + std::string(severity_name(d.severity)) + "\"";
  out += ",\"rule\":\"" + json_escape(d.rule) + "\"";
  out += ",\"file\":\"" + json_escape(d.where.file) + "\"";
  if (!d.where.sheet.empty()) out += ",\"sheet\":\"" + json_escape(d.where.sheet) + "\"";
  if (d.where.line > 0) out += ",\"line\":" + std::to_string(d.where.line);
  if (d.where.column > 0) out += ",\"column\":" + std::to_string(d.where.column);
  out += ",\"location\":\"" + json_escape(d.where.str()) + "\"";
  out += ",\"message\":\"" + json_escape(d.message) + "\"";
  if (!d.notes.empty()) {
    out += ",\"notes\":[";
    for (size_t i = 0; i < d.notes.size(); ++i) {
      if (i) out += ",";
      append_json(out, d.notes[i]);
    }
    out += "]";
  }
  out += "}";
}

}  // namespace

Diagnostic& Diagnostics::add(Diagnostic d) {
  items_.push_back(std::move(d));
  return items_.back();
}

Diagnostic& Diagnostics::error(const Location& where, std::string rule, std::string message,
                               ExitCode exit) {
  return add(Diagnostic{Severity::Error, std::move(rule), where, std::move(message), exit, {}});
}

Diagnostic& Diagnostics::warning(const Location& where, std::string rule, std::string message) {
  return add(Diagnostic{Severity::Warning, std::move(rule), where, std::move(message),
                        ExitCode::Findings, {}});
}

int Diagnostics::error_count() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(),
                                        [](auto& d) { return d.severity == Severity::Error; }));
}

int Diagnostics::warning_count() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(),
                                        [](auto& d) { return d.severity == Severity::Warning; }));
}

void Diagnostics::promote(const std::string& rule) {
  for (auto& d : items_) {
    if (d.severity == Severity::Warning && d.rule == rule) d.severity = Severity::Error;
  }
}

ExitCode Diagnostics::exit_code() const {
  // The most serious kind of error wins: a bug, then an unwritable output, a missing tool,
  // a missing input, unreadable input, and last the checker's findings.
  static constexpr ExitCode kPriority[] = {ExitCode::Software, ExitCode::CantCreate,
                                           ExitCode::Unavailable, ExitCode::NoInput,
                                           ExitCode::DataError, ExitCode::Usage};
  bool any_error = false;
  for (ExitCode code : kPriority) {
    for (auto& d : items_) {
      if (d.severity != Severity::Error) continue;
      any_error = true;
      if (d.exit == code) return code;
    }
  }
  return any_error ? ExitCode::Findings : ExitCode::Ok;
}

std::string format_human(const Diagnostic& d) {
  std::string text = one_line(d) + "\n";
  for (auto& n : d.notes) text += one_line(n) + "\n";
  return text;
}

std::string format_json(const std::vector<Diagnostic>& ds) {
  std::string out = "[";
  for (size_t i = 0; i < ds.size(); ++i) {
    if (i) out += ",";
    out += "\n  ";
    append_json(out, ds[i]);
  }
  out += ds.empty() ? "]" : "\n]";
  return out;
}

}  // namespace tillit
