// Where a course's files come from: the disk, confined to the course folder and its paired asset
// folder (no '..', no absolute path, no link that leads outside, nothing but regular files), or
// memory (LoadCourseFromMemory, for tests). Every refusal comes with a code and a message.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace lectern {

// Why a file could not be had: a diagnostic's code ("file-not-found", "path-escapes", ...) and
// its message.
struct FileProblem {
    std::string code, message;
};

class FileSource {
public:
    virtual ~FileSource() = default;
    // Reads a course-relative path that has passed CheckRelativePath into *out.
    virtual bool Read(const std::string& rel, std::string* out, FileProblem* problem) = 0;
    // The name diagnostics use for a course-relative path.
    virtual std::string Display(const std::string& rel) const = 0;
    // Finds an image in the course or asset folder; *resolved is its absolute path.
    virtual bool FindImage(const std::string& rel, std::string* resolved, FileProblem* problem) = 0;
    virtual std::string RootDir() const = 0;
    virtual std::string AssetsDir() const = 0;
};

// The course folder `root` on disk; diagnostics name its files `display_root`/rel.
// content/NAME pairs with assets/NAME for images (source tree and installed data folder alike).
class DiskSource : public FileSource {
public:
    DiskSource(const std::filesystem::path& root, std::string display_root, size_t max_bytes);
    bool Read(const std::string& rel, std::string* out, FileProblem* problem) override;
    std::string Display(const std::string& rel) const override;
    bool FindImage(const std::string& rel, std::string* resolved, FileProblem* problem) override;
    std::string RootDir() const override;
    std::string AssetsDir() const override;

private:
    struct ImageLookup {
        bool ok = false;
        std::string resolved;
        FileProblem problem;
    };
    ImageLookup LookUpImage(const std::string& rel) const;
    bool ReadAsNamed(const std::string& rel, std::string* out, FileProblem* problem);

    std::filesystem::path m_root, m_assets;  // canonical; m_assets empty when there is none
    std::string m_display;
    size_t m_max_bytes;
    std::map<std::string, ImageLookup> m_images;  // a course shows the same few images many times
};

// Course-relative paths to contents; images are not looked for.
class MemorySource : public FileSource {
public:
    explicit MemorySource(const std::map<std::string, std::string>& files) : m_files(files) {}
    bool Read(const std::string& rel, std::string* out, FileProblem* problem) override;
    std::string Display(const std::string& rel) const override { return rel; }
    bool FindImage(const std::string& rel, std::string* resolved, FileProblem*) override {
        *resolved = rel;
        return true;
    }
    std::string RootDir() const override { return {}; }
    std::string AssetsDir() const override { return {}; }

private:
    const std::map<std::string, std::string>& m_files;
};

// A relative path with '/' separators that cannot climb out: no '..', not absolute, no '\'.
// False with *why in words otherwise.
bool CheckRelativePath(const std::string& path, std::string* why);

}  // namespace lectern
