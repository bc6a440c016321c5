// The interface's words for what the kiosk library decided: kiosk/ says what happened as a code
// with its data (a name, seconds, a store error), never as an English sentence, and this words it
// from the string catalog in the course's language. tests/core/test_ui_strings.cpp checks that
// kiosk/sign_in.cpp, admin.cpp and admin_files.cpp build no sentence of their own.
#pragma once

#include <string>

#include "course/ui_catalog.h"
#include "kiosk/admin.h"
#include "kiosk/admin_files.h"
#include "kiosk/sign_in.h"
#include "learning/session.h"
#include "os/files.h"
#include "progress/store_opening.h"

namespace lectern::ui {

// What to tell the person at the sign-in screen about `decision`; empty when there is nothing.
std::string Words(const kiosk::Decision& decision);
// Why the progress store refused a write, as a clause for "Could not add that learner: {reason}".
std::string Words(StoreError error);
// The same in `catalog`'s language.
std::string Words(const UiCatalog& catalog, const kiosk::Decision& decision);
std::string Words(const UiCatalog& catalog, StoreError error);
std::string Words(const UiCatalog& catalog, PinError error);

// What an administrator's action did or why it did nothing, for the admin screen.
std::string Words(const kiosk::AdminResult& result);
std::string Words(const UiCatalog& catalog, const kiosk::AdminResult& result);
std::string Words(const UiCatalog& catalog, const kiosk::AdminDone& done);
std::string Words(const UiCatalog& catalog, const kiosk::AdminError& error);
// Why a file in the data folder (admin.pin, kiosk-admin.conf) was refused: a sentence.
std::string Words(const AdminFileError& error);
std::string Words(const UiCatalog& catalog, const AdminFileError& error);
// Why a file could not be written, moved or made private: a sentence naming the path.
std::string Words(const os::FileError& error);
std::string Words(const UiCatalog& catalog, const os::FileError& error);
std::string Words(const UiCatalog& catalog, const ExportError& error);

// What is wrong with the progress file or its folder (`path`), as a clause for the banner's
// {problem} and the damaged file's screens; "" for StoreProblem::None.
std::string Words(StoreProblem problem, const std::string& path);
std::string Words(const UiCatalog& catalog, StoreProblem problem, const std::string& path);

// The banner every screen shows about the progress file ("" when there is none): not saving,
// with the store's problem worded (its code; the store's English words only for a store that
// gave none), or a log set aside.
std::string Words(const PlayerStore& store);
std::string Words(const UiCatalog& catalog, const PlayerStore& store);
// The banner while a learner's answers wait to be saved, or after a write that failed ("" when
// all is well): Session::LastError's sentence, from its code.
std::string Words(const Session::Trouble& trouble);
std::string Words(const UiCatalog& catalog, const Session::Trouble& trouble);
// Why the damaged progress file was not moved aside.
std::string Words(const StoreMoveError& error);
std::string Words(const UiCatalog& catalog, const StoreMoveError& error);

// The catalog of the current ShapedText (the course's language), else English.
const UiCatalog& CurrentCatalog();

}  // namespace lectern::ui
