// The interface's words for what the kiosk library decided: kiosk/ says what happened as a code
// with its data (a name, seconds, a store error), never as an English sentence, and this words it
// from the string catalog in the course's language. tests/core/test_ui_strings.cpp checks that
// kiosk/sign_in.cpp builds no sentence of its own.
#pragma once

#include <string>

#include "course/ui_catalog.h"
#include "kiosk/sign_in.h"

namespace lectern::ui {

// What to tell the person at the sign-in screen about `decision`; empty when there is nothing.
std::string Words(const kiosk::Decision& decision);
// Why the progress store refused a write, as a clause for "Could not add that learner: {reason}".
std::string Words(StoreError error);
// The same in `catalog`'s language.
std::string Words(const UiCatalog& catalog, const kiosk::Decision& decision);
std::string Words(const UiCatalog& catalog, StoreError error);
// The catalog of the current ShapedText (the course's language), else English.
const UiCatalog& CurrentCatalog();

}  // namespace lectern::ui
