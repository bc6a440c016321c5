// Every sign-in code the kiosk library gives (kiosk/sign_in.h) reaches the screen worded from the
// catalog: in English, and in Arabic, a translation (never the English), with its data in it.
#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "course/ui_catalog.h"
#include "os/files.h"  // os::Path: a UTF-8 folder name made a path on Windows too
#include "ui/kiosk_words.h"

namespace lectern::ui {
namespace {

TEST(KioskWords, EverySignInCodeIsWordedInTheCoursesLanguageWithItsData) {
    Diagnostics problems;
    const UiCatalog english;
    const UiCatalog arabic = LoadUiCatalog("ar", UiCatalogDirs(), problems);
    ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
    using M = kiosk::SignInMessage;
    int worded = 0;
    for (int code = static_cast<int>(M::None); code <= static_cast<int>(M::NoGuests); ++code) {
        for (PinError pin : {PinError::Empty, PinError::TooShort, PinError::TooLong, PinError::NotDigits})
            for (StoreError store : {StoreError::DiskFull, StoreError::Busy, StoreError::NotSaving, StoreError::Io}) {
                kiosk::Decision d;
                d.message = static_cast<M>(code);
                d.name = "Алексей محمد";
                d.seconds_locked = 27;
                d.pin_error = pin;
                d.store_error = store;
                const std::string en = Words(english, d), ar = Words(arabic, d);
                SCOPED_TRACE(std::to_string(code) + ": " + en);
                if (d.message == M::None) {
                    EXPECT_EQ(en, "");
                    EXPECT_EQ(ar, "");
                    continue;
                }
                EXPECT_FALSE(en.empty());
                EXPECT_NE(ar, en) << "shown in English in an Arabic course";
                EXPECT_EQ(ar.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), std::string::npos)
                    << "English words in the Arabic: " << ar;
                if (d.message == M::NoSuchLearner || d.message == M::AlreadyExists) {
                    EXPECT_NE(en.find(d.name), std::string::npos);
                    EXPECT_NE(ar.find(d.name), std::string::npos);
                }
                if (d.message == M::Locked) { EXPECT_NE(ar.find("27"), std::string::npos); }
                if (d.message == M::CannotAdd || d.message == M::PinNotSaved) { EXPECT_NE(en.find(Words(english, store)), std::string::npos); }
                ++worded;
            }
    }
    EXPECT_EQ(worded, 14 * 4 * 4);  // 14 codes besides None x PIN errors x store errors
}


// The Arabic with every piece of data taken out has no Latin letter: the sentence is translated,
// and only the names, paths and commands it carries may be written in another script.
std::string WithoutData(std::string text, const std::vector<std::string>& data) {
    for (const std::string& d : data)
        for (size_t at; !d.empty() && (at = text.find(d)) != std::string::npos;) text.erase(at, d.size());
    return text;
}

constexpr const char* kLatin = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

struct Worded {
    std::string en, ar;
    std::vector<std::string> shown;  // data that must appear in both
    std::vector<std::string> data;   // everything that may appear untranslated
};

void ExpectWorded(const Worded& w) {
    EXPECT_FALSE(w.en.empty());
    EXPECT_NE(w.ar, w.en) << "shown in English in an Arabic course";
    const std::string bare = WithoutData(w.ar, w.data);
    EXPECT_EQ(bare.find_first_of(kLatin), std::string::npos) << "English words in the Arabic: " << w.ar;
    for (const std::string& d : w.shown) {
        EXPECT_NE(w.en.find(d), std::string::npos) << "'" << d << "' is missing from: " << w.en;
        EXPECT_NE(w.ar.find(d), std::string::npos) << "'" << d << "' is missing from: " << w.ar;
    }
}

const std::string kName = "Алексей محمد", kNewName = "李雷 Li", kDir = "/media/usb-ليلى", kPin = "/var/lib/lectern/admin.pin";

std::vector<os::FileError> EveryFileError() {
    std::vector<os::FileError> out;
    for (int code = static_cast<int>(os::FileErrorCode::NotAFileName); code <= static_cast<int>(os::FileErrorCode::CannotRename); ++code)
        for (int system_error : {0, ENOSPC, EACCES, EROFS, EIO}) {
            os::FileError f;
            f.code = static_cast<os::FileErrorCode>(code);
            f.path = os::Path(kDir + "/lectern-progress.csv");
            f.system_error = system_error;
            f.other = "/var/lib/lectern/progress.sqlite3";
            out.push_back(f);
        }
    return out;
}

std::vector<AdminFileError> EveryAdminFileError() {
    std::vector<AdminFileError> out;
    for (int code = static_cast<int>(AdminFileErrorCode::Missing); code <= static_cast<int>(AdminFileErrorCode::IdleNotOverWarning); ++code) {
        AdminFileError e{static_cast<AdminFileErrorCode>(code), kPin, EACCES, 4242, {}, 29, 45};
        e.file.code = os::FileErrorCode::CannotReplace;
        e.file.path = kPin;
        out.push_back(e);
    }
    return out;
}

// What each administrator's outcome must show: the data it is about, in English and in Arabic.
std::vector<std::string> ShownData(const kiosk::AdminError& e) {
    using E = kiosk::AdminErrorCode;
    switch (e.code) {
        case E::Locked: return {std::to_string(e.seconds_locked)};
        case E::NoSuchLearner:
        case E::PinNotChanged:
        case E::LockoutNotCleared:
        case E::RemoveExportFailed:
        case E::RemoveExportNotWritten:
        case E::RemoveRefused: return {e.name};
        case E::RenameRefused:
            return e.store_error == StoreError::DuplicateName || e.store_error == StoreError::InvalidArgument
                       ? std::vector<std::string>{e.new_name}
                       : std::vector<std::string>{e.name};
        default: return {};
    }
}

TEST(KioskWords, EveryAdministratorOutcomeIsWordedInTheCoursesLanguageWithItsData) {
    Diagnostics problems;
    const UiCatalog english;
    const UiCatalog arabic = LoadUiCatalog("ar", UiCatalogDirs(), problems);
    ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
    const std::vector<std::string> data = {kName, kNewName, kDir, kPin, "lectern-progress.csv", "chmod 600 "};
    int worded = 0;

    // Every success, with the learner's names, the folder, the file and the counts.
    using D = kiosk::AdminDoneCode;
    for (int code = static_cast<int>(D::Unlocked); code <= static_cast<int>(D::Exported); ++code) {
        kiosk::AdminDone d;
        d.code = static_cast<D>(code);
        d.name = kName;
        d.new_name = kNewName;
        d.folder = os::Path(kDir);
        d.files = {os::Path(kDir + "/lectern-progress.csv"), os::Path(kDir + "/b.json"), os::Path(kDir + "/c.txt")};
        d.rows = 1234;
        d.statements = 5678;
        SCOPED_TRACE("done " + std::to_string(code));
        if (d.code == D::Unlocked) {
            EXPECT_EQ(Words(english, kiosk::AdminResult(d)), "");
            EXPECT_EQ(Words(arabic, kiosk::AdminResult(d)), "");
            continue;
        }
        std::vector<std::string> shown;
        if (d.code == D::PinReset || d.code == D::PinRemoved || d.code == D::LockoutCleared || d.code == D::Removed) shown = {kName};
        if (d.code == D::Renamed) shown = {kName, kNewName};
        if (d.code == D::Removed) shown.push_back(kDir + "/lectern-progress.csv");
        if (d.code == D::Exported) shown = {"1234", "5678", kDir, "lectern-progress.csv"};
        ExpectWorded({Words(english, kiosk::AdminResult(d)), Words(arabic, kiosk::AdminResult(d)), shown, data});
        ++worded;
    }

    // Every refusal x the errors underneath it (store, PIN, file, export, the PIN file).
    using E = kiosk::AdminErrorCode;
    const std::vector<os::FileError> files = EveryFileError();
    const std::vector<AdminFileError> pin_files = EveryAdminFileError();
    for (int code = static_cast<int>(E::NotUnlocked); code <= static_cast<int>(E::ExportLogNotWritten); ++code)
        for (StoreError store : {StoreError::DiskFull, StoreError::Busy, StoreError::Io, StoreError::DuplicateName, StoreError::InvalidArgument})
            for (PinError pin : {PinError::Empty, PinError::TooShort, PinError::TooLong, PinError::NotDigits})
                for (size_t f = 0; f < files.size(); ++f)
                    for (ExportErrorCode export_code : {ExportErrorCode::NoSuchLearner, ExportErrorCode::OutputFailed, ExportErrorCode::File}) {
                        kiosk::AdminError e;
                        e.code = static_cast<E>(code);
                        e.name = kName;
                        e.new_name = kNewName;
                        e.seconds_locked = 27;
                        e.store_error = store;
                        e.pin_error = pin;
                        e.file = files[f];
                        e.admin_file = pin_files[f % pin_files.size()];
                        e.export_error.code = export_code;
                        e.export_error.learner = kName;
                        e.export_error.file = files[f];
                        const kiosk::AdminResult r = kiosk::AdminResult::Fail(e);
                        const Worded w{Words(english, r), Words(arabic, r), ShownData(e), data};
                        SCOPED_TRACE("error " + std::to_string(code) + ": " + w.en);
                        ExpectWorded(w);
                        // The error underneath is said too, in the same language.
                        if (e.code == E::ExportLogNotWritten || e.code == E::RemoveExportNotWritten) {
                            EXPECT_NE(w.en.find(Words(english, e.file)), std::string::npos);
                            EXPECT_NE(w.ar.find(Words(arabic, e.file)), std::string::npos);
                        }
                        if (e.code == E::AdminPinFile || e.code == E::AdminPinNotSaved) {
                            EXPECT_NE(w.ar.find(Words(arabic, e.admin_file)), std::string::npos);
                        }
                        if (e.code == E::ExportFailed) { EXPECT_NE(w.ar.find(Words(arabic, e.export_error)), std::string::npos); }
                        ++worded;
                    }
    EXPECT_EQ(worded, 8 + 19 * 5 * 4 * static_cast<int>(files.size()) * 3);
}

TEST(KioskWords, EveryFileErrorNamesItsPathInTheCoursesLanguage) {
    Diagnostics problems;
    const UiCatalog english;
    const UiCatalog arabic = LoadUiCatalog("ar", UiCatalogDirs(), problems);
    ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
    const std::vector<std::string> data = {kDir, kPin, "lectern-progress.csv", "chmod 600 "};
    int worded = 0;
    for (const os::FileError& f : EveryFileError()) {
        SCOPED_TRACE(os::Describe(f));
        ExpectWorded({Words(english, f), Words(arabic, f), {os::Utf8(f.path)}, data});
        ++worded;
    }
    for (const AdminFileError& e : EveryAdminFileError()) {
        SCOPED_TRACE(Describe(e));
        std::vector<std::string> shown = {kPin};
        if (e.code == AdminFileErrorCode::IdleOutOfRange) shown = {};
        if (e.code == AdminFileErrorCode::IdleNotOverWarning) shown = {"45"};
        if (e.code == AdminFileErrorCode::OtherOwner) shown.push_back("4242");
        ExpectWorded({Words(english, e), Words(arabic, e), shown, data});
        ++worded;
    }
    // The system's reasons an administrator can act on are said, differently for each.
    os::FileError full = EveryFileError().front(), refused = full;
    full.system_error = ENOSPC;
    refused.system_error = EACCES;
    EXPECT_NE(Words(arabic, full), Words(arabic, refused));
    EXPECT_EQ(worded, 22 * 5 + 13);
}


TEST(KioskWords, EveryProgressFileBannerAndMoveAsideIsWordedInTheCoursesLanguageWithItsData) {
    Diagnostics problems;
    const UiCatalog english;
    const UiCatalog arabic = LoadUiCatalog("ar", UiCatalogDirs(), problems);
    ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
    const std::string why = kDir + "/progress.sqlite3 is not a database";  // the store's own words
    const std::vector<std::string> data = {why, kDir + "/progress.sqlite3", kDir, "lectern-progress.csv", "chmod 600 "};
    int worded = 0;
    for (NotSaving not_saving : {NotSaving::No, NotSaving::CannotWrite, NotSaving::FileUntouched, NotSaving::FileTouched})
        for (bool log_set_aside : {false, true}) {
            PlayerStore s;
            s.path = kDir + "/progress.sqlite3";
            s.not_saving = not_saving;
            s.why_not_saving = why;
            s.log_set_aside = log_set_aside;
            const std::string en = Words(english, s), ar = Words(arabic, s);
            SCOPED_TRACE(en);
            if (not_saving == NotSaving::No && !log_set_aside) {
                EXPECT_EQ(en, "");
                EXPECT_EQ(ar, "");
                continue;
            }
            ExpectWorded({en, ar, {not_saving == NotSaving::No ? s.path : why}, data});
            ++worded;
        }
    // Not moved: not damaged, or any file error (with the path it names).
    StoreMoveError not_damaged;
    not_damaged.not_damaged = true;
    ExpectWorded({Words(english, not_damaged), Words(arabic, not_damaged), {}, data});
    ++worded;
    for (const os::FileError& f : EveryFileError()) {
        StoreMoveError e;
        e.file = f;
        SCOPED_TRACE(Describe(e));
        ExpectWorded({Words(english, e), Words(arabic, e), {os::Utf8(f.path)}, data});
        EXPECT_NE(Words(arabic, e).find(Words(arabic, f)), std::string::npos);
        ++worded;
    }
    EXPECT_EQ(worded, 7 + 1 + 22 * 5);
}

// The store's own problems (progress/progress_store.h: StoreProblem, with the file or folder)
// reach the banner's {problem} and the damaged file's screens worded from the catalog: the
// store's English message is for the log, never in the Arabic banner.
TEST(KioskWords, EveryProgressStoreProblemIsWordedInTheCoursesLanguageWithItsPath) {
    Diagnostics problems;
    const UiCatalog english;
    const UiCatalog arabic = LoadUiCatalog("ar", UiCatalogDirs(), problems);
    ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
    const std::string file = kDir + "/progress.sqlite3";
    int worded = 0;
    for (int code = static_cast<int>(StoreProblem::None) + 1; code <= static_cast<int>(StoreProblem::Unreadable); ++code) {
        const auto problem = static_cast<StoreProblem>(code);
        for (const std::string& path : {file, kDir}) {
            SCOPED_TRACE(std::string(ToString(problem)) + " " + path);
            // Alone (the damaged file's screens), and in every banner.
            ExpectWorded({Words(english, problem, path), Words(arabic, problem, path), {path}, {path}});
            ++worded;
            for (NotSaving not_saving : {NotSaving::CannotWrite, NotSaving::FileUntouched, NotSaving::FileTouched}) {
                PlayerStore s;
                s.path = file;
                s.not_saving = not_saving;
                s.why_not_saving = path + ": attempt to write a readonly database";  // the store's English, for the log
                s.problem_code = problem;
                s.problem_path = path;
                ExpectWorded({Words(english, s), Words(arabic, s), {path}, {path}});
                ++worded;
            }
        }
    }
    EXPECT_EQ(worded, 13 * 2 * 4);
}

// The not-saving banner a learner's session raises (learning/session.h: Session::SaveTrouble),
// for every store error, with answers waiting (one, several) or after one failed write: worded
// from the catalog with its count, never Session::LastError's English inside the Arabic banner.
TEST(KioskWords, EverySessionSaveTroubleIsWordedInTheCoursesLanguageWithItsCount) {
    Diagnostics problems;
    const UiCatalog english;
    const UiCatalog arabic = LoadUiCatalog("ar", UiCatalogDirs(), problems);
    ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
    EXPECT_EQ(Words(english, Session::Trouble{}), "");
    EXPECT_EQ(Words(arabic, Session::Trouble{}), "");
    int worded = 0;
    for (int code = static_cast<int>(StoreError::None) + 1; code <= static_cast<int>(StoreError::InvalidArgument); ++code)
        for (const int waiting : {0, 1, 2, 17}) {
            const Session::Trouble trouble{waiting, static_cast<StoreError>(code)};
            SCOPED_TRACE(std::string(ToString(trouble.code)) + " x " + std::to_string(waiting));
            const std::vector<std::string> count = waiting ? std::vector<std::string>{std::to_string(waiting)} : std::vector<std::string>{};
            ExpectWorded({Words(english, trouble), Words(arabic, trouble), count, count});
            // The reason is the store error's own clause, in both languages.
            EXPECT_NE(Words(arabic, trouble).find(Words(arabic, trouble.code)), std::string::npos);
            ++worded;
        }
    EXPECT_EQ(worded, 9 * 4);
}

}  // namespace
}  // namespace lectern::ui
