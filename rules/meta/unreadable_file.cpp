// LNT002 unreadable-file: reported by the engine when a file cannot be read or decoded.
#include "analyzer/rule.hpp"

namespace lintel::rules::meta {

extern const Rule unreadable_file{
    .meta = {.id = "LNT002",
             .slug = "unreadable-file",
             .severity = Severity::error,
             .format = Format::meta,
             .summary = "File could not be read",
             .what = "A file given to lintel, or found while walking a folder, could not be opened "
                     "or read (permission denied, vanished during the scan, an I/O error). The "
                     "finding has no region.",
             .why = "A file that is not read is not checked; silently skipping it would let "
                    "violations through a CI gate.",
             .fix = "Make the file readable by the user running lintel, or exclude it from the "
                    "scan.",
             .bad = "",
             .good = ""},
    .check = nullptr,
};

}  // namespace lintel::rules::meta
