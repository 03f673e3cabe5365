// Process exit codes, sysexits(3) style. Stable: documented in the README.
#pragma once

namespace tillit {

enum class ExitCode : int {
  Ok = 0,            ///< Done; warnings may have been printed.
  Findings = 1,      ///< The checker found errors in the engagement.
  Usage = 64,        ///< Bad command line.
  DataError = 65,    ///< An input could not be read: malformed file, wrong format.
  NoInput = 66,      ///< An input file or folder is missing.
  Unavailable = 69,  ///< An external tool (LibreOffice, pandoc) is not installed.
  Software = 70,     ///< Internal error: a bug in Tillit.
  CantCreate = 73,   ///< An output could not be written.
};

}  // namespace tillit
