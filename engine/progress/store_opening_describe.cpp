// The player's store choices in English, for the terminal and logs. Kept apart from
// store_opening.cpp, which says what it decided only in codes and the store's own words (the
// window words them from the catalog in the course's language: ui/kiosk_words.cpp).
#include "progress/store_opening.h"

#include "os/files.h"

namespace lectern {

std::string Describe(NotSaving not_saving, const std::string& why) {
    switch (not_saving) {
        case NotSaving::No: return {};
        case NotSaving::CannotWrite:
        case NotSaving::FileTouched: return "Progress is NOT being saved: " + why + (not_saving == NotSaving::FileTouched ? "." : "");
        case NotSaving::FileUntouched: return "Progress is NOT being saved: " + why + ". The file was left untouched.";
    }
    return {};
}

std::string Describe(const StoreMoveError& error) {
    return error.not_damaged ? "the progress file is not damaged; it was left where it is" : os::Describe(error.file);
}

}  // namespace lectern
