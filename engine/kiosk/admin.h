// The kiosk administrator's actions on learners and on the store, behind the administrator PIN
// (the app unlocks this screen; nothing here asks again). Each action that changes a learner's
// record or their way in is written to the administrator log (<data dir>/admin.log, mode 0600),
// which every export carries beside the progress files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "progress/progress_store.h"

namespace lectern::kiosk {

struct AdminResult {
    bool ok = false;
    std::string message;  // a sentence for the admin screen, success or failure
    std::vector<std::filesystem::path> files;  // files written (exports)
    int seconds_locked = 0;                     // Unlock: PIN entry is locked for this long
};

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

    std::filesystem::path LogPath() const { return m_data_dir / "admin.log"; }
    // The log's lines, oldest first ("2026-12-06T20:31:05.000Z reset-pin Ana").
    std::vector<std::string> Log() const;

    // "<stem>-<machine>-<20261206T203105Z><ext>"
    static std::string StampedName(const std::string& stem, const std::string& machine, int64_t now_ms, const std::string& ext);

private:
    void AppendLog(int64_t now_ms, const std::string& line);
    ProgressStore* m_store;
    std::filesystem::path m_data_dir;
    const Course* m_course = nullptr;
};

}  // namespace lectern::kiosk
