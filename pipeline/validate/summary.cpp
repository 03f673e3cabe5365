// The check summary: what a consultant reads after the diagnostics.
#include <cstdio>

#include "support/text.h"
#include "validate/validate.h"

namespace tillit::validate {

namespace {

std::string pad(std::string s, size_t width) {
  size_t len = utf8_length(s);
  if (len < width) s.append(width - len, ' ');
  return s;
}

std::string plural(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string format_summary(const Summary& s, const Diagnostics& diags) {
  std::string out;
  std::string head = s.organisation.empty() ? "(no organisation)" : s.organisation;
  if (!s.system_name.empty()) head += " - " + s.system_name;
  out += head + "\n";
  out += "  Report:        SOC 2 " +
         (s.report_type ? "Type " + std::to_string(s.report_type) : std::string("(no type)"));
  if (!s.period.empty()) out += ", " + s.period;
  out += "; languages " + (s.languages.empty() ? std::string("(none)") : join(s.languages, ", ")) +
         "\n";
  std::vector<std::string> names;
  for (auto c : s.categories) names.emplace_back(catalogue::category_name_en(c));
  out += "  In scope:      " + join(names, ", ") + " (" +
         plural(s.criteria_in_scope, "criterion", "criteria") + ")\n";
  out += "  Controls:      " + std::to_string(s.controls) + "; " +
         plural(s.deviations, "deviation", "deviations");
  if (s.deviations_without_response) {
    out += " (" + std::to_string(s.deviations_without_response) + " without management response)";
  }
  out += "\n";
  out += "  CUECs:         " + std::to_string(s.cuecs) + "\n";
  out += "  Subservice:    " + plural(s.subservice_orgs, "organisation", "organisations") + ", " +
         plural(s.csocs, "CSOC", "CSOCs") + "\n";
  out += "  Narratives:    " + std::to_string(s.narratives) + "\n";
  out += "  Coverage:\n";
  for (const auto& c : s.coverage) {
    char line[160];
    int applicable = c.in_scope - c.not_applicable;
    std::snprintf(line, sizeof line, "    %s %2d/%-2d criteria covered", 
                  pad(std::string(catalogue::category_name_en(c.category)), 21).c_str(),
                  c.covered, applicable);
    out += line;
    if (c.not_applicable) out += ", " + std::to_string(c.not_applicable) + " not applicable";
    out += "\n";
  }
  out += "  Gaps:          " +
         (s.gaps.empty() ? std::string("none") : std::to_string(s.gaps.size()) + " (" +
                                                     join(s.gaps, ", ") + ")") +
         "\n";
  out += "  Translations:  " +
         (s.missing_translations ? std::to_string(s.missing_translations) + " missing"
                                 : std::string("complete")) +
         "\n";
  out += plural(diags.error_count(), "error", "errors") + ", " +
         plural(diags.warning_count(), "warning", "warnings") + "\n";
  return out;
}

std::string summary_json(const Summary& s) {
  auto str = [](const std::string& v) { return "\"" + json_escape(v) + "\""; };
  std::string out = "{";
  out += "\"organisation\":" + str(s.organisation);
  out += ",\"system\":" + str(s.system_name);
  out += ",\"report_type\":" + std::to_string(s.report_type);
  out += ",\"period\":" + str(s.period);
  out += ",\"languages\":[";
  for (size_t i = 0; i < s.languages.size(); ++i) out += (i ? "," : "") + str(s.languages[i]);
  out += "],\"criteria_in_scope\":" + std::to_string(s.criteria_in_scope);
  out += ",\"coverage\":[";
  for (size_t i = 0; i < s.coverage.size(); ++i) {
    const auto& c = s.coverage[i];
    out += std::string(i ? "," : "") + "{\"category\":" +
           str(std::string(catalogue::category_key(c.category))) +
           ",\"in_scope\":" + std::to_string(c.in_scope) +
           ",\"covered\":" + std::to_string(c.covered) +
           ",\"not_applicable\":" + std::to_string(c.not_applicable) + "}";
  }
  out += "],\"gaps\":[";
  for (size_t i = 0; i < s.gaps.size(); ++i) out += (i ? "," : "") + str(s.gaps[i]);
  out += "],\"controls\":" + std::to_string(s.controls);
  out += ",\"deviations\":" + std::to_string(s.deviations);
  out += ",\"deviations_without_response\":" + std::to_string(s.deviations_without_response);
  out += ",\"cuecs\":" + std::to_string(s.cuecs);
  out += ",\"subservice_organisations\":" + std::to_string(s.subservice_orgs);
  out += ",\"csocs\":" + std::to_string(s.csocs);
  out += ",\"narratives\":" + std::to_string(s.narratives);
  out += ",\"missing_translations\":" + std::to_string(s.missing_translations);
  out += "}";
  return out;
}

}  // namespace tillit::validate
