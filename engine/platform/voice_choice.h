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

// The languages a Windows (SAPI) voice speaks, as ChooseVoice reads them, from the locale names
// of its token's Language attribute ("en-US", "zh-CN"; speech_windows.cpp turns the attribute's
// LCIDs into names): each whole tag first (priority 1), then its language alone (priority 5), so
// a course in "en" finds an "en-US" voice and one in "en-US" prefers it to an "en-GB" one; and
// Chinese also as espeak-ng names its dialects, since ChooseVoice looks Chinese up by dialect
// ("yue" for Hong Kong and Macao, "cmn" for the rest). Each language once, at its best priority.
std::vector<std::pair<std::string, int>> SapiVoiceLanguages(const std::vector<std::string>& locale_names);

// A piece of a page in one language (course/speech_text.h's SpeechSegment, which this layer does
// not include): `lang` as BCP 47, empty for English.
struct SpeechPart {
    std::string lang;
    std::string text;
};

// How a page is read aloud: each part by the voice that speaks its language, in order, parts in a
// row with the same voice joined into one utterance (fewer restarts of the synthesiser); a part
// no voice speaks is left out, never read in another language's voice, and its language is
// listed in `skipped` (once, in order of first appearance) for the interface to say so.
struct SpokenPart {
    std::string voice;  // espeak-ng's voice name
    std::string text;
};
struct SpeechPlan {
    std::vector<SpokenPart> parts;
    std::vector<std::string> skipped;
};
SpeechPlan PlanSpeech(const std::vector<SpeechPart>& parts, const std::vector<EspeakVoice>& voices);

}  // namespace lectern::platform
