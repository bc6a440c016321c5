// Read-aloud on Windows through SAPI 5, the speech every Windows since XP ships (os/speech_sapi.h
// holds the COM calls): the worker of platform::Speech (speech_worker.h) on Windows. One
// os::SapiVoice lives on that one thread and every call to it happens there.
//
// The voices are SAPI's installed voices, each with the languages of its locales
// (voice_choice.h's SapiVoiceLanguages), so that ChooseVoice and PlanSpeech choose among them
// exactly as among espeak-ng's: a passage no voice speaks is left out, never read in another
// language's voice. A page is read a part (a voice) at a time, and the worker polls every 50 ms
// whether the part ended, to start the next one and to learn that reading ended. Pause and Resume
// are SAPI's own (it resumes mid-word).
//
// When SAPI cannot read (not registered, no voice with a language, or a voice that refuses its
// calls: under wine 8 CLSID_SpVoice is made but every method answers E_NOTIMPL, found with a
// probe program on 7 Dec), Available() turns false and UnavailableReason() says why, and the
// reader shows its read-aloud button disabled with that reason instead of hiding it.
#include "platform/platform.h"
#include "platform/speech_worker.h"
#include "os/speech_sapi.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lectern::platform {

namespace {

// SAPI's rate is -10..10, where 10 is three times as fast as 0 and -10 a third (about 175 words
// a minute at 0 for its usual voices, espeak-ng's default too).
long SapiRate(int words_per_minute) {
    const double ratio = std::max(1, words_per_minute) / 175.0;
    return std::clamp(std::lround(10.0 * std::log(ratio) / std::log(3.0)), -10L, 10L);
}

struct Worker {
    std::shared_ptr<SpeechState> state;
    std::unique_ptr<os::SapiVoice> sapi;
    std::vector<SpokenPart> parts;
    size_t current = 0;
    bool playing = false;      // a part was handed to SAPI and has not ended
    bool sapi_paused = false;  // SAPI counts its pauses: one Resume for each
    long rate = 0;

    void Fail(const std::string& why) {
        std::function<void()> notify;
        {
            std::lock_guard<std::mutex> lock(state->mutex);
            state->failed = true;
            state->why = why;
            state->speaking = state->paused = false;
            notify = state->on_change;
        }
        if (notify) notify();
    }

    // The installed voices and their languages; the reason SAPI cannot read, or "".
    std::string Start() {
        sapi = std::make_unique<os::SapiVoice>();
        if (!sapi->Error().empty()) return sapi->Error();
        std::vector<EspeakVoice> voices;
        for (const os::SapiVoiceInfo& v : sapi->Voices()) {
            EspeakVoice listed{v.name, SapiVoiceLanguages(v.locales)};
            if (!listed.languages.empty()) voices.push_back(std::move(listed));  // one with no language reads none
        }
        if (voices.empty()) return "no Windows voice (SAPI) with a language is installed";
        std::lock_guard<std::mutex> lock(state->mutex);
        state->voices = std::move(voices);
        return "";
    }

    void Purge() {
        if (sapi_paused) {
            sapi->Resume();
            sapi_paused = false;
        }
        if (playing) sapi->Purge();
        playing = false;
    }

    // Starts parts[current]; false if SAPI refused it (then Available() turns false).
    bool Play() {
        const SpokenPart& part = parts[current];
        std::function<void(const std::string&, size_t)> on_part;
        {
            std::lock_guard<std::mutex> lock(state->mutex);
            on_part = state->on_part;
        }
        if (on_part) on_part(part.voice, part.text.size());
        const std::string refused = sapi->Speak(part.voice, part.text, rate);
        if (!refused.empty()) {
            playing = false;
            Fail(refused);
            return false;
        }
        playing = true;
        return true;
    }

    // Reading ended by itself: the next part, or the end (tell the caller).
    void PartEnded() {
        playing = false;
        if (current + 1 < parts.size()) {
            ++current;
            Play();
            return;
        }
        std::function<void()> notify;
        {
            std::lock_guard<std::mutex> lock(state->mutex);
            if (!state->commands.empty()) return;  // a newer command decides the state
            state->speaking = state->paused = false;
            notify = state->on_change;
        }
        if (notify) notify();
    }

    void Run(std::promise<void> done) {
        const std::string why = Start();
        {
            std::lock_guard<std::mutex> lock(state->mutex);
            state->voices_known = true;
        }
        if (!why.empty()) Fail(why);
        for (;;) {
            Command command;
            {
                std::unique_lock<std::mutex> lock(state->mutex);
                // While a part plays, look every 50 ms whether it ended.
                const bool polling = playing && !sapi_paused;
                const auto ready = [&] { return !state->commands.empty(); };
                if (polling) state->wake.wait_for(lock, std::chrono::milliseconds(50), ready);
                else state->wake.wait(lock, ready);
                if (state->commands.empty()) {
                    lock.unlock();
                    if (sapi && sapi->Done()) PartEnded();
                    continue;
                }
                command = std::move(state->commands.front());
                state->commands.pop_front();
            }
            if (command.kind == CommandKind::Quit) break;
            {
                std::lock_guard<std::mutex> lock(state->mutex);
                if (state->failed) continue;
            }
            switch (command.kind) {
                case CommandKind::Speak: {
                    Purge();
                    rate = SapiRate(command.words_per_minute);
                    {
                        std::lock_guard<std::mutex> lock(state->mutex);
                        parts = PlanSpeech(command.parts, state->voices).parts;
                        current = 0;
                        if (parts.empty() && state->commands.empty()) state->speaking = state->paused = false;
                    }
                    if (!parts.empty()) Play();
                    break;
                }
                case CommandKind::Pause:
                    if (playing && !sapi_paused && sapi->Pause()) sapi_paused = true;
                    break;
                case CommandKind::Resume:
                    if (sapi_paused && sapi->Resume()) sapi_paused = false;
                    break;
                case CommandKind::Stop:
                    Purge();
                    parts.clear();
                    break;
                case CommandKind::Next:  // espeak-ng's; PartEnded goes on to the next part here
                case CommandKind::Quit:
                    break;
            }
        }
        if (sapi) Purge();
        sapi.reset();  // on this thread, whose COM apartment it made
        done.set_value();
    }
};

}  // namespace

std::shared_ptr<SpeechState> NewSpeechState() { return std::make_shared<SpeechState>(); }

void RunSpeechWorker(std::shared_ptr<SpeechState> state, std::promise<void> done) {
    Worker worker;
    worker.state = std::move(state);
    worker.Run(std::move(done));
}

void SpeechEnded() {}

}  // namespace lectern::platform
