// Which espeak-ng voice reads a text in a given language (BCP 47 tag): chosen from the voices
// espeak-ng lists, each with the languages it speaks and a priority per language, so that Arabic is
// never read with an English voice. When no voice speaks the language, the choice says so and why,
// for the read-aloud button to show instead of reading.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lectern::platform {

struct EspeakVoice {
    std::string name;  // what espeak_SetVoiceByName takes: the voice file's name ("en-US", "cmn")
    // (language, priority) pairs as espeak-ng lists them ("zh", 8): a lower priority is preferred.
    std::vector<std::pair<std::string, int>> languages;
};

struct VoiceChoice {
    std::string voice;   // empty: no voice speaks the language
    std::string spoken;  // the language the voice was matched on ("cmn" for "zh-Hans")
    std::string why;     // when voice is empty, why (English; the interface words it from the catalog)
};

// The voice for `lang`: the whole tag first ("en-us"), then without its script and region
// ("zh-Hans-CN" -> "zh-cn" -> "zh"), where Chinese is Mandarin ("cmn") unless the tag says
// Cantonese ("yue", "zh-HK", "zh-MO"). Among voices speaking the same language, the lowest
// priority wins, then the first listed. An empty tag is English.
VoiceChoice ChooseVoice(const std::string& lang, const std::vector<EspeakVoice>& voices);

}  // namespace lectern::platform
