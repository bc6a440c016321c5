// Diagnostics: problems found in course files, each with a location and a stable code.
// Loaders collect every problem in one pass, then the caller decides (house style rule 4).
#pragma once

#include <string>
#include <vector>

#include "course/model.h"

namespace lectern {

enum class Severity { Error, Warning };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code;  // stable, kebab-case: "unknown-element", "duplicate-id", ...
    std::string message;
    SourceLoc loc;

    // "file:line:col: error: [code] message"
    std::string Format() const;
};

class Diagnostics {
public:
    void Error(const SourceLoc& loc, std::string code, std::string message);
    void Warning(const SourceLoc& loc, std::string code, std::string message);

    const std::vector<Diagnostic>& All() const { return m_items; }
    int ErrorCount() const;
    int WarningCount() const;
    bool HasErrors() const { return ErrorCount() > 0; }
    bool Has(const std::string& code) const;
    void Append(const Diagnostics& other);
    // Sorted by file, line, column; each line formatted.
    std::string FormatAll() const;
    void SortByLocation();

private:
    std::vector<Diagnostic> m_items;
};

}  // namespace lectern
