// Read-aloud through espeak-ng: the worker of platform::Speech (speech_worker.h) on Linux. Every
// espeak call happens on that one thread.
//
// Output: with a sound device, espeak plays the audio itself (AUDIO_OUTPUT_PLAYBACK) and reports
// each word as it is heard. Without one (CI, Xvfb, a muted kiosk), espeak in PLAYBACK mode
// fails silently, so the worker first probes the device with a 1 ms silence in synchronous
// playback, which does report the error. It then synthesises to a callback that discards the
// samples, sleeping for their duration, so Speaking/Paused behave the same with or without sound.
//
// Pause: espeak has none; the worker cancels and remembers the word being spoken, and Resume
// starts again from that word.
#include "platform/platform.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <memory>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "os/system.h"
#include "platform/speech_worker.h"

namespace lectern::platform {

namespace {

// espeak-ng is opened with dlopen on first use, not linked: it brings some thirty libraries
// (PulseAudio, ALSA, libsndfile and its codecs, systemd, gcrypt ...) whose loading and relocation
// cost every start-up ~10 ms and a few MB, for a feature a learner may never use.
struct EspeakApi {
#define LECTERN_ESPEAK_FUNCTIONS(X)                                                                   \
    X(espeak_ng_InitializePath) X(espeak_ng_Initialize) X(espeak_ng_ClearErrorContext)              \
    X(espeak_SetSynthCallback) X(espeak_ng_GetSampleRate) X(espeak_SetVoiceByName)                  \
    X(espeak_ng_InitializeOutput) X(espeak_Synth) X(espeak_Terminate) X(espeak_Initialize)          \
    X(espeak_Cancel) X(espeak_SetParameter) X(espeak_ListVoices)
#define LECTERN_ESPEAK_MEMBER(name) decltype(&::name) name = nullptr;
    LECTERN_ESPEAK_FUNCTIONS(LECTERN_ESPEAK_MEMBER)
#undef LECTERN_ESPEAK_MEMBER
    std::unique_ptr<os::SharedLibrary> library;

    // Called on the speech worker thread only. False (and nothing half-set) when the library or
    // one of its functions is missing: read-aloud is then unavailable, the rest works.
    bool Load() {
        if (library) return true;
        auto handle = std::make_unique<os::SharedLibrary>(std::vector<std::string>{"libespeak-ng.so.1", "libespeak-ng.so"});
        if (!handle->ok()) return false;
        bool ok = true;
#define LECTERN_ESPEAK_LOOKUP(name)                                                 \
    name = reinterpret_cast<decltype(&::name)>(handle->Symbol(#name));              \
    ok = ok && name != nullptr;
        LECTERN_ESPEAK_FUNCTIONS(LECTERN_ESPEAK_LOOKUP)
#undef LECTERN_ESPEAK_LOOKUP
        if (!ok) {
            handle->Close();
            *this = EspeakApi{};
            return false;
        }
        library = std::move(handle);  // kept open until exit: espeak's threads may still be in it
        return true;
    }
#undef LECTERN_ESPEAK_FUNCTIONS
};
EspeakApi g_espeak;

static_assert(espeakRATE_NORMAL == 175, "Command's default rate (speech_worker.h) is espeak-ng's normal one");

enum class Output { Unknown, Playback, Discard };

// speech_worker.h's state, shared with espeak's own threads too (which run the callback in
// playback mode); the discard pacing waits on `wake` for `abort`.
struct EspeakState : SpeechState {
    size_t parts_after = 0;  // parts of the plan still to read after the current one (Next)

    // Worker side (and espeak's callback thread).
    Output output = Output::Unknown;
    int sample_rate = 22050;
    std::atomic<unsigned> live_serial{0};  // the synthesis whose events count; 0 = none
    std::atomic<int> word_position{0};     // 1-based character position of the current word
};

// espeak's callback has no user pointer of its own, and espeak is one per process anyway.
std::shared_ptr<EspeakState> g_state;

// Speech ended by itself: tell the caller (outside the lock: it may take other locks).
void Finished(EspeakState& state, unsigned serial) {
    std::function<void()> notify;
    {
        std::lock_guard<std::mutex> lock(state.mutex);
        if (serial == 0 || state.live_serial != serial) return;
        state.live_serial = 0;
        if (!state.commands.empty()) return;  // a newer command decides the state
        if (state.parts_after > 0) {
            // The next language's part, in its own voice, on the worker (espeak's calls stay there).
            --state.parts_after;
            state.commands.push_back({CommandKind::Next, {}, 0});
            state.wake.notify_all();
            return;
        }
        state.speaking = false;
        state.paused = false;
        notify = state.on_change;
    }
    if (notify) notify();
}

int OnSynth(short* samples, int count, espeak_EVENT* events) {
    std::shared_ptr<EspeakState> state = g_state;
    if (!state) return 1;
    for (espeak_EVENT* event = events; event && event->type != espeakEVENT_LIST_TERMINATED;
         ++event) {
        unsigned serial = static_cast<unsigned>(reinterpret_cast<uintptr_t>(event->user_data));
        if (serial != state->live_serial) continue;  // a cancelled utterance's late events
        if (event->type == espeakEVENT_WORD) state->word_position = event->text_position;
        if (event->type == espeakEVENT_MSG_TERMINATED) Finished(*state, serial);
    }
    if (state->output != Output::Discard) return 0;
    // No sound device: take as long as the audio would, so Pause and Stop mean the same thing.
    std::unique_lock<std::mutex> lock(state->mutex);
    if (samples && count > 0) {
        auto duration =
            std::chrono::microseconds(static_cast<long long>(count) * 1000000 / state->sample_rate);
        state->wake.wait_for(lock, duration, [&] { return state->abort; });
    }
    return state->abort ? 1 : 0;
}

bool StartEngine(EspeakState& state) {
    if (!g_espeak.Load()) return false;
    g_espeak.espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    // The espeak_ng_ API: espeak_Initialize would exit() the process if its data is missing.
    espeak_ng_STATUS status = g_espeak.espeak_ng_Initialize(&context);
    g_espeak.espeak_ng_ClearErrorContext(&context);
    if (status != ENS_OK) return false;
    g_espeak.espeak_SetSynthCallback(OnSynth);
    state.sample_rate = std::max(1, g_espeak.espeak_ng_GetSampleRate());
    // The voices and the languages each speaks: "languages" is a run of (priority byte, name, NUL)
    // ended by a zero priority; "identifier" is the voice file's path ("gmw/en-US").
    std::vector<EspeakVoice> voices;
    if (const espeak_VOICE** list = g_espeak.espeak_ListVoices(nullptr)) {
        for (; *list; ++list) {
            const espeak_VOICE& v = **list;
            if (!v.identifier || !v.languages) continue;
            EspeakVoice voice;
            const char* slash = std::strrchr(v.identifier, '/');
            voice.name = slash ? slash + 1 : v.identifier;
            for (const char* p = v.languages; *p; p += std::strlen(p + 1) + 2)
                voice.languages.emplace_back(p + 1, static_cast<unsigned char>(*p));
            voices.push_back(std::move(voice));
        }
    }
    {
        std::lock_guard<std::mutex> lock(state.mutex);
        state.voices = std::move(voices);
    }
    return g_espeak.espeak_SetVoiceByName("en") == EE_OK;
}

// Decided at the first Speak, not at start-up: opening the sound device can take a moment and,
// with no device, ALSA prints its complaints; a learner who never uses read-aloud sees neither.
void ChooseOutput(EspeakState& state) {
    g_espeak.espeak_ng_InitializeOutput(
        static_cast<espeak_ng_OUTPUT_MODE>(ENOUTPUT_MODE_SYNCHRONOUS | ENOUTPUT_MODE_SPEAK_AUDIO),
        0, nullptr);
    const char probe[] = "<break time=\"1ms\"/>";
    bool has_audio = g_espeak.espeak_Synth(probe, sizeof(probe), 0, POS_CHARACTER, 0,
                                  espeakCHARS_UTF8 | espeakSSML, nullptr, nullptr) == EE_OK;
    if (has_audio) {
        // Switching synchronous playback to asynchronous in place loses the events; a fresh
        // start in PLAYBACK mode keeps them (checked with espeak-ng 1.51).
        g_espeak.espeak_Terminate();
        has_audio =
            g_espeak.espeak_Initialize(AUDIO_OUTPUT_PLAYBACK, 0, nullptr, espeakINITIALIZE_DONT_EXIT) > 0 &&
            g_espeak.espeak_SetVoiceByName("en") == EE_OK;
        g_espeak.espeak_SetSynthCallback(OnSynth);
    }
    if (!has_audio) {
        // (Terminating here can deadlock in 1.51 after the failed open: switch modes instead.)
        g_espeak.espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
    }
    state.output = has_audio ? Output::Playback : Output::Discard;
}

struct Worker {
    std::shared_ptr<EspeakState> state;
    std::vector<SpokenPart> parts;  // the page, a part per voice (PlanSpeech)
    size_t current = 0;             // the part being read
    int words_per_minute = espeakRATE_NORMAL;
    int resume_from = 0;  // characters of the current part already spoken before a pause
    unsigned next_serial = 0;

    void Cancel() {
        state->live_serial = 0;
        if (state->output == Output::Playback) g_espeak.espeak_Cancel();
    }

    void Start(int from_character) {
        unsigned serial = ++next_serial;
        if (serial == 0) serial = ++next_serial;
        {
            std::lock_guard<std::mutex> lock(state->mutex);
            if (!state->commands.empty()) return;  // superseded before it began
            state->abort = false;
            state->live_serial = serial;
        }
        if (state->output == Output::Unknown) ChooseOutput(*state);
        const SpokenPart& part = parts[current];
        g_espeak.espeak_SetVoiceByName(part.voice.c_str());  // (ChooseOutput's restart resets it)
        if (from_character == 0) {
            std::function<void(const std::string&, size_t)> on_part;
            {
                std::lock_guard<std::mutex> lock(state->mutex);
                on_part = state->on_part;
            }
            if (on_part) on_part(part.voice, part.text.size());
        }
        g_espeak.espeak_SetParameter(
            espeakRATE, std::clamp(words_per_minute, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
        void* user_data = reinterpret_cast<void*>(static_cast<uintptr_t>(serial));
        espeak_ERROR result =
            g_espeak.espeak_Synth(part.text.c_str(), part.text.size() + 1, static_cast<unsigned>(from_character),
                         POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, user_data);
        // Synchronous (discard) mode returns when done or aborted; playback returns at once
        // and ends with a MSG_TERMINATED event instead.
        bool ended = result != EE_OK || state->output == Output::Discard;
        bool aborted = false;
        {
            std::lock_guard<std::mutex> lock(state->mutex);
            aborted = state->abort;
        }
        if (ended && !aborted) Finished(*state, serial);
    }

    void Run(std::promise<void> done) {
        const bool started = StartEngine(*state);
        {
            std::lock_guard<std::mutex> lock(state->mutex);
            state->voices_known = true;
            if (!started) {
                state->failed = true;
                state->speaking = state->paused = false;
            }
        }
        for (;;) {
            Command command;
            {
                std::unique_lock<std::mutex> lock(state->mutex);
                state->wake.wait(lock, [&] { return !state->commands.empty(); });
                command = std::move(state->commands.front());
                state->commands.pop_front();
            }
            if (command.kind == CommandKind::Quit) break;
            if (state->failed) continue;
            switch (command.kind) {
                case CommandKind::Speak:
                    Cancel();
                    words_per_minute = command.words_per_minute;
                    {
                        // Never a text read in another language's voice: a part no voice speaks
                        // is left out (the caller says so, from Plan).
                        std::lock_guard<std::mutex> lock(state->mutex);
                        parts = PlanSpeech(command.parts, state->voices).parts;
                        current = 0;
                        state->parts_after = parts.empty() ? 0 : parts.size() - 1;
                        if (parts.empty() && state->commands.empty()) state->speaking = state->paused = false;
                    }
                    if (parts.empty()) break;
                    resume_from = 0;
                    state->word_position = 0;
                    Start(0);
                    break;
                case CommandKind::Next:
                    if (current + 1 >= parts.size()) break;
                    ++current;
                    resume_from = 0;
                    state->word_position = 0;
                    Start(0);
                    break;
                case CommandKind::Pause:
                    // Restart at the start of the word being spoken (positions are 1-based).
                    resume_from = std::max(0, state->word_position - 1);
                    Cancel();
                    break;
                case CommandKind::Resume:
                    if (current < parts.size()) Start(resume_from);
                    break;
                case CommandKind::Stop:
                    Cancel();
                    parts.clear();
                    {
                        std::lock_guard<std::mutex> lock(state->mutex);
                        state->parts_after = 0;
                    }
                    break;
                case CommandKind::Quit:
                    break;
            }
        }
        if (!state->failed) {
            Cancel();
            if (state->output != Output::Discard) g_espeak.espeak_Terminate();
        }
        done.set_value();
    }
};

}  // namespace

// One espeak-ng per process: its callback finds the state through g_state.
std::shared_ptr<SpeechState> NewSpeechState() {
    g_state = std::make_shared<EspeakState>();
    return g_state;
}

void RunSpeechWorker(std::shared_ptr<SpeechState> state, std::promise<void> done) {
    Worker worker;
    worker.state = std::static_pointer_cast<EspeakState>(std::move(state));
    worker.Run(std::move(done));
}

void SpeechEnded() { g_state.reset(); }

}  // namespace lectern::platform
