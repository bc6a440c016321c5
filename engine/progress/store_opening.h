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
    No,             // saved (or only a log was set aside: `log_set_aside`)
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
    std::string problem;   // damaged: what is wrong (the store's words, English), for logs
    // Why nothing is saved, or what is wrong with a damaged file, as a code with the file or
    // folder it is about: the interface words it in the course's language (ui/kiosk_words.h).
    StoreProblem problem_code = StoreProblem::None;
    std::string problem_path;
    // For every screen, worded by the interface (ui/kiosk_words.h): why progress is not saved,
    // with the store's own message, or that a log which did not belong to the file was set aside.
    NotSaving not_saving = NotSaving::No;
    std::string why_not_saving;  // the store's own message, for the banner's {problem}
    bool log_set_aside = false;  // a log beside the file was NOT applied (kept aside: `notice` names it)
    std::string notice;    // ProgressStore's notice (a log recovered or set aside), for the trace
    std::vector<std::string> log;  // lines for the terminal, in order
};

// Creates DATA_DIR (0700) when missing and opens its progress file as the player does.
PlayerStore OpenPlayerStore(const std::string& data_dir);
// The banner in English, for the terminal and logs ("" when there is none); the window's is
// worded from the catalog.
std::string Describe(NotSaving not_saving, const std::string& why_not_saving);

// Why the damaged file was not moved: it is not damaged, or the file system refused (`file`).
struct StoreMoveError {
    bool not_damaged = false;
    os::FileError file;
};
// English, for the terminal and logs (store_opening_describe.cpp).
std::string Describe(const StoreMoveError& error);
// Where the damaged file went, or why it was not moved.
using MoveAsideOutcome = Result<std::filesystem::path, StoreMoveError>;

// The person confirmed "move the damaged file aside": only a damaged store is moved, to a
// time-stamped name beside it (kept, never deleted), and the folder is opened again into `current`.
MoveAsideOutcome MoveDamagedStoreAside(PlayerStore& current, const std::string& data_dir, int64_t now_ms);

}  // namespace lectern
