#include "ui/kiosk_words.h"

#include "kiosk/pin.h"
#include "ui/shaped_text.h"

namespace lectern::ui {

std::string Words(const UiCatalog& c, StoreError error) {
    switch (error) {
        case StoreError::DiskFull: return c.Get(UiKey("the disk is full"));
        case StoreError::Busy: return c.Get(UiKey("the progress file is busy; try again"));
        case StoreError::NotSaving: return c.Get(UiKey("progress is not being saved"));
        default: break;
    }
    return c.Get(UiKey("the progress file could not be written"));
}

namespace {

std::string Words(const UiCatalog& c, PinError error) {
    switch (error) {
        case PinError::TooShort: return c.Get(UiKey("A PIN has at least 4 digits."));
        case PinError::TooLong: return c.Get(UiKey("A PIN has at most 8 digits."));
        case PinError::NotDigits: return c.Get(UiKey("A PIN has only the digits 0 to 9."));
        case PinError::None:
        case PinError::Empty: break;
    }
    return c.Get(UiKey("Enter a PIN of 4 to 8 digits."));
}

}  // namespace

std::string Words(const UiCatalog& c, const kiosk::Decision& d) {
    using M = kiosk::SignInMessage;
    switch (d.message) {
        case M::None: return {};
        case M::NoStoreContinueAsGuest:
            return c.Get(UiKey("Progress cannot be saved right now, so learners cannot sign in. Continue as a guest."));
        case M::NoStoreAskAdministrator:
            return c.Get(UiKey("Progress cannot be saved right now, so learners cannot sign in. Ask your administrator."));
        case M::NoSuchLearner:
            return c.Format(UiKey("No learner is called {name}. Check the spelling, or add yourself as a new learner."), {{"name", d.name}});
        case M::Locked:
            return c.Format(UiKey("Too many wrong PINs. Try again in {seconds} seconds."), {{"seconds", std::to_string(d.seconds_locked)}});
        case M::AlreadyExists: return c.Format(UiKey("A learner called {name} already exists. Is that you?"), {{"name", d.name}});
        case M::PinInvalid: return Words(c, d.pin_error);
        case M::PinsDiffer: return c.Get(UiKey("The two PINs differ. Type the same PIN twice."));
        case M::PinNotSet: return c.Get(UiKey("The PIN could not be set. Try again, or ask your administrator."));
        case M::CannotAdd: return c.Format(UiKey("Could not add that learner: {reason}"), {{"reason", Words(c, d.store_error)}});
        case M::PinNotSaved: return c.Format(UiKey("The PIN could not be saved: {reason}"), {{"reason", Words(c, d.store_error)}});
        case M::CannotReadBack: return c.Get(UiKey("Could not read the new learner back from the progress file."));
        case M::PinCannotBeChecked: return c.Get(UiKey("This PIN cannot be checked. Ask your administrator to reset it."));
        case M::WrongPin: return c.Get(UiKey("That PIN is not right."));
        case M::NoGuests: return c.Get(UiKey("This kiosk does not allow guests. Ask your administrator."));
    }
    return {};
}

const UiCatalog& CurrentCatalog() {
    static const UiCatalog english;
    ShapedText* shaper = ShapedText::Current();
    return shaper ? shaper->Catalog() : english;
}

std::string Words(const kiosk::Decision& decision) { return Words(CurrentCatalog(), decision); }
std::string Words(StoreError error) { return Words(CurrentCatalog(), error); }

}  // namespace lectern::ui
