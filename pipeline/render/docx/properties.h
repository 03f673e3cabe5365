// The package's document properties: docProps/core.xml and docProps/app.xml.
#pragma once

#include <string>
#include <string_view>

#include "model/document.h"

namespace tillit::render::docx {

/// Title, subject, creator, keywords, description and language from Meta; created and
/// modified from Meta::date (an ISO date, or date and time in UTC) and left out when it is
/// empty or not such a date: never the clock, so rebuilding gives the same bytes.
std::string core_properties_xml(const model::Meta& meta, std::string_view language);

/// The application and the organisation (Meta::author).
std::string app_properties_xml(const model::Meta& meta);

}  // namespace tillit::render::docx
