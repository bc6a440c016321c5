#include "course/diagnostics.h"

#include <algorithm>
#include <tuple>

namespace lectern {

std::string Diagnostic::Format() const {
    std::string out = loc.file.empty() ? std::string("<course>") : loc.file;
    if (loc.line > 0) {
        out += ":" + std::to_string(loc.line);
        if (loc.col > 0) out += ":" + std::to_string(loc.col);
    }
    out += severity == Severity::Error ? ": error: [" : ": warning: [";
    out += code + "] " + message;
    return out;
}

void Diagnostics::Error(const SourceLoc& loc, std::string code, std::string message) {
    m_items.push_back({Severity::Error, std::move(code), std::move(message), loc});
}

void Diagnostics::Warning(const SourceLoc& loc, std::string code, std::string message) {
    m_items.push_back({Severity::Warning, std::move(code), std::move(message), loc});
}

int Diagnostics::ErrorCount() const {
    return static_cast<int>(std::count_if(m_items.begin(), m_items.end(),
                                          [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

int Diagnostics::WarningCount() const { return static_cast<int>(m_items.size()) - ErrorCount(); }

bool Diagnostics::Has(const std::string& code) const {
    return std::any_of(m_items.begin(), m_items.end(), [&](const Diagnostic& d) { return d.code == code; });
}

void Diagnostics::Append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

void Diagnostics::SortByLocation() {
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.loc.file, a.loc.line, a.loc.col) < std::tie(b.loc.file, b.loc.line, b.loc.col);
    });
}

std::string Diagnostics::FormatAll() const {
    std::string out;
    for (const auto& d : m_items) out += d.Format() + "\n";
    return out;
}

}  // namespace lectern
