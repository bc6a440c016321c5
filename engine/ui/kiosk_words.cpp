#include "ui/kiosk_words.h"

#include <cerrno>
#include <utility>
#include <vector>

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

namespace {

using Args = std::vector<std::pair<std::string, std::string>>;

// A sentence and the sentence saying why after it ("Export failed. /media/usb is full.").
std::string Then(const std::string& sentence, const std::string& reason) { return reason.empty() ? sentence : sentence + " " + reason; }

// What the system's reason means for the person at the kiosk, for the few an administrator can act
// on; the rest are said by the code alone (Describe keeps the system's words for the logs).
std::string Cause(const UiCatalog& c, int system_error) {
    switch (system_error) {
        case ENOSPC:
#ifdef EDQUOT
        case EDQUOT:
#endif
            return c.Get(UiKey("The disk is full."));
        case EACCES:
        case EPERM: return c.Get(UiKey("Permission was refused."));
        case EROFS: return c.Get(UiKey("The disk is read-only."));
        default: return {};
    }
}

}  // namespace

std::string Words(const UiCatalog& c, const os::FileError& e) {
    using F = os::FileErrorCode;
    const Args path = {{"path", os::Utf8(e.path)}};
    std::string sentence;
    switch (e.code) {
        case F::RefusedLink: sentence = c.Format(UiKey("{path} is a symbolic link; it was not replaced."), path); break;
        case F::RefusedFolder:
        case F::RefusedFifo:
        case F::RefusedDevice:
        case F::RefusedSocket:
        case F::RefusedNotRegular: sentence = c.Format(UiKey("{path} is not a regular file; it was not replaced."), path); break;
        case F::RefusedGuarded:
            sentence = c.Format(UiKey("{path} is the progress file or the administrator log; it was not replaced."), path);
            break;
        case F::NotAFileName:
        case F::NotAFolder:
        case F::CannotCreateFolder: sentence = c.Format(UiKey("The folder for {path} could not be made."), path); break;
        case F::CannotMakePrivate:
        case F::CannotSetMode: sentence = c.Format(UiKey("The permissions of {path} could not be set."), path); break;
        case F::Missing: sentence = c.Format(UiKey("{path} does not exist."), path); break;
        case F::CannotRename: sentence = c.Format(UiKey("{path} could not be renamed."), path); break;
        default: sentence = c.Format(UiKey("{path} could not be written."), path); break;
    }
    return Then(sentence, Cause(c, e.system_error));
}

std::string Words(const UiCatalog& c, const ExportError& e) {
    switch (e.code) {
        case ExportErrorCode::NoSuchLearner: return c.Format(UiKey("No learner is called {name}."), {{"name", e.learner}});
        case ExportErrorCode::File: return Words(c, e.file);
        case ExportErrorCode::OutputFailed: break;
    }
    return c.Get(UiKey("The export could not be written."));
}

std::string Words(const UiCatalog& c, const AdminFileError& e) {
    using A = AdminFileErrorCode;
    const Args path = {{"path", e.path}, {"command", "chmod 600 " + e.path}};
    switch (e.code) {
        case A::Missing: return c.Format(UiKey("No administrator PIN has been set ({path})."), path);
        case A::Link: return c.Format(UiKey("{path} is a symbolic link; it is not used."), path);
        case A::NotRegular: return c.Format(UiKey("{path} is not a regular file; it is not used."), path);
        case A::Unreadable: return Then(c.Format(UiKey("{path} could not be read."), path), Cause(c, e.system_error));
        case A::WritableByOthers: return c.Format(UiKey("Other users can change {path}; run: {command}"), path);
        case A::OtherOwner:
            return c.Format(UiKey("{path} belongs to another user (user {uid})."), {{"path", e.path}, {"uid", std::to_string(e.owner)}});
        case A::TooLong: return c.Format(UiKey("{path} is too long for a PIN hash; set the PIN again."), path);
        case A::NotAHash: return c.Format(UiKey("{path} does not hold a PIN hash; set the PIN again."), path);
        case A::ReadableByOthers: return c.Format(UiKey("Other users can read {path} and could try PINs against it; run: {command}"), path);
        case A::NotAHashToWrite: return c.Format(UiKey("Only a PIN hash may be written to {path}."), path);
        case A::NotWritten: return Words(c, e.file);
        case A::IdleOutOfRange: return c.Get(UiKey("The idle time must be from 30 seconds to 24 hours."));
        case A::IdleNotOverWarning:
            return c.Format(UiKey("The idle time must be longer than the {seconds}-second warning."),
                            {{"seconds", std::to_string(e.countdown_seconds)}});
    }
    return Words(c, e.file);
}

std::string Words(const UiCatalog& c, const kiosk::AdminDone& d) {
    using D = kiosk::AdminDoneCode;
    const std::string file = d.files.empty() ? std::string() : os::Utf8(d.files.front());
    switch (d.code) {
        case D::Unlocked: return {};
        case D::AdminPinSet: return c.Get(UiKey("The administrator PIN is set."));
        case D::AdminPinChanged: return c.Get(UiKey("The administrator PIN was changed."));
        case D::PinReset: return c.Format(UiKey("{name}'s PIN was reset."), {{"name", d.name}});
        case D::PinRemoved: return c.Format(UiKey("{name} now signs in without a PIN."), {{"name", d.name}});
        case D::LockoutCleared: return c.Format(UiKey("{name} may try their PIN again now."), {{"name", d.name}});
        case D::Renamed: return c.Format(UiKey("Renamed {name} to {new_name}."), {{"name", d.name}, {"new_name", d.new_name}});
        case D::Removed: return c.Format(UiKey("{name} was removed; their records are in {file}"), {{"name", d.name}, {"file", file}});
        case D::Exported:
            return c.Format(UiKey("Exported {rows} rows and {statements} statements to {folder} ({file} and two more files)."),
                            {{"rows", std::to_string(d.rows)},
                             {"statements", std::to_string(d.statements)},
                             {"folder", os::Utf8(d.folder)},
                             {"file", d.files.empty() ? std::string() : os::Utf8(d.files.front().filename())}});
    }
    return {};
}

std::string Words(const UiCatalog& c, const kiosk::AdminError& e) {
    using E = kiosk::AdminErrorCode;
    const Args name = {{"name", e.name}};
    const Args name_reason = {{"name", e.name}, {"reason", Words(c, e.store_error)}};
    switch (e.code) {
        case E::NotUnlocked: return c.Get(UiKey("Unlock the administrator screen first."));
        case E::PinsDiffer: return c.Get(UiKey("The two PINs differ. Type the same PIN twice."));
        case E::PinInvalid: return Words(c, e.pin_error);
        case E::PinUnusable: return c.Get(UiKey("The PIN could not be set. Try again."));
        case E::AdminPinNotSaved: return Then(c.Get(UiKey("The PIN was not saved.")), Words(c, e.admin_file));
        case E::AdminPinFile: return Then(c.Get(UiKey("The administrator PIN file cannot be used.")), Words(c, e.admin_file));
        case E::WrongPin: return c.Get(UiKey("That PIN is not right."));
        case E::Locked:
            return c.Format(UiKey("Too many wrong PINs. Try again in {seconds} seconds."), {{"seconds", std::to_string(e.seconds_locked)}});
        case E::NoStore: return c.Get(UiKey("The progress file is not open."));
        case E::NoSuchLearner: return c.Format(UiKey("No learner is called {name}."), name);
        case E::PinNotChanged: return c.Format(UiKey("{name}'s PIN was not changed: {reason}"), name_reason);
        case E::LockoutNotCleared: return c.Format(UiKey("{name}'s lock-out was not cleared: {reason}"), name_reason);
        case E::RenameRefused:
            if (e.store_error == StoreError::DuplicateName)
                return c.Format(UiKey("A learner called {new_name} already exists."), {{"new_name", e.new_name}});
            if (e.store_error == StoreError::InvalidArgument)
                return c.Format(UiKey("{new_name} cannot be a learner's name."), {{"new_name", e.new_name}});
            return c.Format(UiKey("Could not rename {name}: {reason}"), name_reason);
        case E::RemoveExportFailed:
            return Then(c.Format(UiKey("{name} was not removed: their records could not be exported."), name), Words(c, e.export_error));
        case E::RemoveExportNotWritten:
            return Then(c.Format(UiKey("{name} was not removed: their records could not be saved."), name), Words(c, e.file));
        case E::RemoveRefused: return c.Format(UiKey("Could not remove {name}: {reason}"), name_reason);
        case E::NoFolder: return c.Get(UiKey("Type the folder to export to, such as a USB stick's."));
        case E::ExportFailed: return Then(c.Get(UiKey("Export failed.")), Words(c, e.export_error));
        case E::ExportLogNotWritten: return Then(c.Get(UiKey("Export failed.")), Words(c, e.file));
    }
    return {};
}

std::string Words(const UiCatalog& c, StoreProblem problem, const std::string& path) {
    const std::vector<std::pair<std::string, std::string>> at = {{"path", path}};
    using P = StoreProblem;
    switch (problem) {
        case P::None: return {};
        case P::NotAFile: return c.Format(UiKey("{path} is not a regular file"), at);
        case P::FolderNotMade: return c.Format(UiKey("the folder {path} could not be made"), at);
        case P::FolderReadOnly: return c.Format(UiKey("the folder {path} is read-only"), at);
        case P::FileReadOnly: return c.Format(UiKey("{path} is read-only"), at);
        case P::NotADatabase: return c.Format(UiKey("{path} is not a progress file (it holds no database)"), at);
        case P::Damaged: return c.Format(UiKey("{path} is damaged"), at);
        case P::TooNew: return c.Format(UiKey("{path} was written by a newer version of this program"), at);
        case P::OtherWriter: return c.Format(UiKey("another window of this program is using {path}"), at);
        case P::Busy: return c.Format(UiKey("{path} is locked by another program"), at);
        case P::WriteAheadLog: return c.Format(UiKey("the write-ahead log beside {path} could not be checked"), at);
        case P::NoWriteAheadLog: return c.Format(UiKey("the disk holding {path} does not allow the write-ahead log it needs"), at);
        case P::DiskFull: return c.Format(UiKey("the disk holding {path} is full"), at);
        case P::Unreadable: return c.Format(UiKey("{path} could not be opened"), at);
    }
    return {};
}

std::string Words(const UiCatalog& c, const PlayerStore& s) {
    const char* key = nullptr;
    switch (s.not_saving) {
        case NotSaving::No:
            return s.log_set_aside ? c.Format(UiKey("A log that did not belong to {path} was NOT applied; it was kept beside it."), {{"path", s.path}})
                                   : std::string();
        case NotSaving::CannotWrite: key = UiKey("Progress is NOT being saved: {problem}"); break;
        case NotSaving::FileUntouched: key = UiKey("Progress is NOT being saved: {problem}. The file was left untouched."); break;
        case NotSaving::FileTouched: key = UiKey("Progress is NOT being saved: {problem}."); break;
    }
    const std::string problem = s.problem_code == StoreProblem::None ? s.why_not_saving : Words(c, s.problem_code, s.problem_path);
    return c.Format(key, {{"problem", problem}});
}

std::string Words(const UiCatalog& c, const Session::Trouble& t) {
    const Args reason = {{"count", std::to_string(t.waiting)}, {"reason", Words(c, t.code)}};
    if (t.waiting == 1)
        return c.Format(UiKey("{count} answer is NOT saved yet and waiting ({reason}). You can keep reading; it is saved as soon as the progress file accepts it."), reason);
    if (t.waiting > 1)
        return c.Format(UiKey("{count} answers are NOT saved yet and waiting ({reason}). You can keep reading; they are saved as soon as the progress file accepts them."), reason);
    if (t.code == StoreError::None) return {};
    return c.Format(UiKey("Progress could not be saved: {reason}"), reason);
}

std::string Words(const UiCatalog& c, const StoreMoveError& e) {
    const std::string why = e.not_damaged ? c.Get(UiKey("The progress file is not damaged; it was left where it is.")) : Words(c, e.file);
    return Then(c.Get(UiKey("Could not move the file aside.")), why);
}

std::string Words(const UiCatalog& c, const kiosk::AdminResult& r) { return r ? Words(c, *r) : Words(c, r.error()); }

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
std::string Words(const kiosk::AdminResult& result) { return Words(CurrentCatalog(), result); }
std::string Words(const AdminFileError& error) { return Words(CurrentCatalog(), error); }
std::string Words(const os::FileError& error) { return Words(CurrentCatalog(), error); }
std::string Words(const PlayerStore& store) { return Words(CurrentCatalog(), store); }
std::string Words(const Session::Trouble& trouble) { return Words(CurrentCatalog(), trouble); }
std::string Words(StoreProblem problem, const std::string& path) { return Words(CurrentCatalog(), problem, path); }
std::string Words(const StoreMoveError& error) { return Words(CurrentCatalog(), error); }

}  // namespace lectern::ui
