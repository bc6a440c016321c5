// The kiosk administrator's actions on learners and on the store, behind the administrator PIN
// (the app unlocks this screen; nothing here asks again). Each action that changes a learner's
// record or their way in is written to the administrator log (<data dir>/admin.log, mode 0600),
// which every export carries beside the progress files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "kiosk/admin_files.h"
#include "kiosk/pin.h"
#include "os/files.h"
#include "progress/progress_store.h"
#include "reports/progress_export.h"

namespace lectern::kiosk {

// What an administrator's action did, or why it did nothing, as a code with its data (a name,
// seconds, files, the error underneath), never as an English sentence: the interface words it
// from the catalog in the course's language (ui/kiosk_words.cpp), and Describe() in English for
// logs and tools (admin_describe.cpp). tests/core/test_ui_strings.cpp holds admin.cpp to that.
enum class AdminDoneCode {
    Unlocked,
    AdminPinSet,      // the first administrator PIN
    AdminPinChanged,
    PinReset,         // `name`'s PIN was replaced
    PinRemoved,       // `name` now signs in without a PIN
    LockoutCleared,   // `name` may try their PIN again now
    Renamed,          // `name` is now `new_name`
    Removed,          // `name` was removed; their records are in `files` (the CSV first)
    Exported,         // `rows` CSV rows and `statements` xAPI statements to `folder`, in `files`
};
struct AdminDone {
    AdminDoneCode code = AdminDoneCode::Unlocked;
    std::string name;
    std::string new_name;
    std::vector<std::filesystem::path> files;  // files written (exports)
    std::filesystem::path folder;
    int64_t rows = 0;
    int64_t statements = 0;
};

enum class AdminErrorCode {
    NotUnlocked,         // only the unlocked screen may change the administrator PIN
    PinsDiffer,
    PinInvalid,          // `pin_error`
    PinUnusable,         // the PIN could not be hashed (`hash_error`)
    AdminPinNotSaved,    // admin.pin could not be written (`admin_file`)
    AdminPinFile,        // admin.pin is missing or unusable (`admin_file`)
    WrongPin,
    Locked,              // too many wrong PINs: `seconds_locked`
    NoStore,             // the progress file is not open
    NoSuchLearner,       // `name`
    PinNotChanged,       // `name`'s PIN: the store refused (`store_error`)
    LockoutNotCleared,   // `name`: the store refused (`store_error`)
    RenameRefused,       // `name` to `new_name`: the store refused (`store_error`)
    RemoveExportFailed,  // `name` kept: their records could not be exported (`export_error`)
    RemoveExportNotWritten,  // `name` kept: their records' file could not be written (`file`)
    RemoveRefused,       // `name`: the store refused (`store_error`)
    NoFolder,            // Export: no folder typed
    ExportFailed,        // `export_error`
    ExportLogNotWritten, // the administrator log's copy (`file`)
};
struct AdminError {
    AdminErrorCode code = AdminErrorCode::NoStore;
    std::string name;
    std::string new_name;
    int seconds_locked = 0;                          // Locked: PIN entry is locked for this long
    PinError pin_error = PinError::None;
    PinHashError hash_error = PinHashError::None;
    StoreError store_error = StoreError::None;
    std::string store_detail;                        // the store's own words, for Describe
    AdminFileError admin_file;                       // AdminPinFile, AdminPinNotSaved
    os::FileError file;
    ExportError export_error;
};

using AdminResult = Result<AdminDone, AdminError>;

// English, for logs, tools and test messages.
std::string Describe(const AdminDone& done);
std::string Describe(const AdminError& error);

// In kiosk mode only the administrator may move a damaged store aside, quit from the error screen
// or leave the kiosk; a learner is told to ask. Outside kiosk mode the person at the screen may.
inline bool MayMoveStoreAside(bool kiosk, bool admin_unlocked) { return !kiosk || admin_unlocked; }
inline bool MayQuit(bool kiosk, bool admin_unlocked) { return !kiosk || admin_unlocked; }

class KioskAdmin {
public:
    // `store` may be null (damaged or missing): only Export-less actions that need no store work.
    // course (optional): the course on this kiosk, so exports carry titles and per-question grades.
    KioskAdmin(ProgressStore* store, std::filesystem::path data_dir, const Course* course = nullptr)
        : m_store(store), m_data_dir(std::move(data_dir)), m_course(course) {}

    // The administrator PIN itself: set at first start (when none exists) or changed from the
    // unlocked screen; never otherwise, whatever a screen sends. The PINs are wiped before return.
    AdminResult SetAdminPin(std::string pin, std::string pin_again, bool unlocked, int64_t now_ms);
    // The administrator PIN typed to open the screen, with its own lock-out (admin.gate).
    AdminResult Unlock(std::string pin, int64_t now_ms);

    // Sets NAME's PIN (typed twice) and clears their lock-out; an empty PIN (both fields empty)
    // removes the PIN. The PINs are wiped before return.
    AdminResult ResetPin(const std::string& name, std::string pin, std::string pin_again, int64_t now_ms);
    // Lets NAME try their PIN again at once, with a fresh count of tries.
    AdminResult ClearLockout(const std::string& name, int64_t now_ms);
    AdminResult Rename(const std::string& name, const std::string& new_name, int64_t now_ms);
    // Exports NAME's records beside the store first; removes nothing if that fails.
    AdminResult Remove(const std::string& name, int64_t now_ms);
    // CSV, xAPI and the administrator log into FOLDER (a USB stick), each named with this
    // machine's name and the time, so exports from several kiosks never overwrite each other.
    AdminResult Export(const std::filesystem::path& folder, int64_t now_ms);

    std::filesystem::path LogPath() const;
    // The log's lines, oldest first ("2026-12-06T20:31:05.000Z reset-pin Ana").
    std::vector<std::string> Log() const;

    // "<stem>-<machine>-<20261206T203105Z><ext>"
    static std::string StampedName(const std::string& stem, const std::string& machine, int64_t now_ms, const std::string& ext);

private:
    // The administrator log is a record in English for whoever audits the kiosk, as the trace is.
    void AppendLog(int64_t now_ms, const std::string& what, const std::string& detail = "");
    ProgressStore* m_store;
    std::filesystem::path m_data_dir;
    const Course* m_course = nullptr;
};

}  // namespace lectern::kiosk
