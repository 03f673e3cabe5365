#include "render/docx/package.h"

#include <zip.h>

#include "render/docx/xml_dom.h"
#include "render/docx/xml_text.h"

namespace tillit::render::docx {

namespace {

constexpr std::string_view kRelationshipBase =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// Level 6 (zlib's default): a 5,000-control document.xml compresses in well under 100 ms.
constexpr zip_uint32_t kDeflateLevel = 6;

std::string full_type(std::string_view type) {
  if (type.find(':') != std::string_view::npos) return std::string(type);
  return std::string(kRelationshipBase) + std::string(type);
}

std::string extension_of(std::string_view name) {
  size_t dot = name.rfind('.');
  size_t slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

}  // namespace

std::string Relationships::add(std::string_view type, std::string_view target, bool external) {
  std::string type_uri = full_type(type);
  std::string key = type_uri + '\n' + std::string(target) + (external ? "\nE" : "\nI");
  auto found = by_key_.find(key);
  if (found != by_key_.end()) return found->second;
  std::string id;
  for (size_t n = entries_.size() + 1;; ++n) {
    id = "rId" + std::to_string(n);
    if (ids_.count(id) == 0) break;
  }
  ids_.insert(id);
  entries_.push_back({id, std::move(type_uri), std::string(target), external});
  by_key_.emplace(std::move(key), id);
  return id;
}

void Relationships::add_with_id(std::string_view id, std::string_view type, std::string_view target,
                                bool external) {
  ids_.insert(std::string(id));
  entries_.push_back({std::string(id), full_type(type), std::string(target), external});
}

std::string Relationships::xml() const {
  std::string out(kXmlDeclaration);
  out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (const Entry& e : entries_) {
    out += "<Relationship Id=\"";
    append_attr(out, e.id);
    out += "\" Type=\"";
    append_attr(out, e.type);
    out += "\" Target=\"";
    append_attr(out, e.target);
    out += e.external ? "\" TargetMode=\"External\"/>" : "\"/>";
  }
  out += "</Relationships>";
  return out;
}

std::string rels_path(std::string_view part) {
  size_t slash = part.rfind('/');
  std::string_view folder = slash == std::string_view::npos ? "" : part.substr(0, slash + 1);
  std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return std::string(folder) + "_rels/" + std::string(file) + ".rels";
}

std::string resolve_target(std::string_view source_part, std::string_view target) {
  std::vector<std::string> segments;
  if (!target.empty() && target.front() == '/') {
    target.remove_prefix(1);
  } else {
    std::string_view folder = source_part.substr(0, source_part.rfind('/') + 1);
    while (!folder.empty()) {
      size_t slash = folder.find('/');
      segments.emplace_back(folder.substr(0, slash));
      folder.remove_prefix(slash + 1);
    }
  }
  while (!target.empty()) {
    size_t slash = target.find('/');
    std::string_view segment = target.substr(0, slash);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.emplace_back(segment);
    }
    if (slash == std::string_view::npos) break;
    target.remove_prefix(slash + 1);
  }
  std::string out;
  for (const std::string& s : segments) {
    if (!out.empty()) out += '/';
    out += s;
  }
  return out;
}

void Package::add(std::string name, std::string_view content_type, std::string bytes) {
  entries_.push_back({std::move(name), std::string(content_type), false, std::move(bytes), {}});
}

void Package::add_media(std::string name, std::string_view content_type, std::string_view bytes) {
  entries_.push_back({std::move(name), std::string(content_type), true, {}, bytes});
}

std::string Package::content_types_xml() const {
  std::map<std::string, std::string> defaults = {
      {"rels", "application/vnd.openxmlformats-package.relationships+xml"},
      {"xml", "application/xml"}};
  for (const Entry& e : entries_) {
    if (e.media) defaults.emplace(extension_of(e.name), e.content_type);
  }
  std::string out(kXmlDeclaration);
  out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">";
  for (const auto& [extension, type] : defaults) {
    out += "<Default Extension=\"";
    append_attr(out, extension);
    out += "\" ContentType=\"";
    append_attr(out, type);
    out += "\"/>";
  }
  for (const Entry& e : entries_) {
    if (e.media || e.content_type.empty()) continue;
    out += "<Override PartName=\"/";
    append_attr(out, e.name);
    out += "\" ContentType=\"";
    append_attr(out, e.content_type);
    out += "\"/>";
  }
  out += "</Types>";
  return out;
}

std::string Package::zip() const {
  const std::string content_types = content_types_xml();
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &error) : nullptr;
  zip_error_fini(&error);
  if (!archive) {
    if (buffer) zip_source_free(buffer);
    return {};
  }
  // Keep the buffer alive past zip_close so the archive can be read back out of it.
  zip_source_keep(buffer);
  auto add = [&](const std::string& name, std::string_view data) {
    zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
    zip_int64_t index = source ? zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (source) zip_source_free(source);
      return false;
    }
    auto entry = static_cast<zip_uint64_t>(index);
    return zip_set_file_compression(archive, entry, ZIP_CM_DEFLATE, kDeflateLevel) == 0 &&
           zip_file_set_dostime(archive, entry, 0x0000, 0x0021, 0) == 0;
  };
  bool ok = add("[Content_Types].xml", content_types);
  for (const Entry& e : entries_) {
    if (!ok) break;
    ok = add(e.name, e.media ? e.borrowed : std::string_view(e.owned));
  }
  if (!ok || zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    return {};
  }
  std::string bytes;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(buffer, &stat) == 0 && zip_source_open(buffer) == 0) {
    bytes.resize(stat.size);
    zip_int64_t got = zip_source_read(buffer, bytes.data(), stat.size);
    if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) bytes.clear();
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return bytes;
}

}  // namespace tillit::render::docx
