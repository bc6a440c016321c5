#include "course/internal/file_source.h"

#include <algorithm>
#include <system_error>
#include <vector>

#include "os/files.h"
#include "text/unicode.h"

namespace lectern {

namespace fs = std::filesystem;

namespace {

bool IsInside(const fs::path& root, const fs::path& p) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q) {
        if (r->empty()) continue;
        if (q == p.end() || *r != *q) return false;
    }
    return true;
}

std::string TooLarge(const std::string& rel, uintmax_t size, size_t max_bytes) {
    return "'" + rel + "' is " + std::to_string(size / (1024 * 1024)) + " MiB; course files are limited to " +
           std::to_string(max_bytes / (1024 * 1024)) + " MiB";
}

// The course text, and so every src, is NFC (xml_file.cpp), but a file's name on disk may be in
// another form: macOS writes names decomposed (NFD), and a course copied from there keeps
// them. Linux and Windows compare names byte by byte, so "café.xml" would not find the
// "cafe\u0301.xml" beside it. For each part of `rel` that is not on disk as written, the
// folder's one name that is canonically equal (the same in NFC) is taken instead. Empty when
// some part has no such name, or has two (which differ only in form: *message says so, naming
// the folder, since picking one would be a guess).
std::string SameNameOnDisk(const std::string& root_utf8, const std::string& rel, std::string* message) {
    if (root_utf8.empty()) return {};
    std::string found;  // the parts of rel looked at so far, as they are named on disk
    bool changed = false;
    for (size_t start = 0; start <= rel.size();) {
        size_t slash = rel.find('/', start);
        std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        const std::string folder = found.empty() ? root_utf8 : root_utf8 + "/" + found;
        if (!part.empty() && !os::LinkStat(folder + "/" + part).exists()) {
            const std::string want = unicode::Nfc(part);
            std::vector<std::string> same;
            for (const std::string& name : os::FolderEntries(folder)) {
                if (unicode::Nfc(name) == want) same.push_back(name);
            }
            if (same.size() > 1) {
                *message = "'" + rel + "': the folder '" + (found.empty() ? std::string(".") : found) + "' has " +
                           std::to_string(same.size()) + " files named '" + want +
                           "' that differ only in how their accents are encoded (Unicode normalization); "
                           "rename all but one";
            }
            if (same.size() != 1) return {};
            part = same.front();
            changed = true;
        }
        found += (found.empty() ? "" : "/") + part;
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return changed ? found : std::string();
}

}  // namespace

DiskSource::DiskSource(const fs::path& root, std::string display_root, size_t max_bytes)
    : m_display(std::move(display_root)), m_max_bytes(max_bytes) {
    std::error_code ec;
    m_root = fs::canonical(root, ec);
    if (ec) return;  // every Read then says the file is not found
    const fs::path assets = m_root.parent_path().parent_path() / "assets" / m_root.filename();
    if (fs::is_directory(assets, ec)) m_assets = fs::canonical(assets, ec);
    if (ec) m_assets.clear();
}

// A name written in one Unicode form finds the file whose name on disk is in another
// (SameNameOnDisk); that is looked for only once the name as written is not found.
bool DiskSource::Read(const std::string& rel, std::string* out, FileProblem* problem) {
    if (ReadAsNamed(rel, out, problem)) return true;
    if (problem->code != "file-not-found") return false;
    const std::string on_disk = SameNameOnDisk(os::Utf8(m_root), rel, &problem->message);
    if (on_disk.empty()) return false;
    return ReadAsNamed(on_disk, out, problem);
}

bool DiskSource::ReadAsNamed(const std::string& rel, std::string* out, FileProblem* problem) {
    std::error_code ec;
    const fs::path full = m_root / os::Path(rel);
    const auto st = fs::status(full, ec);
    if (m_root.empty() || ec || !fs::exists(st)) {
        *problem = {"file-not-found", "cannot find '" + rel + "' in the course folder"};
        return false;
    }
    const fs::path canon = fs::canonical(full, ec);
    if (ec || !IsInside(m_root, canon)) {
        *problem = {"path-escapes", "'" + rel + "' leads outside the course folder (through a link)"};
        return false;
    }
    if (fs::is_directory(st)) {
        *problem = {"not-a-file", "'" + rel + "' is a directory, not a file"};
        return false;
    }
    // Opened without blocking, so a FIFO put where a file should be is refused, not waited on.
    os::ReadResult r = os::ReadSmallFile(canon, m_max_bytes, false);
    switch (r.status) {
        case os::ReadResult::Status::Ok: *out = std::move(r.content); return true;
        case os::ReadResult::Status::NotRegular:
            *problem = {"not-a-file", "'" + rel + "' is not a regular file"};
            return false;
        case os::ReadResult::Status::TooLarge:
            *problem = {"file-too-large", TooLarge(rel, static_cast<uintmax_t>(std::max<int64_t>(0, r.info.size)), m_max_bytes)};
            return false;
        case os::ReadResult::Status::Missing:
            *problem = {"file-not-found", "cannot find '" + rel + "' in the course folder"};
            return false;
        default:
            *problem = {"file-unreadable", "cannot read '" + rel + "' (" + os::ErrorText(r.error) + ")"};
            return false;
    }
}

std::string DiskSource::Display(const std::string& rel) const {
    if (m_display.empty()) return rel;
    return m_display.back() == '/' ? m_display + rel : m_display + "/" + rel;
}

bool DiskSource::FindImage(const std::string& rel, std::string* resolved, FileProblem* problem) {
    auto it = m_images.find(rel);
    if (it == m_images.end()) it = m_images.emplace(rel, LookUpImage(rel)).first;
    const ImageLookup& found = it->second;
    if (found.ok) *resolved = found.resolved;
    else *problem = found.problem;
    return found.ok;
}

DiskSource::ImageLookup DiskSource::LookUpImage(const std::string& rel) const {
    for (const fs::path& root : {m_root, m_assets}) {
        if (root.empty()) continue;
        std::error_code ec;
        fs::path full = root / os::Path(rel);
        if (!fs::exists(full, ec)) {
            std::string ambiguous;
            const std::string on_disk = SameNameOnDisk(os::Utf8(root), rel, &ambiguous);
            if (!ambiguous.empty()) return {false, {}, {"image-not-found", "image " + ambiguous}};
            if (on_disk.empty()) continue;
            full = root / os::Path(on_disk);
        }
        const fs::path canon = fs::canonical(full, ec);
        if (ec || !IsInside(root, canon))
            return {false, {}, {"path-escapes", "image '" + rel + "' leads outside the course's asset folders (through a link)"}};
        if (!fs::is_regular_file(canon, ec)) return {false, {}, {"not-a-file", "image '" + rel + "' is not a regular file"}};
        return {true, os::Utf8(canon), {}};
    }
    return {false, {}, {"image-not-found", "image '" + rel + "' is not in the course folder" +
                                               (m_assets.empty() ? std::string() : " or in " + os::Utf8(m_assets))}};
}

std::string DiskSource::RootDir() const { return os::Utf8(m_root); }
std::string DiskSource::AssetsDir() const { return os::Utf8(m_assets); }

bool MemorySource::Read(const std::string& rel, std::string* out, FileProblem* problem) {
    auto it = m_files.find(rel);
    if (it == m_files.end()) {
        *problem = {"file-not-found", "cannot find '" + rel + "' in the course folder"};
        return false;
    }
    *out = it->second;
    return true;
}

namespace {

// Windows opens a device, not a file, for these names in any folder, with any extension and
// whatever the case ("nul.png", "Com1.xml"): a course that names one reads a device there (CON
// waits for the keyboard) and cannot hold such a file at all. Refused on every system, so an
// author on Linux learns it before a learner on Windows does.
bool IsWindowsDeviceName(const std::string& part) {
    std::string stem = part.substr(0, part.find('.'));
    while (!stem.empty() && stem.back() == ' ') stem.pop_back();  // Windows ignores trailing spaces
    for (char& c : stem) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    static const char* const kNames[] = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"};
    for (const char* name : kNames)
        if (stem == name) return true;
    const bool numbered = stem.size() == 4 && (stem.compare(0, 3, "COM") == 0 || stem.compare(0, 3, "LPT") == 0);
    if (numbered && stem[3] >= '0' && stem[3] <= '9') return true;
    // COM¹, COM², COM³ and the LPT ones: superscript digits count as digits there.
    const bool superscript = stem.size() == 5 && (stem.compare(0, 3, "COM") == 0 || stem.compare(0, 3, "LPT") == 0) &&
                             (stem.compare(3, 2, "\xC2\xB9") == 0 || stem.compare(3, 2, "\xC2\xB2") == 0 ||
                              stem.compare(3, 2, "\xC2\xB3") == 0);
    return superscript;
}

}  // namespace

bool CheckRelativePath(const std::string& p, std::string* why) {
    if (p.empty()) {
        *why = "the path is empty";
        return false;
    }
    if (p[0] == '/' || p.find(':') != std::string::npos) {
        *why = "the path '" + p + "' is absolute; use a path relative to the course folder";
        return false;
    }
    if (p.find('\\') != std::string::npos) {
        *why = "the path '" + p + "' uses '\\'; use '/' between folders";
        return false;
    }
    for (size_t start = 0; start <= p.size();) {
        size_t end = p.find('/', start);
        if (end == std::string::npos) end = p.size();
        const std::string part = p.substr(start, end - start);
        if (part == "..") {
            *why = "the path '" + p + "' climbs out with '..'; it must stay inside the course's folders";
            return false;
        }
        if (IsWindowsDeviceName(part)) {
            *why = "the path '" + p + "' names '" + part +
                   "', which Windows opens as a device (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension), "
                   "not a file; rename it so the course opens on every system";
            return false;
        }
        if (part.empty() && end != p.size()) {
            *why = "the path '" + p + "' has an empty folder name";
            return false;
        }
        start = end + 1;
    }
    return true;
}

}  // namespace lectern
