#include "render/docx/numbering.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include "render/docx/xml_dom.h"
#include "render/docx/xml_text.h"

namespace tillit::render::docx {

namespace {

constexpr std::string_view kBulletName = "Tillit Bullet";
constexpr std::string_view kOrderedName = "Tillit Ordered";
constexpr int kLevels = 9;

pugi::xml_node find_definition(pugi::xml_node numbering, std::string_view name) {
  for (pugi::xml_node a : numbering.children("w:abstractNum")) {
    if (name == a.child("w:name").attribute("w:val").value()) return a;
  }
  return {};
}

}  // namespace

void add_missing_list_definitions(pugi::xml_document& numbering,
                                  const pugi::xml_document& builtin) {
  pugi::xml_node target = numbering.child("w:numbering");
  if (!target) target = numbering.append_child("w:numbering");
  int next_id = 0;
  std::set<std::string> nsids;
  pugi::xml_node last_definition;
  for (pugi::xml_node a : target.children("w:abstractNum")) {
    next_id = std::max(next_id, a.attribute("w:abstractNumId").as_int() + 1);
    nsids.insert(a.child("w:nsid").attribute("w:val").value());
    last_definition = a;
  }
  for (pugi::xml_node a : builtin.child("w:numbering").children("w:abstractNum")) {
    if (find_definition(target, a.child("w:name").attribute("w:val").value())) continue;
    // Abstract definitions precede every w:num (CT_Numbering is a sequence).
    pugi::xml_node copy;
    if (last_definition) {
      copy = target.insert_copy_after(a, last_definition);
    } else if (pugi::xml_node first_num = target.child("w:num")) {
      copy = target.insert_copy_before(a, first_num);
    } else if (pugi::xml_node cleanup = target.child("w:numIdMacAtCleanup")) {
      copy = target.insert_copy_before(a, cleanup);
    } else {
      copy = target.append_copy(a);
    }
    set_attr(copy, "w:abstractNumId", std::to_string(next_id++));
    // Word merges lists whose definitions share an nsid; keep ours distinct.
    pugi::xml_node nsid = copy.child("w:nsid");
    std::string value = nsid.attribute("w:val").value();
    while (nsid && nsids.count(value) > 0) {
      unsigned long n = std::stoul(value.empty() ? "0" : value, nullptr, 16) + 1;
      char hex[9];
      std::snprintf(hex, sizeof hex, "%08lX", n & 0xFFFFFFFFul);
      value = hex;
    }
    if (nsid) set_attr(nsid, "w:val", value);
    nsids.insert(value);
    last_definition = copy;
  }
}

Numbering::Numbering(std::string_view numbering_xml, std::string_view builtin_xml) {
  pugi::xml_document builtin;
  parse_xml(builtin, builtin_xml);
  if (!parse_xml(doc_, numbering_xml) || !doc_.child("w:numbering")) doc_.reset(builtin);
  add_missing_list_definitions(doc_, builtin);
  pugi::xml_node numbering = doc_.child("w:numbering");
  bullet_abstract_ = find_definition(numbering, kBulletName).attribute("w:abstractNumId").as_int();
  pugi::xml_node ordered = find_definition(numbering, kOrderedName);
  ordered_abstract_ = ordered.attribute("w:abstractNumId").as_int();
  ordered_starts_.assign(kLevels, 1);
  for (pugi::xml_node lvl : ordered.children("w:lvl")) {
    int level = lvl.attribute("w:ilvl").as_int();
    if (level >= 0 && level < kLevels) {
      ordered_starts_[static_cast<size_t>(level)] =
          lvl.child("w:start").attribute("w:val").as_int(1);
    }
  }
  for (pugi::xml_node num : numbering.children("w:num")) {
    next_num_id_ = std::max(next_num_id_, num.attribute("w:numId").as_int() + 1);
  }
}

int Numbering::new_list(bool ordered, int level) {
  level = std::clamp(level, 0, kLevels - 1);
  const int start = ordered ? ordered_starts_[static_cast<size_t>(level)] : 0;
  instances_.push_back(
      {next_num_id_, ordered ? ordered_abstract_ : bullet_abstract_, level, start});
  return next_num_id_++;
}

std::string Numbering::xml() const {
  std::string text = serialize(doc_);
  // The instances go last, before the optional w:numIdMacAtCleanup.
  std::string nums;
  for (const Instance& i : instances_) {
    nums += "<w:num w:numId=\"";
    append_int(nums, i.num_id);
    nums += "\"><w:abstractNumId w:val=\"";
    append_int(nums, i.abstract_id);
    nums += "\"/>";
    if (i.start > 0) {
      nums += "<w:lvlOverride w:ilvl=\"";
      append_int(nums, i.level);
      nums += "\"><w:startOverride w:val=\"";
      append_int(nums, i.start);
      nums += "\"/></w:lvlOverride>";
    }
    nums += "</w:num>";
  }
  size_t at = text.find("<w:numIdMacAtCleanup");
  if (at == std::string::npos) at = text.rfind("</w:numbering>");
  if (at == std::string::npos) return text;
  text.insert(at, nums);
  return text;
}

}  // namespace tillit::render::docx
