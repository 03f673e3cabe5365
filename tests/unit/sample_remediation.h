// The sample engagement on disk for tests of what changes between issues: a temporary folder,
// the sample copied there reading CSV files, the semicolon CSV Swedish Excel writes, and the
// scripted remediation a consultant would do after issuing v1.
#pragma once

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::testing {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tillit-sample-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()));
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

/// Every diagnostic, formatted as the command line shows them.
inline std::string all_diagnostics(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.all()) out += format_human(d);
  return out;
}

// ---- semicolon CSV as Swedish Excel writes it, for editing the sample ----------------------

using Record = std::vector<std::string>;

inline std::vector<Record> read_csv_records(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<Record> rows;
  Record row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

inline std::string write_csv_records(const std::vector<Record>& rows, bool quote_all,
                                     const std::string& eol) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ';';
      const std::string& f = row[i];
      if (!quote_all && f.find_first_of(";\"\r\n") == std::string::npos) {
        out += f;
        continue;
      }
      out += '"';
      for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += eol;
  }
  return out;
}

inline size_t column_of(const Record& header, const std::string& name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  FAIL("no column " << name);
  return 0;
}

inline std::string read(const Env& env, const std::string& path) {
  auto bytes = env.read(path);
  REQUIRE(bytes);
  return *bytes;
}

inline void write(Env& env, const std::string& path, const std::string& bytes) {
  std::string error;
  REQUIRE(env.write_atomic(path, bytes, &error));
}

inline void replace_once(std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

/// The sample engagement copied under `root`/eng, reading the CSV files of csv/ instead of the
/// workbook, as tests/cli/cli_test.sh's sample-csv-checks-clean case does.
inline std::string copy_sample_as_csv(const std::filesystem::path& root) {
  std::filesystem::path from = std::filesystem::path(TILLIT_SOURCE_DIR) / "samples" / "molnkvarn";
  std::filesystem::path eng = root / "eng";
  std::filesystem::create_directories(eng);
  for (const char* entry : {"engagement.xml", "description", "csv"}) {
    std::filesystem::copy(from / entry, eng / entry, std::filesystem::copy_options::recursive);
  }
  for (const char* name : {"controls.csv", "cuecs.csv", "subservice.csv"}) {
    std::filesystem::copy_file(eng / "csv" / name, eng / name);
  }
  DiskEnv env;
  std::string manifest = read(env, (eng / "engagement.xml").string());
  replace_once(manifest, "<matrix sheet=\"Kontroller\">controls.xlsx</matrix>",
               "<matrix>controls.csv</matrix>");
  replace_once(manifest, "<cuecs sheet=\"Kompletterande kontroller\">controls.xlsx</cuecs>",
               "<cuecs>cuecs.csv</cuecs>");
  replace_once(manifest, "<subservice sheet=\"Underleverantörer\">controls.xlsx</subservice>",
               "<subservice>subservice.csv</subservice>");
  write(env, (eng / "engagement.xml").string(), manifest);
  return eng.string();
}

/// What a consultant does after issuing v1 of the sample copied by copy_sample_as_csv: the
/// deviations of ACC-04 and CHG-04 resolved (results and deviations cleared), control CHG-11
/// added for CC8.1, and "alltid" added to a paragraph of the Swedish services narrative. The
/// matrix is saved again with CRLF line ends.
inline void remediate_sample(Env& env, const std::string& dir) {
  const std::string controls = dir + "/controls.csv";
  const std::string services = dir + "/description/sv/services.md";
  auto records = read_csv_records(read(env, controls));
  const Record header = records[0];
  for (auto& row : records) {
    if (row[0] != "ACC-04" && row[0] != "CHG-04") continue;
    for (const char* column :
         {"Resultat (sv)", "Result (en)", "Avvikelse (sv)", "Deviation (en)"}) {
      row[column_of(header, column)].clear();
    }
  }
  Record added(header.size());
  added[column_of(header, "Kontroll-ID")] = "CHG-11";
  added[column_of(header, "Kriterier")] = "CC8.1";
  added[column_of(header, "Kontrollbeskrivning (sv)")] =
      "Behörigheter till filöverföringsservern tas bort enligt avslutschecklistan.";
  added[column_of(header, "Control description (en)")] =
      "Access to the file transfer server is removed following the offboarding checklist.";
  added[column_of(header, "Kontrollägare (sv)")] = "Plattformschef";
  added[column_of(header, "Control owner (en)")] = "Head of Platform";
  added[column_of(header, "Frekvens")] = "Vid behov";
  added[column_of(header, "Kontrolltyp")] = "Manuell";
  added[column_of(header, "Testprocedur (sv)")] = "Inspekterade ett urval av avslut.";
  added[column_of(header, "Test procedure (en)")] = "Inspected a sample of terminations.";
  records.push_back(added);
  write(env, controls, write_csv_records(records, false, "\r\n"));
  std::string narrative = read(env, services);
  replace_once(narrative, "Alla kunder använder samma version",
               "Alla kunder använder alltid samma version");
  write(env, services, narrative);
}

}  // namespace tillit::testing
