#include "ingest/columns.h"

#include <algorithm>
#include <set>

#include "support/text.h"

namespace tillit::ingest {

namespace {

// How far below the top a header row may stand (title rows, logos, instructions).
constexpr size_t kHeaderSearchRows = 30;

const std::map<std::string, std::string>& language_tokens() {
  static const std::map<std::string, std::string> tokens = {
      {"sv", "sv"},       {"se", "sv"},        {"svse", "sv"},      {"svenska", "sv"},
      {"swedish", "sv"},  {"sve", "sv"},       {"en", "en"},        {"eng", "en"},
      {"enus", "en"},     {"engb", "en"},      {"english", "en"},   {"engelska", "en"},
  };
  return tokens;
}

std::string language_of(std::string_view token) {
  auto it = language_tokens().find(alnum_key(token));
  return it == language_tokens().end() ? std::string() : it->second;
}

/// Keys of each field's headers, built once per spec list.
struct Matcher {
  std::map<std::string, size_t> key_to_spec;
  explicit Matcher(const std::vector<FieldSpec>& specs) {
    for (size_t i = 0; i < specs.size(); ++i) {
      for (auto& h : specs[i].headers) key_to_spec.emplace(alnum_key(h), i);
    }
  }
  std::optional<size_t> match(std::string_view base) const {
    auto it = key_to_spec.find(alnum_key(base));
    if (it == key_to_spec.end()) return std::nullopt;
    return it->second;
  }
};

struct Candidate {
  size_t row = 0;
  std::set<size_t> fields;
};

}  // namespace

std::pair<std::string, std::string> split_language_suffix(std::string_view header) {
  std::string h = trim(header);
  // "(sv)", "[en]", "{sv}"
  if (!h.empty() && (h.back() == ')' || h.back() == ']' || h.back() == '}')) {
    char open = h.back() == ')' ? '(' : h.back() == ']' ? '[' : '{';
    auto pos = h.rfind(open);
    if (pos != std::string::npos) {
      std::string lang = language_of(h.substr(pos + 1, h.size() - pos - 2));
      if (!lang.empty()) return {trim(h.substr(0, pos)), lang};
    }
  }
  // "Beskrivning - SV", "Description_EN", "Beskrivning svenska", "Description/en"
  auto pos = h.find_last_of(" -_/:");
  if (pos != std::string::npos && pos > 0) {
    std::string lang = language_of(h.substr(pos + 1));
    if (!lang.empty()) {
      std::string base = h.substr(0, pos);
      while (!base.empty() && std::string_view(" -_/:").find(base.back()) != std::string::npos) {
        base.pop_back();
      }
      if (!base.empty()) return {trim(base), lang};
    }
  }
  return {h, ""};
}

std::optional<ColumnMap> map_columns(const Table& table, const std::vector<FieldSpec>& specs,
                                     const std::string& default_lang, Diagnostics& diags,
                                     const std::string& what) {
  Matcher matcher(specs);
  std::optional<Candidate> best;
  std::optional<size_t> chosen;
  size_t limit = std::min(table.rows.size(), kHeaderSearchRows);
  for (size_t r = 0; r < limit && !chosen; ++r) {
    Candidate cand{r, {}};
    for (auto& cell : table.rows[r].cells) {
      if (cell.kind != CellKind::Text) continue;
      auto [base, lang] = split_language_suffix(cell.text);
      if (auto spec = matcher.match(base)) cand.fields.insert(*spec);
    }
    bool all_required = true;
    for (size_t i = 0; i < specs.size(); ++i) {
      if (specs[i].required && !cand.fields.count(i)) all_required = false;
    }
    if (all_required && !cand.fields.empty()) chosen = r;
    if (!best || cand.fields.size() > best->fields.size()) best = cand;
  }

  auto required_names = [&](auto pred) {
    std::string names;
    for (size_t i = 0; i < specs.size(); ++i) {
      if (specs[i].required && pred(i)) names += (names.empty() ? "'" : ", '") + specs[i].shown + "'";
    }
    return names;
  };

  Location sheet_start{table.file, table.sheet, 0, 0};
  if (!chosen) {
    if (!best || best->fields.size() < 2) {
      diags.error(sheet_start, "missing-column",
                  "no header row found in the " + what + "; expected columns " +
                      required_names([](size_t) { return true; }),
                  ExitCode::Findings);
      return std::nullopt;
    }
    const Row& row = table.rows[best->row];
    for (size_t i = 0; i < specs.size(); ++i) {
      if (specs[i].required && !best->fields.count(i)) {
        diags.error(table.at(row), "missing-column",
                    "missing required column '" + specs[i].shown + "' in the " + what +
                        " header row",
                    ExitCode::Findings);
      }
    }
    return std::nullopt;
  }

  ColumnMap map;
  map.header_row = *chosen;
  const Row& row = table.rows[*chosen];
  for (size_t c = 0; c < row.cells.size(); ++c) {
    const Cell& cell = row.cells[c];
    if (cell.kind != CellKind::Text) continue;
    auto [base, lang] = split_language_suffix(cell.text);
    auto spec_index = matcher.match(base);
    if (!spec_index) continue;
    const FieldSpec& spec = specs[*spec_index];
    std::string key = spec.per_language ? (lang.empty() ? default_lang : lang) : "";
    auto& slots = map.columns[spec.field];
    if (slots.count(key)) {
      const Cell& first = row.cells[slots[key]];
      auto& d = diags.warning(table.at(cell), "duplicate-column",
                              "second '" + spec.shown + "' column" +
                                  (key.empty() ? std::string() : " for language '" + key + "'") +
                                  "; the first one is used");
      d.notes.push_back(
          Diagnostic{Severity::Note, "", table.at(first), "first column here", ExitCode::Ok, {}});
      continue;
    }
    slots[key] = c;
  }
  return map;
}

const std::vector<FieldSpec>& control_fields() {
  static const std::vector<FieldSpec> specs = {
      {"id", "Control ID",
       {"Control ID", "ID", "Ref", "Reference", "Control ref", "Control reference", "Control no",
        "Control number", "Control #", "Kontroll-ID", "Kontrollnummer", "Kontrollnr",
        "Kontrollreferens", "Referens"},
       true, false},
      {"criteria", "Criteria",
       {"Criteria", "Criterion", "TSC", "TSC ID", "TSC IDs", "TSC reference", "TSC criteria",
        "Trust Services Criteria", "Trust Services Criterion", "Mapped criteria",
        "SOC 2 criteria", "Criteria reference", "Kriterier", "Kriterium", "TSC-kriterier",
        "Kriteriereferens"},
       true, false},
      {"description", "Control description",
       {"Control description", "Control activity", "Description", "Control activity description",
        "Control activities", "Kontrollbeskrivning", "Kontrollaktivitet", "Beskrivning",
        "Beskrivning av kontroll", "Kontrollaktiviteter"},
       true, true},
      {"title", "Control title",
       {"Control title", "Control name", "Title", "Name", "Kontrollnamn", "Rubrik",
        "Benämning", "Namn"},
       false, true},
      {"owner", "Owner",
       {"Owner", "Control owner", "Responsible", "Process owner", "Ägare", "Kontrollägare",
        "Ansvarig", "Processägare"},
       false, true},
      {"frequency", "Frequency",
       {"Frequency", "Control frequency", "Frekvens", "Periodicitet", "Kontrollfrekvens"},
       false, true},
      {"control_type", "Control type",
       {"Control type", "Type", "Nature", "Control nature", "Manual/Automated",
        "Kontrolltyp", "Typ", "Manuell/automatiserad"},
       false, true},
      {"test_procedure", "Test procedure",
       {"Test procedure", "Test procedures", "Tests of controls", "Test of controls",
        "Tests performed", "Test performed", "Testing procedure", "Audit procedure",
        "Testprocedur", "Testprocedurer", "Granskningsåtgärd", "Granskningsåtgärder",
        "Utförd granskning", "Testbeskrivning"},
       false, true},
      {"result", "Result",
       {"Result", "Results", "Test result", "Test results", "Results of tests",
        "Result of test", "Results of testing", "Resultat", "Testresultat", "Utfall",
        "Resultat av granskning"},
       false, true},
      {"deviation", "Deviation",
       {"Deviation", "Deviations", "Exception", "Exceptions", "Exceptions noted",
        "Deviation description", "Avvikelse", "Avvikelser", "Noterade avvikelser"},
       false, true},
      {"management_response", "Management response",
       {"Management response", "Management's response", "Management comment",
        "Management comments", "Ledningens kommentar", "Ledningens svar",
        "Ledningens kommentarer", "Ledningens åtgärder"},
       false, true},
      {"sample_size", "Sample size",
       {"Sample size", "Sample", "Samples", "Number of samples", "Urvalsstorlek", "Urval",
        "Antal i urval", "Stickprov"},
       false, false},
      {"population", "Population",
       {"Population", "Population size", "Populationsstorlek", "Antal i population"},
       false, false},
  };
  return specs;
}

const std::vector<FieldSpec>& cuec_fields() {
  static const std::vector<FieldSpec> specs = {
      {"id", "CUEC ID",
       {"CUEC ID", "CUEC", "ID", "Ref", "Reference", "Control ID", "CUEC-ID", "Kontroll-ID",
        "Referens", "Nummer"},
       true, false},
      {"criteria", "Criteria",
       {"Criteria", "Criterion", "TSC", "Trust Services Criteria", "Mapped criteria",
        "Related criteria", "Kriterier", "Kriterium", "Berörda kriterier"},
       true, false},
      {"description", "Description",
       {"Description", "Control", "CUEC description", "Complementary user entity control",
        "Complementary user entity controls", "User entity control", "Control description",
        "Beskrivning", "Kontroll", "Kompletterande kontroll", "Kontrollbeskrivning",
        "Kompletterande kontroller hos användarföretag"},
       true, true},
  };
  return specs;
}

const std::vector<FieldSpec>& subservice_fields() {
  static const std::vector<FieldSpec> specs = {
      {"name", "Subservice organization",
       {"Subservice organization", "Subservice organisation", "Subservice organizations",
        "Subservice organisations", "Subservice", "Vendor", "Name", "Organization",
        "Organisation", "Underleverantör", "Underleverantörer", "Leverantör", "Namn"},
       true, false},
      {"method", "Method",
       {"Method", "Carve-out/Inclusive", "Carve-out or inclusive", "Inclusion method",
        "Presentation method", "Metod", "Redovisningsmetod"},
       false, false},
      {"service", "Service",
       {"Service", "Services", "Services provided", "Nature of service", "Service provided",
        "Tjänst", "Tjänster", "Tjänst som tillhandahålls"},
       false, true},
      {"csoc_id", "CSOC ID", {"CSOC ID", "CSOC", "CSOC-ID", "Control ID", "ID", "Ref",
                              "Kontroll-ID", "Referens"},
       false, false},
      {"criteria", "Criteria",
       {"Criteria", "Criterion", "TSC", "Trust Services Criteria", "Mapped criteria",
        "Related criteria", "Kriterier", "Kriterium", "Berörda kriterier"},
       false, false},
      {"description", "Complementary control",
       {"Complementary control", "Complementary subservice organization control",
        "Complementary subservice organisation control", "CSOC description", "Control",
        "Description", "Control description", "Kompletterande kontroll", "Kontroll",
        "Beskrivning", "Kontrollbeskrivning", "Kompletterande kontroll hos underleverantör"},
       false, true},
  };
  return specs;
}

const std::vector<std::string>& control_sheet_names() {
  static const std::vector<std::string> names = {
      "Controls", "Control matrix", "Controls matrix", "Matrix", "Control activities",
      "Kontroller", "Kontrollmatris", "Matris", "Kontrollaktiviteter"};
  return names;
}

const std::vector<std::string>& cuec_sheet_names() {
  static const std::vector<std::string> names = {
      "CUECs", "CUEC", "Complementary user entity controls", "User entity controls",
      "Kompletterande kontroller", "Kompletterande kontroller hos användarföretag",
      "Användarkontroller"};
  return names;
}

const std::vector<std::string>& subservice_sheet_names() {
  static const std::vector<std::string> names = {
      "Subservice organizations", "Subservice organisations", "Subservice", "Subservice orgs",
      "CSOCs", "Underleverantörer", "Underleverantör"};
  return names;
}

}  // namespace tillit::ingest
