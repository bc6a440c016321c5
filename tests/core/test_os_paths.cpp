// The OS seam with names in every script a learner's profile or a course folder may carry. On
// Windows a narrow path goes through the ANSI code page and "José" becomes "JosÃ©": every call
// here must reach the file by its real name. The same table runs on Linux and (under wine) on
// Windows, so the two implementations answer alike.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "course/loader.h"
#include "kiosk/kiosk_config.h"
#include "os/files.h"
#include "os/system.h"
#include "progress/progress_store.h"
#include "text/unicode.h"

namespace fs = std::filesystem;
using namespace lectern;

namespace {

// Folder and file names as users write them: accents, Cyrillic, Arabic, Chinese, Thai, a space,
// characters outside the BMP (UTF-16 surrogate pairs on Windows), and combining marks.
const std::vector<std::string> kNames = {
    "José",        "Алексей",  "محمد",         "学习者",          "นักเรียน", "Ana María",
    "emoji-\xF0\x9F\x93\x9A", "Zoë-e\xCC\x81", "plain",
};

class TempFolder {
public:
    TempFolder() : m_path(os::MakeTempFolder("lectern-os-paths")) {
        if (m_path.empty()) std::abort();
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(os::Path(m_path), ec);
    }
    std::string Sub(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// What is on disk, read back through std::filesystem with the name built from UTF-8.
std::string Slurp(const std::string& utf8_path) {
    std::ifstream in(os::Path(utf8_path), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(OsPaths, Utf8TextAndPathsRoundTrip) {
    for (const std::string& name : kNames) {
        EXPECT_EQ(os::Utf8(os::Path(name)), name);
        EXPECT_EQ(os::PathArg(name).utf8(), name);
        EXPECT_EQ(os::PathArg(os::Path(name)).utf8(), name);
    }
}

// Every operation of the seam, for every name, as folder and as file name.
TEST(OsPaths, EveryOperationReachesTheFileByItsRealName) {
    for (const std::string& name : kNames) {
        SCOPED_TRACE(name);
        TempFolder tmp;
        const std::string dir = tmp.Sub(name);
        const std::string file = dir + "/" + name + ".txt";
        ASSERT_TRUE(os::MakePrivateFolder(dir).ok());
        EXPECT_EQ(os::Stat(dir).kind, os::FileKind::Folder);

        os::WriteResult w = os::WriteFileAtomically(file, "first");
        ASSERT_TRUE(w.ok()) << os::Describe(w.error());
        EXPECT_EQ(Slurp(file), "first");
        // Replacing an existing file (MoveFileExW over it on Windows) leaves only the new text.
        ASSERT_TRUE(os::WriteFileAtomically(file, "second").ok());
        EXPECT_EQ(Slurp(file), "second");
        std::vector<std::string> entries = os::FolderEntries(dir);
        ASSERT_EQ(entries.size(), 1u) << "no temporary file is left behind";
        EXPECT_EQ(entries[0], name + ".txt");

        os::FileInfo info = os::Stat(file);
        EXPECT_EQ(info.kind, os::FileKind::Regular);
        EXPECT_EQ(info.size, 6);
        EXPECT_EQ(os::LinkStat(file).kind, os::FileKind::Regular);

        os::ReadResult r = os::ReadSmallFile(file, 100, true);
        EXPECT_EQ(r.status, os::ReadResult::Status::Ok);
        EXPECT_EQ(r.content, "second");
        EXPECT_EQ(os::ReadSmallFile(file, 3, true).status, os::ReadResult::Status::TooLarge);
        EXPECT_EQ(os::ReadSmallFile(dir, 100, true).status, os::ReadResult::Status::NotRegular);
        EXPECT_EQ(os::ReadSmallFile(dir + "/missing", 100, true).status, os::ReadResult::Status::Missing);

        os::ReadOnlyFile reader(file);
        ASSERT_TRUE(reader.ok());
        char two[2];
        EXPECT_EQ(reader.ReadAt(2, two, 2), 2);
        EXPECT_EQ(std::string(two, 2), "co");

        std::string error;
        const std::string copy = dir + "/" + name + " copy.txt";
        ASSERT_TRUE(os::CopyDurably(file, copy, error)) << error;
        EXPECT_EQ(Slurp(copy), "second");
        EXPECT_FALSE(os::CopyDurably(file, copy, error)) << "a copy never replaces an existing file";

        const std::string moved = dir + "/" + name + " moved.txt";
        ASSERT_TRUE(os::Rename(copy, moved));
        EXPECT_FALSE(os::Stat(copy).exists());
        EXPECT_EQ(Slurp(moved), "second");
        EXPECT_TRUE(os::RemoveFile(moved));
        EXPECT_FALSE(os::Stat(moved).exists());
        EXPECT_EQ(os::Stat(moved).error, ENOENT);

        EXPECT_FALSE(os::RealFolder(dir).empty());
        EXPECT_NE(os::RealFolder(dir).find(name), std::string::npos) << os::RealFolder(dir);

        os::MappedFile mapped(file);
        ASSERT_NE(mapped.data(), nullptr);
        EXPECT_EQ(std::string(static_cast<const char*>(mapped.data()), mapped.size()), "second");
    }
}

TEST(OsPaths, ASecondWriterIsRefusedAndToldWhoHoldsTheLock) {
    for (const std::string& name : kNames) {
        SCOPED_TRACE(name);
        TempFolder tmp;
        const std::string path = tmp.Sub(name + ".lock");
        os::FileLock::Status status = os::FileLock::Status::Error;
        long holder = 0;
        std::string error;
        auto first = os::FileLock::TryAcquire(path, status, holder, error);
        ASSERT_EQ(status, os::FileLock::Status::Ok) << error;
        ASSERT_TRUE(first);
        // A second open of the same file is what another process would do.
        auto second = os::FileLock::TryAcquire(path, status, holder, error);
        EXPECT_FALSE(second);
        EXPECT_EQ(status, os::FileLock::Status::Busy);
        EXPECT_EQ(holder, os::ProcessId());
        first.reset();
        auto third = os::FileLock::TryAcquire(path, status, holder, error);
        EXPECT_TRUE(third) << "released with its holder";
    }
}

// The C libraries Lectern links (fontconfig and FreeType finding fonts, libthai its dictionary)
// open files with the narrow fopen. On Windows narrow names are in the ANSI code page unless the
// program's manifest makes them UTF-8 (tools/cmake/windows/lectern.manifest); without it
// "Алексей" would reach the disk as "???????", and a lectern.exe unpacked in such a user's
// Downloads folder would find none of the fonts beside it.
TEST(OsPaths, NarrowFileCallsOfCLibrariesReadNamesAsUtf8) {
    for (const std::string& name : kNames) {
        SCOPED_TRACE(name);
        TempFolder tmp;
        const std::string path = tmp.Sub(name + ".txt");
        std::FILE* file = std::fopen(path.c_str(), "wb");
        ASSERT_NE(file, nullptr);
        std::fputs(name.c_str(), file);
        std::fclose(file);
        EXPECT_EQ(Slurp(path), name);
        EXPECT_EQ(os::FolderEntries(tmp.Sub("")), std::vector<std::string>{name + ".txt"});
    }
}

// The progress store and the course loader, the two places learners' names and authors' folder
// names reach the disk, under a folder named in each script.
TEST(OsPaths, ProgressAndCoursesLiveUnderAnyName) {
    for (const std::string& name : kNames) {
        SCOPED_TRACE(name);
        TempFolder tmp;
        const std::string data = tmp.Sub(name + "/data");
        ASSERT_TRUE(os::MakePrivateFolder(data).ok());
        {
            OpenResult r = ProgressStore::Open(ProgressDbPath(data));
            ASSERT_TRUE(r.ok()) << r.message;
            ASSERT_TRUE(r.store->CreateLearner(name, 1).ok());
        }
        OpenResult again = ProgressStore::Open(ProgressDbPath(data));
        ASSERT_TRUE(again.ok()) << again.message;
        EXPECT_TRUE(os::Stat(ProgressDbPath(data)).exists());

        const std::string course = tmp.Sub(name + "/course");
        const std::string& module = name;  // decomposed too: AFileIsFound... below says why it works
        ASSERT_TRUE(os::WriteFileAtomically(course + "/course.xml",
                                            "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"10\">\n"
                                            "  <title>" + name + "</title>\n  <include src=\"" + module + ".xml\"/>\n"
                                            "</course>\n")
                        .ok());
        ASSERT_TRUE(os::WriteFileAtomically(course + "/" + module + ".xml",
                                            "<module id=\"m\" title=\"M\"><lesson id=\"l\" title=\"L\">"
                                            "<page id=\"p\" title=\"P\"><p>Hello</p></page></lesson></module>\n")
                        .ok());
        LoadResult loaded = LoadCourse(course);
        ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.FormatAll();
        EXPECT_EQ(loaded.course->title, unicode::Nfc(name));  // the loader keeps text in NFC
    }
}

// The loader reads every src as NFC text (course text is normalised), but a file's name on disk
// may be in any form: macOS writes names decomposed, and a course copied from there keeps them.
// Every form written x every form on disk x every place a name can be (the module's file, its
// folder, an image beside the course, an image in the paired asset folder): the file is found.
TEST(OsPaths, AFileIsFoundWhateverUnicodeFormItsNameHasOnDisk) {
    // "Éloïse-ệ" in NFC, in NFD, and partly composed (ê + dot below: neither form).
    const std::vector<std::string> forms = {
        "\xC3\x89lo\xC3\xAFse-\xE1\xBB\x87",
        "E\xCC\x81loi\xCC\x88se-e\xCC\xA3\xCC\x82",
        "\xC3\x89loi\xCC\x88se-\xC3\xAA\xCC\xA3",
    };
    const char* places[] = {"module file", "module folder", "image", "asset image"};
    const std::string page = "<module id=\"m\" title=\"M\"><lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\">";
    for (const std::string& written : forms) {
        for (const std::string& on_disk : forms) {
            for (int place = 0; place < 4; ++place) {
                SCOPED_TRACE(std::string(places[place]) + ", written " + written + ", on disk " + on_disk);
                TempFolder tmp;
                const std::string course = tmp.Sub("content/c"), assets = tmp.Sub("assets/c");
                std::string src = "m.xml", module_path = "m.xml", image;
                if (place == 0) src = written + ".xml", module_path = on_disk + ".xml";
                if (place == 1) src = written + "/m.xml", module_path = on_disk + "/m.xml";
                if (place == 2) {
                    image = "<image src=\"" + written + ".png\" alt=\"a\"/>";
                    ASSERT_TRUE(os::WriteFileAtomically(course + "/" + on_disk + ".png", "png").ok());
                }
                if (place == 3) {
                    image = "<image src=\"pics/" + written + ".png\" alt=\"a\"/>";
                    ASSERT_TRUE(os::WriteFileAtomically(assets + "/pics/" + on_disk + ".png", "png").ok());
                }
                ASSERT_TRUE(os::WriteFileAtomically(course + "/course.xml",
                                                    "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"10\">\n"
                                                    "  <title>T</title>\n  <include src=\"" + src + "\"/>\n</course>\n")
                                .ok());
                ASSERT_TRUE(os::WriteFileAtomically(course + "/" + module_path,
                                                    page + "<p>Hello</p>" + image + "</page></lesson></module>\n")
                                .ok());
                LoadResult loaded = LoadCourse(course);
                ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.FormatAll();
                if (place >= 2) {
                    const Blocks& blocks = loaded.course->PageAt(0).blocks;
                    ASSERT_EQ(blocks.size(), 2u);
                    EXPECT_TRUE(os::Stat(blocks[1].resolved_path).exists()) << blocks[1].resolved_path;
                }
            }
        }
    }
}

// Two names on disk that differ only in form are one name to the author: which file was meant
// cannot be known, so the loader says so, naming both the src and the folder, rather than guess.
TEST(OsPaths, TwoFilesWhoseNamesDifferOnlyInFormAreAnError) {
    TempFolder tmp;
    const std::string course = tmp.Sub("content/c");
    const std::string decomposed = "E\xCC\x81loi\xCC\x88se", partly = "\xC3\x89loi\xCC\x88se";
    const std::string module = "<module id=\"m\" title=\"M\"><lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\">"
                               "<p>Hello</p></page></lesson></module>\n";
    ASSERT_TRUE(os::WriteFileAtomically(course + "/" + decomposed + ".xml", module).ok());
    ASSERT_TRUE(os::WriteFileAtomically(course + "/" + partly + ".xml", module).ok());
    ASSERT_TRUE(os::WriteFileAtomically(course + "/course.xml",
                                        "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"10\">\n"
                                        "  <title>T</title>\n  <include src=\"\xC3\x89lo\xC3\xAFse.xml\"/>\n</course>\n")
                    .ok());
    LoadResult loaded = LoadCourse(course);
    EXPECT_FALSE(loaded.ok());
    const std::string all = loaded.diagnostics.FormatAll();
    EXPECT_NE(all.find("course.xml:3:"), std::string::npos) << all;
    EXPECT_NE(all.find("2 files named '\xC3\x89lo\xC3\xAFse.xml' that differ only"), std::string::npos) << all;
}

// kiosk.conf for the whole machine is in the system's settings folder: /etc/lectern on Linux,
// %ProgramData%\Lectern on Windows, where "/etc/lectern" would be C:\etc\lectern, a folder any
// user may create (and so choose the kiosk settings of everyone on the machine).
TEST(OsPaths, TheSystemKioskConfigIsInTheSystemsSettingsFolder) {
    const std::string path = SystemKioskConfigPath();
#ifdef _WIN32
    const char* program_data = std::getenv("ProgramData");
    ASSERT_NE(program_data, nullptr);
    EXPECT_EQ(path, std::string(program_data) + "\\Lectern\\kiosk.conf");
    EXPECT_EQ(os::SystemConfigDir(), std::string(program_data) + "\\Lectern");
#else
    EXPECT_EQ(path, "/etc/lectern/kiosk.conf");
#endif
    EXPECT_TRUE(os::Path(path).is_absolute()) << path;
    EXPECT_EQ(KioskConfigCandidates("").back(), path);
    // A system with no such folder: only the user's file is looked for, never a relative name.
    EXPECT_EQ(KioskConfigCandidates("", "").size(), os::UserConfigDir().empty() ? 0u : 1u);
}

TEST(OsPaths, TheDataFolderIsTheSystemsPerUserFolder) {
    const std::string dir = os::DefaultDataDir();
    ASSERT_FALSE(dir.empty());
#ifdef _WIN32
    EXPECT_NE(dir.find("\\Lectern"), std::string::npos) << dir;  // %APPDATA%\Lectern
    EXPECT_FALSE(os::KioskSupported());
#else
    EXPECT_NE(dir.find("lectern"), std::string::npos) << dir;
    EXPECT_TRUE(os::KioskSupported());
#endif
    EXPECT_GT(os::BootMs(), 0);
    EXPECT_GE(os::MsSinceProcessStart(), 0.0);
    EXPECT_FALSE(os::ExecutablePath().empty());
}
