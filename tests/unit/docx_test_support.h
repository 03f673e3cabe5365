// Helpers for the DOCX writer's tests: unzipping the output, a PNG built in memory, a small
// branded reference, and the "kitchen sink" document that uses every feature of the model.
#pragma once

#include <zip.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "model/document.h"
#include "render/docx/docx_writer.h"

namespace tillit::test {

/// Every entry of a zip archive held in memory: name -> bytes.
inline std::map<std::string, std::string> unzip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!archive) {
    if (source) zip_source_free(source);
    throw std::runtime_error("unzip: not a zip archive");
  }
  std::map<std::string, std::string> entries;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    zip_stat_index(archive, index, 0, &stat);
    std::string data(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    if (!file) throw std::runtime_error("unzip: cannot open an entry");
    zip_fread(file, data.data(), stat.size);
    zip_fclose(file);
    entries.emplace(stat.name, std::move(data));
  }
  zip_close(archive);
  return entries;
}

/// A `width` x `height` RGB PNG: a blue field with a lighter diagonal band. Stored (not
/// compressed) deflate blocks keep the encoder to a few lines.
inline std::string make_png(int width, int height) {
  std::array<uint32_t, 256> table{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  auto crc = [&](const std::string& data) {
    uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
  };
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc(type + data));
  };
  std::string raw;
  for (int y = 0; y < height; ++y) {
    raw += '\0';  // filter: none
    for (int x = 0; x < width; ++x) {
      const bool band = std::abs(x * height - y * width) < width * height / 6;
      raw += static_cast<char>(band ? 0x9D : 0x2F);
      raw += static_cast<char>(band ? 0xC3 : 0x54);
      raw += static_cast<char>(band ? 0xE6 : 0x96);
    }
  }
  std::string z = "\x78\x01";
  for (size_t at = 0; at < raw.size() || at == 0; at += 65535) {
    const size_t n = std::min<size_t>(65535, raw.size() - at);
    z += static_cast<char>(at + n >= raw.size() ? 1 : 0);
    z += static_cast<char>(n & 0xFF);
    z += static_cast<char>(n >> 8);
    z += static_cast<char>(~n & 0xFF);
    z += static_cast<char>((~n >> 8) & 0xFF);
    z += raw.substr(at, n);
  }
  uint32_t a = 1, b = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  z += be32((b << 16) | a);
  std::string ihdr = be32(static_cast<uint32_t>(width)) + be32(static_cast<uint32_t>(height));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) +
         chunk("IEND", "");
}

/// A branded template as a client's Word would save it: Swedish style ids ("Rubrik1" for
/// heading 1), no TOC or table styles, US Letter pages and its own footer. Saved as .dotx.
inline render::docx::ReferenceDoc branded_reference() {
  const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  const std::string r =
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  render::docx::ReferenceDoc ref;
  ref.parts["[Content_Types].xml"] =
      "<?xml version=\"1.0\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
      "PartName=\"/word/document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml\"/></Types>";
  ref.parts["word/styles.xml"] =
      "<?xml version=\"1.0\"?><w:styles " + w +
      "><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
      "w:val=\"Normal\"/><w:rPr><w:rFonts w:ascii=\"Georgia\" w:hAnsi=\"Georgia\"/><w:lang "
      "w:val=\"en-GB\"/></w:rPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"Rubrik1\">"
      "<w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl "
      "w:val=\"0\"/></w:pPr><w:rPr><w:color w:val=\"C00000\"/><w:sz w:val=\"36\"/></w:rPr>"
      "</w:style><w:style w:type=\"paragraph\" w:styleId=\"Sidfot\"><w:name w:val=\"footer\"/>"
      "<w:basedOn w:val=\"Normal\"/></w:style></w:styles>";
  ref.parts["word/document.xml"] =
      "<?xml version=\"1.0\"?><w:document " + w + " " + r +
      "><w:body><w:p/><w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId8\"/>"
      "<w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" "
      "w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>"
      "<w:printerSettings r:id=\"rId9\"/></w:sectPr></w:body></w:document>";
  ref.parts["word/_rels/document.xml.rels"] =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
      "Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "footer\" Target=\"footer1.xml\"/><Relationship Id=\"rId9\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
      "printerSettings\" Target=\"printerSettings/printerSettings1.bin\"/></Relationships>";
  ref.parts["word/footer1.xml"] =
      "<?xml version=\"1.0\"?><w:ftr " + w + " " + r +
      "><w:p><w:pPr><w:pStyle w:val=\"Sidfot\"/></w:pPr><w:r><w:t>Brand &amp; Co "
      "\xE2\x80\x93 {{page_label_before}}</w:t></w:r><w:r><w:fldChar "
      "w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r>"
      "<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>";
  ref.parts["word/settings.xml"] =
      "<?xml version=\"1.0\"?><w:settings " + w + " " + r +
      "><w:attachedTemplate r:id=\"rId1\"/><w:trackRevisions/><w:defaultTabStop "
      "w:val=\"720\"/><w:decimalSymbol w:val=\".\"/></w:settings>";
  return ref;
}

/// Every feature of the model once: cover, TOC, headings 1-4, lists (nested, ordered,
/// restarted), a control table with repeated header rows and spans in a landscape section,
/// key-value and grid tables, an image, links, a footnote, fields, formatting, code, quote,
/// captions, signature lines, text XML forbids.
inline model::Document kitchen_sink(const std::string& language) {
  using namespace model;
  const bool sv = language.rfind("sv", 0) == 0;
  Document doc;
  doc.meta.title = sv ? "Molnkvarn AB – SOC 2 typ 2-rapport" : "Molnkvarn AB – SOC 2 Type 2 report";
  doc.meta.subtitle = sv ? "Beskrivning av systemet" : "Description of the system";
  doc.meta.subject = "SOC 2";
  doc.meta.author = "Revisionsbyrån Ek & Lind AB";
  doc.meta.description = sv ? "Utkast för granskning" : "Draft for review";
  doc.meta.keywords = "SOC 2; Molnkvarn";
  doc.meta.language = language;
  doc.meta.date = "2026-03-31";
  doc.meta.watermark = sv ? "UTKAST" : "DRAFT";
  doc.meta.header_text = doc.meta.title;
  doc.meta.page_label_before = sv ? "Sida " : "Page ";
  doc.meta.page_label_between = sv ? " av " : " of ";
  doc.images["logo"] = ImageData{make_png(96, 48), "image/png", "png", 96, 48};

  auto h = [](int level, std::string text, std::string bookmark = {}) {
    Heading heading;
    heading.level = level;
    heading.content = model::text(std::move(text));
    heading.bookmark = std::move(bookmark);
    return heading;
  };
  auto cell = [](std::string text, ParaRole role = ParaRole::TableText) {
    TableCell c;
    c.content.push_back(para(std::move(text), role));
    return c;
  };

  Blocks& b = doc.blocks;
  b.push_back(para(doc.meta.title, ParaRole::Title));
  b.push_back(para(doc.meta.subtitle, ParaRole::Subtitle));
  b.push_back(Paragraph{{Image{"logo", sv ? "Molnkvarns logotyp" : "Molnkvarn's logo", 4.0, 0}},
                        ParaRole::Body,
                        false});
  b.push_back(
      para(sv ? "Konfidentiellt – endast för Molnkvarn AB" : "Confidential", ParaRole::CoverNote));
  b.push_back(PageBreak{});
  b.push_back(TableOfContents{sv ? "Innehåll" : "Contents", 3});
  b.push_back(PageBreak{});

  b.push_back(
      h(1, sv ? "Avsnitt I – Revisorns rapport" : "Section I – Service auditor's report", "sec-i"));
  Paragraph intro;
  intro.content = {Run{sv ? "Vi har granskat " : "We have examined ", kPlain},
                   Run{"Molnkvarn AB", kBold},
                   Run{sv ? "s beskrivning (se " : "'s description (see ", kPlain},
                   Link{{Run{sv ? "avsnitt IV" : "section IV", kPlain}}, "#sec-iv"},
                   Run{sv ? ") och " : ") and ", kPlain},
                   Link{{Run{"AICPA", kItalic}}, "https://www.aicpa-cima.com/soc 2?x=1&y=2"},
                   Run{".", kPlain}};
  auto note = std::make_shared<Note>();
  note->content.push_back(para(sv ? "Trust Services Criteria (2017, reviderade 2022)."
                                  : "Trust Services Criteria (2017, revised 2022)."));
  intro.content.push_back(note);
  intro.content.push_back(Run{sv ? " Text med \x01otillåtna\x1F tecken\xEF\xBF\xBF."
                                 : " Text with \x01"
                                   "forbidden\x1F characters\xEF\xBF\xBF.",
                              kPlain});
  b.push_back(intro);
  Paragraph styled;
  styled.content = {Run{"fet ", kBold},
                    Run{"kursiv ", kItalic},
                    Run{"kod ", kCode},
                    Run{"struken ", kStrike},
                    Run{"x", kPlain},
                    Run{"2", kSuperscript},
                    Run{" H", kPlain},
                    Run{"2", kSubscript},
                    Run{"O", kPlain},
                    LineBreak{},
                    Run{"  indrag\tflik", kPlain}};
  b.push_back(styled);
  b.push_back(para(sv ? "Citat: kontrollerna var ändamålsenligt utformade."
                      : "Quote: the controls were suitably designed.",
                   ParaRole::Quote));
  b.push_back(para("if (control.passed) { report(); }", ParaRole::Code));
  b.push_back(para("    return 0;", ParaRole::Code));
  b.push_back(h(2, sv ? "Omfattning" : "Scope"));
  List bullets;
  bullets.items.push_back({para(sv ? "Säkerhet" : "Security")});
  List nested;
  nested.ordered = true;
  nested.items.push_back({para(sv ? "Åtkomst" : "Access")});
  nested.items.push_back({para(sv ? "Ändringar" : "Changes")});
  bullets.items.push_back({para(sv ? "Tillgänglighet" : "Availability"), nested,
                           para(sv ? "Fortsatt stycke i punkten." : "A continued paragraph.")});
  b.push_back(bullets);
  List ordered;
  ordered.ordered = true;
  ordered.items.push_back({para(sv ? "Första" : "First")});
  ordered.items.push_back({para(sv ? "Andra" : "Second")});
  b.push_back(ordered);
  b.push_back(ordered);  // restarts at 1
  b.push_back(h(3, sv ? "Underrubrik" : "Subheading"));
  b.push_back(h(4, sv ? "Inlinerubrik" : "Run-in heading"));
  Heading hidden = h(2, sv ? "Ej i innehållsförteckningen" : "Not in the contents");
  hidden.in_toc = false;
  b.push_back(hidden);

  Table facts;
  facts.role = TableRole::KeyValue;
  facts.widths = {1, 2};
  facts.caption = text(sv ? "Tabell 1. Rapportfakta" : "Table 1. Report facts");
  facts.rows.push_back({{cell(sv ? "Organisation" : "Organisation"), cell("Molnkvarn AB")}, true});
  facts.rows.push_back({{cell(sv ? "Period" : "Period"), cell("2026-01-01 – 2026-03-31")}, true});
  b.push_back(facts);
  Table grid;
  grid.widths = {1, 1, 1};
  grid.rows.push_back({{cell("A"), cell("B"), cell("C")}, true});
  b.push_back(grid);
  b.push_back(para(sv ? "Signatur:" : "Signed:", ParaRole::Signature));
  b.push_back(para("Revisionsbyrån Ek & Lind AB", ParaRole::Signature));
  b.push_back(para("Stockholm, 2026-04-15", ParaRole::Signature));

  b.push_back(SectionBreak{Orientation::Landscape});
  b.push_back(h(1, sv ? "Avsnitt IV – Kontroller och tester" : "Section IV – Controls and tests",
                "sec-iv"));
  Table controls;
  controls.role = TableRole::Controls;
  controls.widths = {1.2, 4, 3, 3};
  controls.header_rows = 1;
  controls.caption = text(sv ? "Tabell 2. CC6.1" : "Table 2. CC6.1");
  controls.rows.push_back({{cell(sv ? "Kontroll" : "Control", ParaRole::TableHeader),
                            cell(sv ? "Beskrivning" : "Description", ParaRole::TableHeader),
                            cell(sv ? "Test" : "Test", ParaRole::TableHeader),
                            cell(sv ? "Resultat" : "Result", ParaRole::TableHeader)},
                           true});
  TableCell criterion = cell(sv ? "CC6.1 Logisk åtkomst" : "CC6.1 Logical access");
  criterion.col_span = 4;
  criterion.shaded = true;
  controls.rows.push_back({{criterion}, true});
  for (int i = 1; i <= 40; ++i) {
    TableCell id = cell("ACC-" + std::to_string(i));
    TableRow row{{id,
                  cell(sv ? "Åtkomst granskas kvartalsvis av systemägaren."
                          : "Access is reviewed quarterly by the system owner."),
                  cell(sv ? "Inspekterade ett urval av 25 granskningar." : "Inspected 25 reviews."),
                  cell(sv ? "Inga avvikelser noterade." : "No deviations noted.")},
                 true};
    if (i % 10 == 1) row.cells[2].row_span = 2;  // the next row's test cell is left out
    if (i % 10 == 2) row.cells.erase(row.cells.begin() + 2);
    controls.rows.push_back(row);
  }
  b.push_back(controls);
  b.push_back(SectionBreak{Orientation::Portrait});
  b.push_back(
      h(1, sv ? "Avsnitt V – Övrig information" : "Section V – Other information", "sec-v"));
  Paragraph fields;
  fields.content = {Run{sv ? "Den här sidan är sida " : "This is page ", kPlain},
                    Field{Field::Kind::Page}, Run{sv ? " av " : " of ", kPlain},
                    Field{Field::Kind::NumPages}, Run{".", kPlain}};
  b.push_back(fields);
  return doc;
}

}  // namespace tillit::test
