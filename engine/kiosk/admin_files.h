// The small private files in the kiosk's data folder: the administrator PIN (admin.pin), its
// lock-out (admin.gate) and what the administrator set on the admin screen (kiosk-admin.conf).
// Their errors are codes with their data (AdminFileError), never English sentences: the interface
// words them in the course's language (ui/kiosk_words.cpp), Describe() in English for logs and
// tools (admin_describe.cpp). tests/core/test_ui_strings.cpp holds admin_files.cpp to that.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "kiosk/pin.h"
#include "os/files.h"

namespace lectern {

enum class AdminFileErrorCode {
    Missing,           // no such file (`path`)
    Link,              // a symbolic link: a planted link must not choose the PIN
    NotRegular,
    Unreadable,        // the system refused (`system_error`)
    WritableByOthers,  // anyone able to write it could let themselves out: chmod 600
    OtherOwner,        // owned by `owner`, neither this user nor root
    TooLong,           // too long for a PIN hash
    NotAHash,          // does not hold an Argon2id PIN hash
    ReadableByOthers,  // a warning (the PIN still works): others could try PINs against it offline
    NotAHashToWrite,   // refused to write something that is not an Argon2id PIN hash
    NotWritten,        // the file system refused the write (`file`)
    IdleOutOfRange,    // `seconds` is not from 30 seconds to 24 hours
    IdleNotOverWarning,  // `seconds` is not longer than the `countdown_seconds` warning
};
struct AdminFileError {
    AdminFileErrorCode code = AdminFileErrorCode::NotWritten;
    std::string path;
    int system_error = 0;
    long owner = 0;
    os::FileError file;
    int seconds = 0;
    int countdown_seconds = 0;
};
// English, for logs and tools: "/var/lib/lectern/admin.pin is a symbolic link".
std::string Describe(const AdminFileError& error);
using AdminFileStatus = StatusOf<AdminFileError>;

// Writes `content` to `path` so that readers see the old file or the new one, never a mix or an
// empty file, even across a power cut (os::WriteFileAtomically with this mode).
os::WriteResult WriteFileAtomically(const std::string& path, const std::string& content, os::mode_t mode);

// <data_dir>/admin.pin: the administrator PIN's Argon2id string and a newline, mode 0600.
// Kept out of the progress database so that exporting or copying learners' progress never carries
// the key that unlocks the kiosk, and so an admin can reset it by deleting one file.
std::string AdminPinPath(const std::string& data_dir);
// <data_dir>/admin.gate: the administrator's PinGate (Serialize()), mode 0600.
std::string AdminGatePath(const std::string& data_dir);

enum class AdminPinStatus {
    Ok,          // hash holds a usable Argon2id string (problem may hold a warning)
    Missing,     // no admin.pin: no administrator PIN has been set
    Unreadable,  // the OS refused to read it (problem says why)
    Insecure,    // a symlink, not a regular file, writable by group/others, or owned by someone
                 // other than this user or root: anyone able to write it could let themselves out
    Malformed,   // the file does not hold an Argon2id string
};
const char* ToString(AdminPinStatus status);

struct AdminPinRead {
    AdminPinStatus status = AdminPinStatus::Missing;
    std::string hash;
    // Why, for the admin screen; when Ok, a warning (ReadableByOthers) or nothing.
    std::optional<AdminFileError> problem;
};

AdminPinRead ReadAdminPinHash(const std::string& data_dir);
// Refuses (NotAHashToWrite) anything IsPinHash rejects, so no plain PIN can ever be written here.
AdminFileStatus WriteAdminPinHash(const std::string& data_dir, const std::string& hash);

// <data_dir>/kiosk-admin.conf: what the administrator set on the admin screen, which takes
// precedence over the configuration file (often root's, in /etc, which the kiosk user cannot
// write). One key for now: "idle_timeout_seconds = N", 30 to 86400. Mode 0600.
std::string AdminSettingsPath(const std::string& data_dir);
// The administrator's idle timeout, or nullopt when none was set or the file is unusable (then
// the configuration file's value applies).
std::optional<int> ReadAdminIdleTimeout(const std::string& data_dir);
// Refuses a value outside 30 to 86400 seconds (IdleOutOfRange) or not longer than
// `countdown_seconds` (IdleNotOverWarning).
AdminFileStatus WriteAdminIdleTimeout(const std::string& data_dir, int seconds, int countdown_seconds);

// A fresh PinGate when the file is missing or unreadable: the state holds no secret, and the
// folder is the kiosk user's own.
PinGate ReadAdminGate(const std::string& data_dir);
AdminFileStatus WriteAdminGate(const std::string& data_dir, const PinGate& gate);

}  // namespace lectern
