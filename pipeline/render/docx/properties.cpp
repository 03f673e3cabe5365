#include "render/docx/properties.h"

#include "render/docx/xml_dom.h"
#include "render/docx/xml_text.h"

namespace tillit::render::docx {

namespace {

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// "2026-03-31" -> "2026-03-31T00:00:00Z"; "2026-03-31T12:00:00Z" as it is; else empty.
std::string w3cdtf(std::string_view date) {
  const bool is_date = date.size() >= 10 && digits(date.substr(0, 4)) && date[4] == '-' &&
                       digits(date.substr(5, 2)) && date[7] == '-' && digits(date.substr(8, 2));
  if (!is_date) return {};
  if (date.size() == 10) return std::string(date) + "T00:00:00Z";
  const bool is_time = date.size() == 20 && date[10] == 'T' && digits(date.substr(11, 2)) &&
                       date[13] == ':' && digits(date.substr(14, 2)) && date[16] == ':' &&
                       digits(date.substr(17, 2)) && date[19] == 'Z';
  return is_time ? std::string(date) : std::string();
}

void element(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += '<';
  out += name;
  out += '>';
  append_text(out, value);
  out += "</";
  out += name;
  out += '>';
}

}  // namespace

std::string core_properties_xml(const model::Meta& meta, std::string_view language) {
  std::string out(kXmlDeclaration);
  out +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  element(out, "dc:title", meta.title);
  element(out, "dc:subject", meta.subject);
  element(out, "dc:creator", meta.author);
  element(out, "cp:keywords", meta.keywords);
  element(out, "dc:description", meta.description);
  element(out, "dc:language", language);
  element(out, "cp:lastModifiedBy", meta.author);
  const std::string date = w3cdtf(meta.date);
  if (!date.empty()) {
    out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:created>";
    out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:modified>";
  }
  out += "</cp:coreProperties>";
  return out;
}

std::string app_properties_xml(const model::Meta& meta) {
  std::string out(kXmlDeclaration);
  out +=
      "<Properties "
      "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
      "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
      "<Application>Tillit</Application><DocSecurity>0</DocSecurity>";
  element(out, "Company", meta.author);
  out +=
      "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
      "<HyperlinksChanged>false</HyperlinksChanged></Properties>";
  return out;
}

}  // namespace tillit::render::docx
