// `tillit init`: writes a starter engagement that `tillit check` accepts with only the
// expected warnings (gaps, starter narratives, auditor details still to fill in).
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::init {

struct InitOptions {
  std::string dir;
  int type = 2;
  std::vector<std::string> languages = {"sv", "en"};
  std::vector<catalogue::Category> categories = {catalogue::Category::Security};
  std::string matrix_source;  ///< A client's workbook or CSV to copy in; empty = a new one.
  std::string organisation;   ///< Empty = derived from the folder name.
};

/// Create the engagement. Refuses to overwrite an existing engagement.xml. Returns the
/// relative paths written, in order; problems go to `diags`.
std::vector<std::string> create_engagement(Env& env, const InitOptions& opts,
                                           Diagnostics& diags);

/// The header row of a new control matrix: per-language columns for each language,
/// Swedish headers when the first language is Swedish.
std::vector<std::string> matrix_headers(const std::vector<std::string>& languages, int type);

}  // namespace tillit::init
