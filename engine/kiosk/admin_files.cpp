#include "kiosk/admin_files.h"

#include <cctype>
#include <string_view>

#include "kiosk/kiosk_config.h"  // kIdleTimeoutMin, kIdleTimeoutMax
#include "os/files.h"

namespace lectern {

// The one key of kiosk-admin.conf, as the configuration file names the same setting.
constexpr std::string_view kIdleKey = "idle_timeout_seconds";

os::WriteResult WriteFileAtomically(const std::string& path, const std::string& content, os::mode_t mode) {
    os::WriteOptions options;
    options.mode = mode;
    return os::WriteFileAtomically(path, content, options);
}

namespace {

AdminFileStatus Written(const os::WriteResult& w, const std::string& path) {
    if (w) return AdminFileStatus::Ok();
    AdminFileError e;
    e.code = AdminFileErrorCode::NotWritten;
    e.path = path;
    e.file = w.error();
    return AdminFileStatus::Fail(e);
}

}  // namespace

std::string AdminPinPath(const std::string& data_dir) { return data_dir + "/admin.pin"; }
std::string AdminGatePath(const std::string& data_dir) { return data_dir + "/admin.gate"; }

AdminPinRead ReadAdminPinHash(const std::string& data_dir) {
    AdminPinRead r;
    std::string path = AdminPinPath(data_dir);
    auto fail = [&](AdminPinStatus status, AdminFileErrorCode code, int system_error = 0) {
        r.status = status;
        r.problem = AdminFileError{code, path, system_error, 0, {}, 0, 0};
        r.hash.clear();
        return r;
    };
    // Links refused: a symlink planted in place of admin.pin must not choose the PIN for us.
    os::ReadResult read = os::ReadSmallFile(path, 511, true);
    switch (read.status) {
        case os::ReadResult::Status::Ok:
        case os::ReadResult::Status::TooLarge: break;
        case os::ReadResult::Status::Missing:
            return fail(AdminPinStatus::Missing, AdminFileErrorCode::Missing);
        case os::ReadResult::Status::Link: return fail(AdminPinStatus::Insecure, AdminFileErrorCode::Link);
        case os::ReadResult::Status::NotRegular: return fail(AdminPinStatus::Insecure, AdminFileErrorCode::NotRegular);
        case os::ReadResult::Status::Error:
            return fail(AdminPinStatus::Unreadable, AdminFileErrorCode::Unreadable, read.error);
    }
    const os::FileInfo& st = read.info;
    if (st.group_or_others_write) {
        return fail(AdminPinStatus::Insecure, AdminFileErrorCode::WritableByOthers);
    }
    if (!st.owned_by_me_or_root) {
        fail(AdminPinStatus::Insecure, AdminFileErrorCode::OtherOwner);
        r.problem->owner = st.owner;
        return r;
    }
    if (read.status == os::ReadResult::Status::TooLarge)
        return fail(AdminPinStatus::Malformed, AdminFileErrorCode::TooLong);
    std::string text = std::move(read.content);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (!IsPinHash(text)) {
        return fail(AdminPinStatus::Malformed, AdminFileErrorCode::NotAHash);
    }
    r.status = AdminPinStatus::Ok;
    r.hash = std::move(text);
    if (st.group_or_others_read) {
        r.problem = AdminFileError{AdminFileErrorCode::ReadableByOthers, path, 0, 0, {}, 0, 0};
    }
    return r;
}

AdminFileStatus WriteAdminPinHash(const std::string& data_dir, const std::string& hash) {
    const std::string path = AdminPinPath(data_dir);
    if (!IsPinHash(hash)) return AdminFileStatus::Fail(AdminFileError{AdminFileErrorCode::NotAHashToWrite, path, 0, 0, {}, 0, 0});
    return Written(WriteFileAtomically(path, hash + "\n", 0600), path);
}

std::string AdminSettingsPath(const std::string& data_dir) { return data_dir + "/kiosk-admin.conf"; }

std::optional<int> ReadAdminIdleTimeout(const std::string& data_dir) {
    os::ReadResult read = os::ReadSmallFile(AdminSettingsPath(data_dir), 255, true);
    if (read.status != os::ReadResult::Status::Ok || read.content.empty()) return std::nullopt;
    // "idle_timeout_seconds = N", spaces anywhere around the parts, nothing else.
    std::string_view text(read.content);
    auto skip = [&] {
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    };
    skip();
    constexpr std::string_view kKey = kIdleKey;
    if (text.substr(0, kKey.size()) != kKey) return std::nullopt;
    text.remove_prefix(kKey.size());
    skip();
    if (text.empty() || text.front() != '=') return std::nullopt;
    text.remove_prefix(1);
    skip();
    long seconds = 0;
    size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) && seconds <= 86400)
        seconds = seconds * 10 + (text[digits++] - '0');
    if (digits == 0 || seconds < 30 || seconds > 86400) return std::nullopt;
    text.remove_prefix(digits);
    skip();
    if (!text.empty()) return std::nullopt;
    return static_cast<int>(seconds);
}

AdminFileStatus WriteAdminIdleTimeout(const std::string& data_dir, int seconds, int countdown_seconds) {
    const std::string path = AdminSettingsPath(data_dir);
    auto refuse = [&](AdminFileErrorCode code) {
        return AdminFileStatus::Fail(AdminFileError{code, path, 0, 0, {}, seconds, countdown_seconds});
    };
    if (seconds < kIdleTimeoutMin || seconds > kIdleTimeoutMax) return refuse(AdminFileErrorCode::IdleOutOfRange);
    if (seconds <= countdown_seconds) return refuse(AdminFileErrorCode::IdleNotOverWarning);
    return Written(WriteFileAtomically(path, std::string(kIdleKey) + " = " + std::to_string(seconds) + "\n", 0600), path);
}

PinGate ReadAdminGate(const std::string& data_dir) {
    std::string path = AdminGatePath(data_dir);
    os::ReadResult read = os::ReadSmallFile(path, 1024, true);
    if (read.status != os::ReadResult::Status::Ok || read.content.empty()) return PinGate{};
    return ParsePinGate(read.content).value_or(PinGate{});
}

AdminFileStatus WriteAdminGate(const std::string& data_dir, const PinGate& gate) {
    const std::string path = AdminGatePath(data_dir);
    return Written(WriteFileAtomically(path, gate.Serialize() + "\n", 0600), path);
}

}  // namespace lectern
