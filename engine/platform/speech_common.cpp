// platform::Speech's public side, the same for every engine (speech_worker.h): commands queued
// for the worker thread, and what the caller may ask while it works.
#include <chrono>
#include <thread>

#include "platform/platform.h"
#include "platform/speech_worker.h"

namespace lectern::platform {

struct Speech::Impl {
    std::shared_ptr<SpeechState> state = NewSpeechState();
    std::thread worker;
    std::future<void> done;
};

Speech::Speech() : m(std::make_unique<Impl>()) {
    std::promise<void> done;
    m->done = done.get_future();
    m->worker = std::thread([state = m->state, done = std::move(done)]() mutable { RunSpeechWorker(state, std::move(done)); });
}

Speech::~Speech() {
    {
        std::lock_guard<std::mutex> lock(m->state->mutex);
        m->state->commands.clear();
        m->state->abort = true;
        m->state->on_change = nullptr;
        m->state->Push({CommandKind::Quit, {}, 0});
    }
    // espeak-ng can hang on shutdown with some audio back ends, and so can a sound driver under
    // SAPI: never let it hold up the exit.
    if (m->done.wait_for(std::chrono::seconds(2)) == std::future_status::ready) {
        m->worker.join();
    } else {
        m->worker.detach();  // it owns a reference to the state; the process is leaving anyway
    }
    SpeechEnded();
}

std::optional<VoiceChoice> Speech::VoiceFor(const std::string& lang) const {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    if (!m->state->voices_known || m->state->failed) return std::nullopt;
    return ChooseVoice(lang, m->state->voices);
}

std::optional<SpeechPlan> Speech::Plan(const std::vector<SpeechPart>& parts) const {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    if (!m->state->voices_known || m->state->failed) return std::nullopt;
    return PlanSpeech(parts, m->state->voices);
}

bool Speech::Available() const {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    return !m->state->failed;
}

std::string Speech::UnavailableReason() const {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    return m->state->failed ? m->state->why : std::string();
}

void Speech::Speak(const std::string& text, int words_per_minute, const std::string& lang) {
    Speak(std::vector<SpeechPart>{{lang, text}}, words_per_minute);
}

void Speech::Speak(const std::vector<SpeechPart>& parts, int words_per_minute) {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    bool any = false;
    for (const SpeechPart& part : parts) any = any || !part.text.empty();
    if (m->state->failed || !any) return;
    m->state->commands.clear();  // a new text replaces whatever was pending
    m->state->abort = true;      // end the current one now (espeak-ng's discard mode checks this)
    m->state->speaking = true;
    m->state->paused = false;
    m->state->Push({CommandKind::Speak, parts, words_per_minute});
}

void Speech::Pause() {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    if (!m->state->speaking || m->state->paused) return;
    m->state->paused = true;
    m->state->abort = true;
    m->state->Push({CommandKind::Pause, {}, 0});
}

void Speech::Resume() {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    if (!m->state->speaking || !m->state->paused) return;
    m->state->paused = false;
    m->state->Push({CommandKind::Resume, {}, 0});
}

void Speech::Stop() {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    if (!m->state->speaking) return;
    m->state->commands.clear();
    m->state->speaking = false;
    m->state->paused = false;
    m->state->abort = true;
    m->state->Push({CommandKind::Stop, {}, 0});
}

bool Speech::Speaking() const {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    return m->state->speaking;
}

bool Speech::Paused() const {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    return m->state->paused;
}

void Speech::SetOnChange(std::function<void()> on_change) {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    m->state->on_change = std::move(on_change);
}

void Speech::SetOnPart(std::function<void(const std::string& voice, size_t chars)> on_part) {
    std::lock_guard<std::mutex> lock(m->state->mutex);
    m->state->on_part = std::move(on_part);
}

}  // namespace lectern::platform
