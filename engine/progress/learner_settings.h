// A learner's display settings follow them from one sitting to the next, and on a shared machine
// from kiosk to kiosk session: text size, colour theme and read-aloud speed, kept as per-learner
// settings in the store. What comes back from the file is brought within what the player offers
// (a hand-edited or foreign store cannot ask for 900 % text), and only what changed is written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "progress/progress_store.h"

namespace lectern {

struct DisplaySettings {
    int text_percent = 100;  // 100 to 200
    std::string theme;       // a theme's key ("light", "dark", ...); the UI checks it is one
    int speech_rate = 175;   // words per minute, 80 to 400

    bool operator==(const DisplaySettings& o) const {
        return text_percent == o.text_percent && theme == o.theme && speech_rate == o.speech_rate;
    }
};

class LearnerSettings {
public:
    LearnerSettings(ProgressStore& store, LearnerId learner) : m_store(&store), m_learner(learner) {}

    // The learner's saved settings over `defaults` (what the screen shows before sign-in), each
    // clamped to its range; a value that is not a number keeps the default. Remembered as saved.
    DisplaySettings Load(const DisplaySettings& defaults);

    // Writes the settings that differ from those last loaded or saved, and returns the keys
    // written ("text_size", "theme", "speech_rate"); a key the store refused stays unsaved and is
    // tried again next time.
    std::vector<std::string> Save(const DisplaySettings& now, int64_t now_ms);

private:
    ProgressStore* m_store;
    LearnerId m_learner;
    DisplaySettings m_saved;
};

}  // namespace lectern
