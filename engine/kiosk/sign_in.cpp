#include "kiosk/sign_in.h"

#include "kiosk/pin.h"

namespace lectern::kiosk {
namespace {

Decision Refuse(SignInMessage message) {
    Decision d;
    d.step = Step::Refused;
    d.message = message;
    return d;
}

Decision NoSuchLearner(const std::string& name) {
    Decision d = Refuse(SignInMessage::NoSuchLearner);
    d.name = name;
    return d;
}

Decision StartSession(const Learner& learner) {
    Decision d;
    d.step = Step::Session;
    d.learner = learner;
    return d;
}

PinGate GateOf(const ProgressStore& store, LearnerId id) {
    return ParsePinGate(store.GetSetting(id, kPinGateSettingKey).value_or("")).value_or(PinGate{});
}

}  // namespace

Decision SignInPolicy::NoStore() const {
    return Refuse(m_settings.allow_guest ? SignInMessage::NoStoreContinueAsGuest : SignInMessage::NoStoreAskAdministrator);
}

Decision SignInPolicy::Choose(const std::string& name, int64_t now_ms) {
    if (!m_store) return NoStore();
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return NoSuchLearner(name);
    if (!learner->pin_hash) return StartSession(*learner);
    Decision d;
    d.step = Step::AskPin;
    d.name = learner->display_name;
    PinGate gate = GateOf(*m_store, learner->id);
    d.seconds_locked = gate.SecondsLeft(now_ms);
    if (d.seconds_locked > 0) d.message = SignInMessage::Locked;
    return d;
}

Decision SignInPolicy::Create(const std::string& name, std::string pin, std::string pin_again, int64_t now_ms) {
    PinWipeGuard wipe(pin, pin_again);
    if (!m_store) return NoStore();
    if (std::optional<Learner> existing = m_store->FindLearner(name)) {
        Decision d;
        d.step = Step::ConfirmIdentity;
        d.name = existing->display_name;
        d.message = SignInMessage::AlreadyExists;
        return d;
    }
    if (!pin.empty() || !pin_again.empty()) {
        if (PinError e = ValidatePin(pin); e != PinError::None) {
            Decision d = Refuse(SignInMessage::PinInvalid);
            d.pin_error = e;
            return d;
        }
        if (pin != pin_again) return Refuse(SignInMessage::PinsDiffer);
    }
    std::string hash;
    if (!pin.empty()) {
        PinHashResult h = HashPin(pin);  // before the learner exists: a PIN that cannot be hashed creates no one
        if (!h) {
            Decision d = Refuse(SignInMessage::PinNotSet);
            d.hash_error = h.error().code;
            return d;
        }
        hash = *h;
    }
    WriteResult w = m_store->CreateLearner(name, now_ms);
    if (!w.ok()) {
        if (w.error().code == StoreError::DuplicateName) return Choose(name, now_ms);  // created a moment ago elsewhere
        Decision d = Refuse(SignInMessage::CannotAdd);
        d.store_error = w.error().code;
        return d;
    }
    if (!pin.empty()) {
        WriteResult p = m_store->SetPinHash(*w, hash, now_ms);
        if (!p.ok()) {
            // Never leave a learner who asked for a PIN without one: take the new record back.
            m_store->RemoveLearner(*w, now_ms);
            Decision d = Refuse(SignInMessage::PinNotSaved);
            d.store_error = p.error().code;
            return d;
        }
    }
    std::optional<Learner> created = m_store->GetLearner(*w);
    if (!created) return Refuse(SignInMessage::CannotReadBack);
    return StartSession(*created);
}

Decision SignInPolicy::SubmitPin(const std::string& name, std::string pin, int64_t now_ms) {
    PinWipeGuard wipe(pin);
    if (!m_store) return NoStore();
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner) return NoSuchLearner(name);
    if (!learner->pin_hash) return StartSession(*learner);
    PinGate gate = GateOf(*m_store, learner->id);
    const LearnerId id = learner->id;
    PinAttempt r = TryPin(gate, pin, *learner->pin_hash, now_ms,
                          [&](const PinGate& g) { m_store->SetSetting(id, kPinGateSettingKey, g.Serialize(), now_ms); });
    if (r == PinAttempt::Accepted) {
        if (PinNeedsRehash(*learner->pin_hash))
            if (PinHashResult h = HashPin(pin); h.ok()) m_store->SetPinHash(id, *h, now_ms);
        return StartSession(*learner);
    }
    Decision d;
    d.step = Step::AskPin;
    d.name = learner->display_name;
    if (r == PinAttempt::BadHash) {
        d.message = SignInMessage::PinCannotBeChecked;
        return d;
    }
    d.seconds_locked = gate.SecondsLeft(now_ms);
    d.message = d.seconds_locked > 0 ? SignInMessage::Locked : SignInMessage::WrongPin;
    return d;
}

Decision SignInPolicy::Guest() const {
    if (m_settings.kiosk && !m_settings.allow_guest) return Refuse(SignInMessage::NoGuests);
    Decision d;
    d.step = Step::Session;
    return d;
}

int SignInPolicy::SecondsLocked(const std::string& name, int64_t now_ms) const {
    if (!m_store) return 0;
    std::optional<Learner> learner = m_store->FindLearner(name);
    if (!learner || !learner->pin_hash) return 0;
    return GateOf(*m_store, learner->id).SecondsLeft(now_ms);
}

}  // namespace lectern::kiosk
