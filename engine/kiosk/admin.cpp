#include "kiosk/admin.h"

#include <ctime>
#include <fstream>
#include <sstream>

#include "kiosk/kiosk_config.h"
#include "kiosk/pin.h"
#include "os/files.h"
#include "os/system.h"
#include "reports/progress_export.h"

namespace lectern::kiosk {
namespace fs = std::filesystem;

namespace {

AdminResult Done(bool ok, std::string message) {
    AdminResult r;
    r.ok = ok;
    r.message = std::move(message);
    return r;
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

void KioskAdmin::AppendLog(int64_t now_ms, const std::string& line) {
    // Small and rare: rewrite it whole, atomically, so a power cut never leaves half a line.
    std::string text = ReadWhole(LogPath());
    text += FormatIsoUtc(now_ms) + " " + line + "\n";
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
    if (!first && !unlocked) return Done(false, "Unlock the administrator screen first.");
    if (pin != pin_again) return Done(false, "The two PINs differ.");
    if (PinError e = ValidatePin(pin); e != PinError::None) return Done(false, std::string("PIN: ") + ToString(e));
    PinHashResult h = HashPin(pin);
    if (!h.ok()) return Done(false, std::string("That PIN cannot be used: ") + ToString(h.error));
    Status w = WriteAdminPinHash(m_data_dir.string(), h.hash);
    if (!w) return Done(false, "Could not save the PIN: " + w.message());
    WriteAdminGate(m_data_dir.string(), PinGate{});
    AppendLog(now_ms, first ? "set-admin-pin" : "change-admin-pin");
    return Done(true, first ? "The administrator PIN is set." : "The administrator PIN was changed.");
}

AdminResult KioskAdmin::Unlock(std::string pin, int64_t now_ms) {
    PinWipeGuard wipe(pin);
    AdminPinRead stored = ReadAdminPinHash(m_data_dir.string());
    if (stored.status != AdminPinStatus::Ok) return Done(false, stored.message);
    PinGate gate = ReadAdminGate(m_data_dir.string());
    PinAttempt r = TryPin(gate, pin, stored.hash, now_ms, [&](const PinGate& g) { WriteAdminGate(m_data_dir.string(), g); });
    if (r == PinAttempt::Accepted) return Done(true, "");
    AdminResult d = Done(false, "That PIN is not right.");
    if (r == PinAttempt::BadHash) d.message = "The administrator PIN file cannot be used; see tools/kiosk/README.md to reset it.";
    d.seconds_locked = gate.SecondsLeft(now_ms);
    if (d.seconds_locked > 0) d.message = "Too many wrong PINs. Try again in " + std::to_string(d.seconds_locked) + " seconds.";
    return d;
}

AdminResult KioskAdmin::ResetPin(const std::string& name, std::string pin, std::string pin_again, int64_t now_ms) {
    PinWipeGuard wipe(pin, pin_again);
    if (!m_store) return Done(false, "The progress file is not open.");
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return Done(false, "No learner is called " + name + ".");
    if (pin != pin_again) return Done(false, "The two PINs differ.");
    std::optional<std::string> hash;
    if (!pin.empty()) {
        if (PinError e = ValidatePin(pin); e != PinError::None) return Done(false, std::string("PIN: ") + ToString(e));
        PinHashResult h = HashPin(pin);
        if (!h.ok()) return Done(false, std::string("The PIN could not be set: ") + ToString(h.error));
        hash = h.hash;
    }
    WriteResult w = m_store->SetPinHash(learner->id, hash, now_ms);
    if (!w.ok()) return Done(false, std::string("The PIN was not changed: ") + ToString(w.error));
    m_store->SetSetting(learner->id, kPinGateSettingKey, PinGate{}.Serialize(), now_ms);
    AppendLog(now_ms, std::string(hash ? "reset-pin " : "remove-pin ") + learner->display_name);
    return Done(true, hash ? learner->display_name + "'s PIN was reset." : learner->display_name + " now signs in without a PIN.");
}

AdminResult KioskAdmin::ClearLockout(const std::string& name, int64_t now_ms) {
    if (!m_store) return Done(false, "The progress file is not open.");
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return Done(false, "No learner is called " + name + ".");
    WriteResult w = m_store->SetSetting(learner->id, kPinGateSettingKey, PinGate{}.Serialize(), now_ms);
    if (!w.ok()) return Done(false, std::string("The lock-out was not cleared: ") + ToString(w.error));
    AppendLog(now_ms, "clear-lockout " + learner->display_name);
    return Done(true, learner->display_name + " may try their PIN again now.");
}

AdminResult KioskAdmin::Rename(const std::string& name, const std::string& new_name, int64_t now_ms) {
    if (!m_store) return Done(false, "The progress file is not open.");
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return Done(false, "No learner is called " + name + ".");
    WriteResult w = m_store->RenameLearner(learner->id, new_name, now_ms);
    if (!w.ok()) return Done(false, "Could not rename: " + (w.message.empty() ? std::string(ToString(w.error)) : w.message));
    std::optional<Learner> renamed = m_store->GetLearner(learner->id);
    AppendLog(now_ms, "rename " + learner->display_name + " -> " + (renamed ? renamed->display_name : new_name));
    return Done(true, "Renamed " + learner->display_name + " to " + (renamed ? renamed->display_name : new_name) + ".");
}

AdminResult KioskAdmin::Remove(const std::string& name, int64_t now_ms) {
    if (!m_store) return Done(false, "The progress file is not open.");
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return Done(false, "No learner is called " + name + ".");
    ExportOptions o;
    if (m_course) o.courses.push_back(m_course);
    o.learner_name = learner->display_name;
    ExportResult csv = ExportCsv(*m_store, o), xapi = ExportXapi(*m_store, o);
    if (!csv || !xapi) return Done(false, "Not removed: the export failed (" + Describe((csv ? xapi : csv).error()) + ")");
    const std::string base = "removed-learner-" + std::to_string(learner->id) + "-" + std::to_string(now_ms);
    AdminResult r;
    using Item = std::pair<fs::path, const std::string*>;
    for (const auto& [file, text] : {Item{m_data_dir / (base + ".csv"), &csv->text}, Item{m_data_dir / (base + "-xapi.json"), &xapi->text}}) {
        os::WriteResult w = os::WriteFileAtomically(file, *text);
        if (!w) return Done(false, "Not removed: the export could not be written (" + os::Describe(w.error()) + ")");
        r.files.push_back(file);
    }
    WriteResult w = m_store->RemoveLearner(learner->id, now_ms);
    if (!w.ok()) return Done(false, std::string("Could not remove: ") + ToString(w.error));
    AppendLog(now_ms, "remove " + learner->display_name + " (records in " + r.files.front().filename().string() + ")");
    r.ok = true;
    r.message = learner->display_name + " was removed; their records are in " + r.files.front().string();
    return r;
}

AdminResult KioskAdmin::Export(const fs::path& folder, int64_t now_ms) {
    if (!m_store) return Done(false, "The progress file is not open.");
    if (folder.empty()) return Done(false, "Type the folder to export to, such as a USB stick's.");
    ExportOptions o;
    if (m_course) o.courses.push_back(m_course);
    const std::string machine = os::MachineName();
    os::WriteOptions options;
    options.mode = 0644;  // for the people the stick goes to; an existing file keeps its own
    options.keep_existing_mode = true;
    options.never_replace = {m_store->path(), m_store->path() + "-wal", m_store->path() + "-journal", LogPath()};
    AdminResult r;
    // Streamed to the stick as they are made: every learner's statements at once would not fit
    // in a small kiosk's memory. Each file appears whole or not at all.
    const fs::path csv_file = folder / StampedName("lectern-progress", machine, now_ms, ".csv");
    const fs::path xapi_file = folder / StampedName("lectern-progress-xapi", machine, now_ms, ".json");
    ExportResult csv = ExportToFile(ExportFormat::Csv, *m_store, o, csv_file, options);
    if (!csv) return Done(false, "Export failed: " + Describe(csv.error()));
    r.files.push_back(csv_file);
    ExportResult xapi = ExportToFile(ExportFormat::Xapi, *m_store, o, xapi_file, options);
    if (!xapi) return Done(false, "Export failed: " + Describe(xapi.error()));
    r.files.push_back(xapi_file);
    AppendLog(now_ms, "export " + folder.string());
    const fs::path log_file = folder / StampedName("lectern-admin-log", machine, now_ms, ".txt");
    os::WriteResult w = os::WriteFileAtomically(log_file, ReadWhole(LogPath()), options);
    if (!w) return Done(false, "Export failed: " + os::Describe(w.error()));
    r.files.push_back(log_file);
    r.ok = true;
    r.message = "Exported " + std::to_string(csv->records) + " rows and " + std::to_string(xapi->records) + " statements to " +
                folder.string() + " (" + r.files.front().filename().string() + " and two more files).";
    return r;
}

}  // namespace lectern::kiosk
