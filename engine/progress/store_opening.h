// The player's choices when it opens a progress folder, and when someone asks it to move a damaged
// file aside. ProgressStore::Open says what it found; this says what the player does about it:
// run with the store, run saving nothing (and say so on every screen), refuse to start (another
// Lectern writes here), or offer to move a damaged file aside. Nothing here touches a file the
// person did not ask to have touched.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "progress/progress_store.h"

namespace lectern {

// Why progress is not being saved, so the screens can say it in the interface's language.
enum class NotSaving {
    No,             // saved (or only a log was set aside: `banner` holds that notice)
    CannotWrite,    // the store opened read-only
    FileUntouched,  // not opened, and the file's bytes are as they were
    FileTouched,    // not opened, and the file may have changed
};

struct PlayerStore {
    std::unique_ptr<ProgressStore> store;  // null: nothing is saved (learners may go on as guests)
    std::string path;                      // the database file
    // Another Lectern writes to this folder: two windows would each show answers the other may
    // overwrite, so the player does not start (exit status 1, with `refusal` on the terminal).
    bool refused = false;
    std::string refusal;
    // Corrupt or too new: never touched on open; moving it aside is a deliberate, confirmed step.
    bool damaged = false;
    std::string problem;   // damaged: what is wrong, for the screen that offers the way out
    std::string banner;    // for every screen: why progress is not saved, or a log set aside (English)
    NotSaving not_saving = NotSaving::No;
    std::string why_not_saving;  // the store's own message, for the banner's {problem}
    std::string notice;    // ProgressStore's notice (a log recovered or set aside), for the trace
    std::vector<std::string> log;  // lines for the terminal, in order
};

// Creates DATA_DIR (0700) when missing and opens its progress file as the player does.
PlayerStore OpenPlayerStore(const std::string& data_dir);

// Why the damaged file was not moved: it is not damaged, or the file system refused (`file`).
struct StoreMoveError {
    bool not_damaged = false;
    os::FileError file;
};
// English, for the terminal and logs.
std::string Describe(const StoreMoveError& error);
// Where the damaged file went, or why it was not moved.
using MoveAsideOutcome = Result<std::filesystem::path, StoreMoveError>;

// The person confirmed "move the damaged file aside": only a damaged store is moved, to a
// time-stamped name beside it (kept, never deleted), and the folder is opened again into `current`.
MoveAsideOutcome MoveDamagedStoreAside(PlayerStore& current, const std::string& data_dir, int64_t now_ms);

}  // namespace lectern
