// The kiosk administrator's outcomes and errors in English, for logs, tools and test messages.
// Kept apart from admin.cpp and admin_files.cpp, which say what happened only in codes (the
// interface words those from the catalog in the course's language: ui/kiosk_words.cpp).
#include <string>

#include "kiosk/admin.h"
#include "kiosk/admin_files.h"
#include "os/files.h"

namespace lectern {

const char* ToString(AdminPinStatus status) {
    switch (status) {
        case AdminPinStatus::Ok: return "ok";
        case AdminPinStatus::Missing: return "missing";
        case AdminPinStatus::Unreadable: return "unreadable";
        case AdminPinStatus::Insecure: return "insecure";
        case AdminPinStatus::Malformed: return "malformed";
    }
    return "unknown";
}

std::string Describe(const AdminFileError& e) {
    const std::string& p = e.path;
    switch (e.code) {
        case AdminFileErrorCode::Missing: return "no administrator PIN has been set (" + p + ")";
        case AdminFileErrorCode::Link: return p + " is a symbolic link";
        case AdminFileErrorCode::NotRegular: return p + " is not a regular file";
        case AdminFileErrorCode::Unreadable: return "cannot read " + p + ": " + os::ErrorText(e.system_error);
        case AdminFileErrorCode::WritableByOthers: return p + " can be changed by other users; run: chmod 600 " + p;
        case AdminFileErrorCode::OtherOwner: return p + " belongs to another user (uid " + std::to_string(e.owner) + ")";
        case AdminFileErrorCode::TooLong: return p + " is too long for a PIN hash";
        case AdminFileErrorCode::NotAHash: return p + " does not hold an Argon2id PIN hash; set the PIN again";
        case AdminFileErrorCode::ReadableByOthers:
            return p + " can be read by other users, who could try PINs against it offline; run: chmod 600 " + p;
        case AdminFileErrorCode::NotAHashToWrite: return "refusing to write something that is not an Argon2id PIN hash to " + p;
        case AdminFileErrorCode::NotWritten: return os::Describe(e.file);
        case AdminFileErrorCode::IdleOutOfRange:
            return "the idle time must be from 30 seconds to 24 hours, not " + std::to_string(e.seconds) + " seconds";
        case AdminFileErrorCode::IdleNotOverWarning:
            return "the idle time must be longer than the " + std::to_string(e.countdown_seconds) + "-second warning";
    }
    return "unknown error with " + p;
}

}  // namespace lectern

namespace lectern::kiosk {

std::string Describe(const AdminDone& d) {
    switch (d.code) {
        case AdminDoneCode::Unlocked: return "unlocked";
        case AdminDoneCode::AdminPinSet: return "The administrator PIN is set.";
        case AdminDoneCode::AdminPinChanged: return "The administrator PIN was changed.";
        case AdminDoneCode::PinReset: return d.name + "'s PIN was reset.";
        case AdminDoneCode::PinRemoved: return d.name + " now signs in without a PIN.";
        case AdminDoneCode::LockoutCleared: return d.name + " may try their PIN again now.";
        case AdminDoneCode::Renamed: return "Renamed " + d.name + " to " + d.new_name + ".";
        case AdminDoneCode::Removed:
            return d.name + " was removed; their records are in " + (d.files.empty() ? std::string() : d.files.front().string());
        case AdminDoneCode::Exported:
            return "Exported " + std::to_string(d.rows) + " rows and " + std::to_string(d.statements) + " statements to " +
                   d.folder.string() + " (" + (d.files.empty() ? std::string() : d.files.front().filename().string()) +
                   " and two more files).";
    }
    return "done";
}

std::string Describe(const AdminError& e) {
    const std::string store = e.store_detail.empty() ? std::string(ToString(e.store_error)) : e.store_detail;
    switch (e.code) {
        case AdminErrorCode::NotUnlocked: return "Unlock the administrator screen first.";
        case AdminErrorCode::PinsDiffer: return "The two PINs differ.";
        case AdminErrorCode::PinInvalid: return std::string("PIN: ") + ToString(e.pin_error);
        case AdminErrorCode::PinUnusable: return std::string("That PIN cannot be used: ") + ToString(e.hash_error);
        case AdminErrorCode::AdminPinNotSaved: return "Could not save the PIN: " + Describe(e.admin_file);
        case AdminErrorCode::AdminPinFile: return Describe(e.admin_file);
        case AdminErrorCode::WrongPin: return "That PIN is not right.";
        case AdminErrorCode::Locked: return "Too many wrong PINs. Try again in " + std::to_string(e.seconds_locked) + " seconds.";
        case AdminErrorCode::NoStore: return "The progress file is not open.";
        case AdminErrorCode::NoSuchLearner: return "No learner is called " + e.name + ".";
        case AdminErrorCode::PinNotChanged: return "The PIN was not changed: " + store;
        case AdminErrorCode::LockoutNotCleared: return "The lock-out was not cleared: " + store;
        case AdminErrorCode::RenameRefused: return "Could not rename: " + store;
        case AdminErrorCode::RemoveExportFailed: return "Not removed: the export failed (" + Describe(e.export_error) + ")";
        case AdminErrorCode::RemoveExportNotWritten:
            return "Not removed: the export could not be written (" + os::Describe(e.file) + ")";
        case AdminErrorCode::RemoveRefused: return "Could not remove: " + store;
        case AdminErrorCode::NoFolder: return "Type the folder to export to, such as a USB stick's.";
        case AdminErrorCode::ExportFailed: return "Export failed: " + Describe(e.export_error);
        case AdminErrorCode::ExportLogNotWritten: return "Export failed: " + os::Describe(e.file);
    }
    return "failed";
}

}  // namespace lectern::kiosk
