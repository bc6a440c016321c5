#include "kiosk/admin.h"

#include <ctime>
#include <fstream>
#include <sstream>

#include "kiosk/admin_files.h"
#include "kiosk/pin.h"
#include "os/files.h"
#include "os/system.h"
#include "reports/progress_export.h"

namespace lectern::kiosk {
namespace fs = std::filesystem;

namespace {

AdminError Error(AdminErrorCode code, const std::string& name = "") {
    AdminError e;
    e.code = code;
    e.name = name;
    return e;
}

AdminResult Refuse(AdminErrorCode code, const std::string& name = "") { return AdminResult::Fail(Error(code, name)); }

AdminResult StoreRefused(AdminErrorCode code, const std::string& name, const WriteResult& w) {
    AdminError e;
    e.code = code;
    e.name = name;
    e.store_error = w.error().code;
    e.store_detail = w.error().message;
    return AdminResult::Fail(e);
}

AdminDone Did(AdminDoneCode code, const std::string& name = "") {
    AdminDone d;
    d.code = code;
    d.name = name;
    return d;
}

std::string ReadWhole(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

std::string KioskAdmin::StampedName(const std::string& stem, const std::string& machine, int64_t now_ms, const std::string& ext) {
    std::time_t t = static_cast<std::time_t>(now_ms / 1000);
    std::tm tm = os::UtcTime(t);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    return stem + "-" + machine + "-" + stamp + ext;
}

fs::path KioskAdmin::LogPath() const { return m_data_dir / "admin.log"; }

void KioskAdmin::AppendLog(int64_t now_ms, const std::string& what, const std::string& detail) {
    // Small and rare: rewrite it whole, atomically, so a power cut never leaves half a line.
    std::string text = ReadWhole(LogPath());
    text += FormatIsoUtc(now_ms) + " " + what + (detail.empty() ? "" : " ") + detail + "\n";
    os::WriteFileAtomically(LogPath(), text);
}
std::vector<std::string> KioskAdmin::Log() const {
    std::vector<std::string> lines;
    std::istringstream in(ReadWhole(LogPath()));
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

AdminResult KioskAdmin::SetAdminPin(std::string pin, std::string pin_again, bool unlocked, int64_t now_ms) {
    PinWipeGuard wipe(pin, pin_again);
    const bool first = ReadAdminPinHash(m_data_dir.string()).status == AdminPinStatus::Missing;
    if (!first && !unlocked) return Refuse(AdminErrorCode::NotUnlocked);
    if (pin != pin_again) return Refuse(AdminErrorCode::PinsDiffer);
    if (PinError e = ValidatePin(pin); e != PinError::None) {
        AdminError error = Error(AdminErrorCode::PinInvalid);
        error.pin_error = e;
        return AdminResult::Fail(error);
    }
    PinHashResult h = HashPin(pin);
    if (!h.ok()) {
        AdminError error = Error(AdminErrorCode::PinUnusable);
        error.hash_error = h.error().code;
        return AdminResult::Fail(error);
    }
    AdminFileStatus w = WriteAdminPinHash(m_data_dir.string(), *h);
    if (!w) {
        AdminError error = Error(AdminErrorCode::AdminPinNotSaved);
        error.admin_file = w.error();
        return AdminResult::Fail(error);
    }
    WriteAdminGate(m_data_dir.string(), PinGate{});
    AppendLog(now_ms, first ? "set-admin-pin" : "change-admin-pin");
    return Did(first ? AdminDoneCode::AdminPinSet : AdminDoneCode::AdminPinChanged);
}

AdminResult KioskAdmin::Unlock(std::string pin, int64_t now_ms) {
    PinWipeGuard wipe(pin);
    AdminPinRead stored = ReadAdminPinHash(m_data_dir.string());
    if (stored.status != AdminPinStatus::Ok) {
        AdminError error = Error(AdminErrorCode::AdminPinFile);
        if (stored.problem) error.admin_file = *stored.problem;
        return AdminResult::Fail(error);
    }
    PinGate gate = ReadAdminGate(m_data_dir.string());
    PinAttempt r = TryPin(gate, pin, stored.hash, now_ms, [&](const PinGate& g) { WriteAdminGate(m_data_dir.string(), g); });
    if (r == PinAttempt::Accepted) return Did(AdminDoneCode::Unlocked);
    AdminError error = Error(AdminErrorCode::WrongPin);
    if (r == PinAttempt::BadHash) {
        error.code = AdminErrorCode::AdminPinFile;
        error.admin_file = AdminFileError{AdminFileErrorCode::NotAHash, AdminPinPath(m_data_dir.string()), 0, 0, {}, 0, 0};
    }
    error.seconds_locked = gate.SecondsLeft(now_ms);
    if (error.seconds_locked > 0) error.code = AdminErrorCode::Locked;
    return AdminResult::Fail(error);
}

AdminResult KioskAdmin::ResetPin(const std::string& name, std::string pin, std::string pin_again, int64_t now_ms) {
    PinWipeGuard wipe(pin, pin_again);
    if (!m_store) return Refuse(AdminErrorCode::NoStore);
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return Refuse(AdminErrorCode::NoSuchLearner, name);
    if (pin != pin_again) return Refuse(AdminErrorCode::PinsDiffer, learner->display_name);
    std::optional<std::string> hash;
    if (!pin.empty()) {
        if (PinError e = ValidatePin(pin); e != PinError::None) {
            AdminError error = Error(AdminErrorCode::PinInvalid, learner->display_name);
            error.pin_error = e;
            return AdminResult::Fail(error);
        }
        PinHashResult h = HashPin(pin);
        if (!h.ok()) {
            AdminError error = Error(AdminErrorCode::PinUnusable, learner->display_name);
            error.hash_error = h.error().code;
            return AdminResult::Fail(error);
        }
        hash = *h;
    }
    WriteResult w = m_store->SetPinHash(learner->id, hash, now_ms);
    if (!w.ok()) return StoreRefused(AdminErrorCode::PinNotChanged, learner->display_name, w);
    m_store->SetSetting(learner->id, kPinGateSettingKey, PinGate{}.Serialize(), now_ms);
    AppendLog(now_ms, hash ? "reset-pin" : "remove-pin", learner->display_name);
    return Did(hash ? AdminDoneCode::PinReset : AdminDoneCode::PinRemoved, learner->display_name);
}

AdminResult KioskAdmin::ClearLockout(const std::string& name, int64_t now_ms) {
    if (!m_store) return Refuse(AdminErrorCode::NoStore);
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return Refuse(AdminErrorCode::NoSuchLearner, name);
    WriteResult w = m_store->SetSetting(learner->id, kPinGateSettingKey, PinGate{}.Serialize(), now_ms);
    if (!w.ok()) return StoreRefused(AdminErrorCode::LockoutNotCleared, learner->display_name, w);
    AppendLog(now_ms, "clear-lockout", learner->display_name);
    return Did(AdminDoneCode::LockoutCleared, learner->display_name);
}

AdminResult KioskAdmin::Rename(const std::string& name, const std::string& new_name, int64_t now_ms) {
    if (!m_store) return Refuse(AdminErrorCode::NoStore);
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return Refuse(AdminErrorCode::NoSuchLearner, name);
    WriteResult w = m_store->RenameLearner(learner->id, new_name, now_ms);
    if (!w.ok()) {
        AdminResult refused = StoreRefused(AdminErrorCode::RenameRefused, learner->display_name, w);
        AdminError error = refused.error();
        error.new_name = new_name;
        return AdminResult::Fail(error);
    }
    std::optional<Learner> renamed = m_store->GetLearner(learner->id);
    AdminDone done = Did(AdminDoneCode::Renamed, learner->display_name);
    done.new_name = renamed ? renamed->display_name : new_name;
    AppendLog(now_ms, "rename", learner->display_name + " -> " + done.new_name);
    return done;
}

AdminResult KioskAdmin::Remove(const std::string& name, int64_t now_ms) {
    if (!m_store) return Refuse(AdminErrorCode::NoStore);
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return Refuse(AdminErrorCode::NoSuchLearner, name);
    ExportOptions o;
    if (m_course) o.courses.push_back(m_course);
    o.learner_name = learner->display_name;
    ExportResult csv = ExportCsv(*m_store, o), xapi = ExportXapi(*m_store, o);
    if (!csv || !xapi) {
        AdminError error = Error(AdminErrorCode::RemoveExportFailed, learner->display_name);
        error.export_error = (csv ? xapi : csv).error();
        return AdminResult::Fail(error);
    }
    const std::string base = "removed-learner-" + std::to_string(learner->id) + "-" + std::to_string(now_ms);
    AdminDone done = Did(AdminDoneCode::Removed, learner->display_name);
    using Item = std::pair<fs::path, const std::string*>;
    for (const auto& [file, text] : {Item{m_data_dir / (base + ".csv"), &csv->text}, Item{m_data_dir / (base + "-xapi.json"), &xapi->text}}) {
        os::WriteResult w = os::WriteFileAtomically(file, *text);
        if (!w) {
            AdminError error = Error(AdminErrorCode::RemoveExportNotWritten, learner->display_name);
            error.file = w.error();
            return AdminResult::Fail(error);
        }
        done.files.push_back(file);
    }
    WriteResult w = m_store->RemoveLearner(learner->id, now_ms);
    if (!w.ok()) return StoreRefused(AdminErrorCode::RemoveRefused, learner->display_name, w);
    AppendLog(now_ms, "remove", learner->display_name + " (records in " + done.files.front().filename().string() + ")");
    return done;
}

AdminResult KioskAdmin::Export(const fs::path& folder, int64_t now_ms) {
    if (!m_store) return Refuse(AdminErrorCode::NoStore);
    if (folder.empty()) return Refuse(AdminErrorCode::NoFolder);
    ExportOptions o;
    if (m_course) o.courses.push_back(m_course);
    const std::string machine = os::MachineName();
    os::WriteOptions options;
    options.mode = 0644;  // for the people the stick goes to; an existing file keeps its own
    options.keep_existing_mode = true;
    options.never_replace = {m_store->path(), m_store->path() + "-wal", m_store->path() + "-journal", LogPath()};
    AdminDone done = Did(AdminDoneCode::Exported);
    done.folder = folder;
    auto failed = [](const ExportResult& r) {
        AdminError error = Error(AdminErrorCode::ExportFailed);
        error.export_error = r.error();
        return AdminResult::Fail(error);
    };
    // Streamed to the stick as they are made: every learner's statements at once would not fit
    // in a small kiosk's memory. Each file appears whole or not at all.
    const fs::path csv_file = folder / StampedName("lectern-progress", machine, now_ms, ".csv");
    const fs::path xapi_file = folder / StampedName("lectern-progress-xapi", machine, now_ms, ".json");
    ExportResult csv = ExportToFile(ExportFormat::Csv, *m_store, o, csv_file, options);
    if (!csv) return failed(csv);
    done.files.push_back(csv_file);
    ExportResult xapi = ExportToFile(ExportFormat::Xapi, *m_store, o, xapi_file, options);
    if (!xapi) return failed(xapi);
    done.files.push_back(xapi_file);
    AppendLog(now_ms, "export", folder.string());
    const fs::path log_file = folder / StampedName("lectern-admin-log", machine, now_ms, ".txt");
    os::WriteResult w = os::WriteFileAtomically(log_file, ReadWhole(LogPath()), options);
    if (!w) {
        AdminError error = Error(AdminErrorCode::ExportLogNotWritten);
        error.file = w.error();
        return AdminResult::Fail(error);
    }
    done.files.push_back(log_file);
    done.rows = csv->records;
    done.statements = xapi->records;
    return done;
}

}  // namespace lectern::kiosk
