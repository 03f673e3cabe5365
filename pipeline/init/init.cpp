#include "init/init.h"

#include <cstdio>

#include "catalogue/topic_text.h"
#include "ingest/engagement_loader.h"
#include "ingest/topics.h"
#include "init/xlsx_writer.h"
#include "support/text.h"

namespace tillit::init {

namespace {

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return strip_xml_forbidden(out);
}

std::string base_name(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  auto slash = p.find_last_of('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

/// A header with its language suffix: "Kontrollbeskrivning (sv)".
struct HeaderPair {
  const char* en;
  const char* sv;
  bool per_language;
  bool type2_only;
};

constexpr HeaderPair kMatrixHeaders[] = {
    {"Control ID", "Kontroll-ID", false, false},
    {"Criteria", "Kriterier", false, false},
    {"Control description", "Kontrollbeskrivning", true, false},
    {"Control owner", "Kontrollägare", true, false},
    {"Frequency", "Frekvens", false, false},
    {"Control type", "Kontrolltyp", false, false},
    {"Test procedure", "Testprocedur", true, true},
    {"Population", "Population", false, true},
    {"Sample size", "Urvalsstorlek", false, true},
    {"Result", "Resultat", true, true},
    {"Deviation", "Avvikelse", true, true},
    {"Management response", "Ledningens kommentar", true, true},
};

std::vector<std::string> headers_for(const HeaderPair* begin, const HeaderPair* end,
                                     const std::vector<std::string>& languages, int type) {
  bool swedish = !languages.empty() && languages.front() == "sv";
  std::vector<std::string> out;
  for (auto* h = begin; h != end; ++h) {
    if (h->type2_only && type != 2) continue;
    std::string base = swedish ? h->sv : h->en;
    if (!h->per_language) {
      out.push_back(base);
      continue;
    }
    for (const auto& lang : languages) out.push_back(base + " (" + lang + ")");
  }
  return out;
}

std::string manifest_text(const InitOptions& o, const std::string& organisation,
                          const std::string& matrix_rel, bool own_workbook, const Date& today) {
  using namespace std::chrono;
  // A Type 2 period of the six whole months before this one; a Type 1 date at the end of
  // last month. Both are starting points the consultant replaces.
  year_month this_month{today.year(), today.month()};
  year_month last_month = this_month - months{1};
  Date end{year_month_day_last{last_month.year(), month_day_last{last_month.month()}}};
  year_month first = this_month - months{6};
  Date start{first.year(), first.month(), day{1}};

  std::string langs, cats;
  for (const auto& l : o.languages) langs += (langs.empty() ? "" : " ") + l;
  for (auto c : o.categories) cats += (cats.empty() ? "" : " ") + std::string(catalogue::category_key(c));

  std::string x;
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<!-- Tillit engagement manifest. Edit the values, then run: tillit check <folder>\n";
  x += "     The format is described in docs/engagement-format.md. -->\n";
  x += "<engagement version=\"1\">\n";
  x += "  <!-- The service organisation: its legal name as it appears in the report. -->\n";
  x += "  <organisation>\n    <name>" + xml_escape(organisation) + "</name>\n  </organisation>\n\n";
  x += "  <!-- The system the report describes, named in each report language. -->\n";
  x += "  <system>\n";
  for (const auto& l : o.languages) {
    x += "    <name lang=\"" + l + "\">" + xml_escape(organisation) + "</name>\n";
  }
  x += "  </system>\n\n";
  x += "  <!-- type 1: design as of a date; type 2: design and operating effectiveness over a\n";
  x += "       period (normally at least six months). status draft adds a DRAFT watermark. -->\n";
  x += "  <report type=\"" + std::to_string(o.type) + "\" status=\"draft\">\n";
  if (o.type == 2) {
    x += "    <period start=\"" + iso_date(start) + "\" end=\"" + iso_date(end) + "\"/>\n";
  } else {
    x += "    <as-of date=\"" + iso_date(end) + "\"/>\n";
  }
  x += "    <!-- Report languages; the first is the language of matrix columns without a\n";
  x += "         (sv)/(en) suffix. -->\n";
  x += "    <languages>" + langs + "</languages>\n";
  x += "    <!-- security, availability, processing-integrity, confidentiality, privacy.\n";
  x += "         Security (the common criteria) is always in scope. -->\n";
  x += "    <categories>" + cats + "</categories>\n";
  x += "    <!-- A branded Word template (.docx or .dotx) may replace the built-in one:\n";
  x += "    <template>branding/firm.dotx</template> -->\n";
  x += "  </report>\n\n";
  x += "  <!-- The service auditor: firm, city and the date of the auditor's report. -->\n";
  x += "  <auditor>\n    <firm></firm>\n    <city></city>\n";
  x += "    <report-date>" + iso_date(today) + "</report-date>\n  </auditor>\n\n";
  x += "  <!-- Who signs management's assertion, with the title in each language:\n";
  x += "  <management>\n    <signer>Name Surname</signer>\n";
  for (const auto& l : o.languages) x += "    <title lang=\"" + l + "\">...</title>\n";
  x += "  </management> -->\n\n";
  x += "  <!-- unmodified, or qualified / adverse / disclaimer with a basis per language:\n";
  x += "  <opinion kind=\"qualified\"><basis lang=\"sv\">...</basis></opinion> -->\n";
  x += "  <opinion kind=\"unmodified\"/>\n\n";
  x += "  <!-- Where the inputs are, relative to this folder. -->\n";
  x += "  <inputs>\n";
  x += "    <matrix>" + xml_escape(matrix_rel) + "</matrix>\n";
  if (own_workbook) {
    bool sv = o.languages.front() == "sv";
    x += std::string("    <cuecs sheet=\"") + (sv ? "Kompletterande kontroller" : "CUECs") +
         "\">" + xml_escape(matrix_rel) + "</cuecs>\n";
    x += std::string("    <subservice sheet=\"") +
         (sv ? "Underleverantörer" : "Subservice organizations") + "\">" +
         xml_escape(matrix_rel) + "</subservice>\n";
  }
  x += "    <description>description</description>\n";
  x += "    <!-- Management's assertion written by hand instead of the built-in text:\n";
  x += "    <assertion lang=\"sv\">assertion/sv.md</assertion> -->\n";
  x += "  </inputs>\n\n";
  x += "  <!-- Criteria that are not relevant to the system (DC8), each with its reason:\n";
  x += "  <not-applicable criterion=\"P3.2\">\n";
  for (const auto& l : o.languages) x += "    <reason lang=\"" + l + "\">...</reason>\n";
  x += "  </not-applicable> -->\n";
  x += "</engagement>\n";
  return x;
}

std::string stub_text(const catalogue::TopicText& t, const std::string& lang) {
  std::string s(ingest::kStubMarker);
  s += ": replace this file with the narrative -->\n\n";
  s += t.guidance(lang) + "\n";
  return s;
}

std::vector<SheetSpec> starter_workbook(const std::vector<std::string>& languages, int type) {
  bool sv = !languages.empty() && languages.front() == "sv";
  std::vector<SheetSpec> sheets;
  SheetSpec controls;
  controls.name = sv ? "Kontroller" : "Controls";
  controls.rows.push_back(matrix_headers(languages, type));
  for (auto& h : controls.rows[0]) {
    bool wide = h.find('(') != std::string::npos;
    controls.column_widths.push_back(wide ? 48 : 16);
  }
  sheets.push_back(controls);

  SheetSpec cuecs;
  cuecs.name = sv ? "Kompletterande kontroller" : "CUECs";
  cuecs.rows.push_back({sv ? "CUEC-ID" : "CUEC ID", sv ? "Kriterier" : "Criteria"});
  for (const auto& l : languages) cuecs.rows[0].push_back((sv ? "Beskrivning (" : "Description (") + l + ")");
  cuecs.column_widths = {14, 16, 60, 60};
  sheets.push_back(cuecs);

  SheetSpec sub;
  sub.name = sv ? "Underleverantörer" : "Subservice organizations";
  sub.rows.push_back({sv ? "Underleverantör" : "Subservice organization", sv ? "Metod" : "Method"});
  for (const auto& l : languages) sub.rows[0].push_back((sv ? "Tjänst (" : "Service (") + l + ")");
  sub.rows[0].push_back(sv ? "CSOC-ID" : "CSOC ID");
  sub.rows[0].push_back(sv ? "Kriterier" : "Criteria");
  for (const auto& l : languages) {
    sub.rows[0].push_back((sv ? "Kompletterande kontroll (" : "Complementary control (") + l + ")");
  }
  sub.column_widths = {28, 14, 40, 40, 12, 16, 60, 60};
  sheets.push_back(sub);
  return sheets;
}

}  // namespace

std::vector<std::string> matrix_headers(const std::vector<std::string>& languages, int type) {
  return headers_for(std::begin(kMatrixHeaders), std::end(kMatrixHeaders), languages, type);
}

std::vector<std::string> create_engagement(Env& env, const InitOptions& o, Diagnostics& diags) {
  std::vector<std::string> written;
  std::string manifest_path = join_path(o.dir, "engagement.xml");
  if (env.kind(o.dir) == Env::Kind::File) {
    diags.error(Location{o.dir}, "init-exists", "is a file; give a folder to create",
                ExitCode::CantCreate);
    return written;
  }
  if (env.kind(manifest_path) != Env::Kind::Missing) {
    diags.error(Location{manifest_path}, "init-exists",
                "already exists; tillit init does not overwrite an engagement",
                ExitCode::CantCreate);
    return written;
  }

  std::string matrix_rel = "controls.xlsx";
  std::string matrix_bytes;
  bool own_workbook = o.matrix_source.empty();
  if (own_workbook) {
    matrix_bytes = write_xlsx(starter_workbook(o.languages, o.type));
  } else {
    auto bytes = read_input(env, o.matrix_source, o.matrix_source, kMaxInputBytes, diags);
    if (!bytes) return written;
    matrix_rel = base_name(o.matrix_source);
    if (matrix_rel == "engagement.xml" || matrix_rel.empty()) matrix_rel = "controls.xlsx";
    matrix_bytes = std::move(*bytes);
  }

  std::string organisation = o.organisation.empty() ? base_name(o.dir) : o.organisation;
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back(matrix_rel, std::move(matrix_bytes));
  for (const auto& lang : o.languages) {
    for (const auto& topic : ingest::topics()) {
      bool required = topic.required && (!topic.type2_only || o.type == 2);
      if (!required) continue;
      const auto* text = catalogue::topic_text(topic.id);
      if (!text) continue;
      files.emplace_back("description/" + lang + "/" + std::string(topic.id) + ".md",
                         stub_text(*text, lang));
    }
  }
  // The manifest last: a folder without it is not yet an engagement, so an interrupted
  // init can simply be run again.
  files.emplace_back("engagement.xml",
                     manifest_text(o, organisation, matrix_rel, own_workbook, env.today()));

  for (const auto& [rel, bytes] : files) {
    std::string path = join_path(o.dir, rel);
    std::string dir = path.substr(0, path.find_last_of('/'));
    std::string error;
    if ((dir != path && !env.make_dirs(dir, &error)) || !env.write_atomic(path, bytes, &error)) {
      diags.error(Location{path}, "cannot-write", error, ExitCode::CantCreate);
      return written;
    }
    written.push_back(rel);
  }
  return written;
}

}  // namespace tillit::init
