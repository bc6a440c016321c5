// A branching scenario inside a page: the current situation and its choices; at an ending, the
// outcome, the debrief, and the learner's path beside the recommended path with each reason.
#include "ui/scenario_widget.h"

#include <cfloat>
#include <cstdio>

#include "ui/backdrop.h"
#include "ui/blocks.h"
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

const char* RatingWord(Rating r) {
    switch (r) {
        case Rating::Best: return UiKey("best");
        case Rating::Acceptable: return UiKey("acceptable");
        case Rating::Poor: return UiKey("poor");
    }
    return "";
}

const ScenarioChoice* FindChoice(const ScenarioNode* node, const std::string& id) {
    if (!node) return nullptr;
    for (const auto& c : node->choices)
        if (c.id == id) return &c;
    return nullptr;
}

void PathTable(const Scenario& s, const std::vector<PathStep>& path, const RichContext& ctx, float width) {
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    std::vector<PathStep> best = RecommendedPath(s);
    size_t rows = std::max(path.size(), best.size());
    RichStyle style = BodyStyle(f, t);
    style.interactive = false;
    style.line_height = 1.35f;
    if (!ImGui::BeginTable("path", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_SizingStretchSame,
                           ImVec2(width, 0)))
        return;
    ImGui::TableSetupColumn(Tr("Your choices"));
    ImGui::TableSetupColumn(Tr("Recommended choices"));
    ImGui::PushFont(f.ui_bold);
    ImGui::TableHeadersRow();
    ImGui::PopFont();
    for (size_t i = 0; i < rows; ++i) {
        ImGui::TableNextRow();
        for (int col = 0; col < 2; ++col) {
            const std::vector<PathStep>& p = col == 0 ? path : best;
            ImGui::TableSetColumnIndex(col);
            ImGui::PushID(static_cast<int>(i * 2 + static_cast<size_t>(col)));
            if (i < p.size()) {
                const ScenarioChoice* c = FindChoice(s.Find(p[i].node), p[i].choice);
                if (c) {
                    float w = ImGui::GetContentRegionAvail().x;
                    RichText("c", c->text, style, ctx, w);
                    const std::string rating = TrFText("Rated {rating}", {{"rating", TrText(RatingWord(c->rating))}});
                    WrappedText(f.ui_bold, c->rating == Rating::Poor ? t.bad : c->rating == Rating::Best ? t.good : t.text_muted,
                                rating, w);
                    if (!c->reason.empty()) RichText("r", c->reason, SingleFontStyle(f.small, t.text, 1.35f), ctx, w);
                }
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace

void DrawScenario(const Scenario& s, const ScenarioRun& run, const BlockContext& bc, Actions& actions) {
    const RichContext& ctx = bc.rich;
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    float width = bc.width;
    ImGui::PushID(s.id.c_str());
    ImVec2 start = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    Backdrop box(start);  // behind the content: callouts inside nest their own boxes
    box.Fill(start.x, start.x + width, ImGui::GetColorU32(t.panel), 6.0f);
    box.Outline(start.x, start.x + width, ImGui::GetColorU32(t.panel_border), 6.0f);
    float pad = f.body_px * 0.9f;
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
    ImGui::BeginGroup();
    float inner = width - pad * 2;
    BlockContext ib = bc;
    ib.width = inner;
    SectionLabel(TrText("WHAT WOULD YOU DO?").c_str(), f, t.text_muted, inner);
    RichText("title", Inline{TextRun(s.title, true)}, SingleFontStyle(f.heading3, t.text), ctx, inner);
    const ScenarioNode* node = run.Current();
    // Each part in its own id scope: an intro and a node drawn together (or an ending and its
    // debrief) both number their blocks from 0, and two tables with one id abort ImGui.
    if (run.Path().empty() && !s.intro.empty()) {
        ImGui::PushID("intro");
        DrawBlocks(s.intro, ib);
        ImGui::PopID();
    }
    // After a choice, focus rests at the top of the new step, with no ring: Tab goes on to its
    // first choice (or the ending's actions), not back to the top of the page.
    {
        ImGuiStorage* kept = ImGui::GetStateStorage();
        const ImGuiID seen = ImGui::GetID("##step-seen");
        const int step = static_cast<int>(run.Path().size()) + 1;
        const int before = kept->GetInt(seen, 0);
        kept->SetInt(seen, step);
        FocusAnchor("##step", before != 0 && before != step);
    }
    if (node && !node->is_ending) {
        ImGui::PushID("body");
        DrawBlocks(node->body, ib);
        ImGui::PopID();
        for (size_t ci = 0; ci < node->choices.size(); ++ci) {
            const auto& c = node->choices[ci];
            ImGui::PushID(c.id.c_str());
            RichStyle style = BodyStyle(f, t);
            style.interactive = false;
            style.line_height = 1.4f;
            float p = f.body_px * 0.45f;
            float h = RichTextHeight(c.text, style, inner - f.body_px * 2.2f) + p * 2;
            ImVec2 pos = ImGui::GetCursorScreenPos();
            ImGui::PushStyleColor(ImGuiCol_Header, t.button);
            if (ImGui::Selectable("##choice", true, 0, ImVec2(inner, h))) {
                Action a(ActionKind::ScenarioChoose, 0, s.id);
                a.ref2 = c.id;
                actions.Push(a);
            }
            NameIfFocused("choice", c.id);  // the focus trace
            ImGui::PopStyleColor();
            // The choice's number key (1-9 pick it, as in quizzes); an arrow past nine.
            // From the reading start: the key, then the words (mirrored: the key at the right).
            char key[8] = "\xE2\x86\x92";
            if (ci < 9) std::snprintf(key, sizeof key, "%zu", ci + 1);
            const bool mirrored = ReadingFromRight();
            const float key_w = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, 0.0f, key).x;
            dl->AddText(f.bold, f.bold->FontSize, ImVec2(mirrored ? pos.x + inner - p - key_w : pos.x + p, pos.y + p + 1),
                        ImGui::GetColorU32(t.accent), key);
            const float text_w = inner - f.body_px * 2.2f;
            ImGui::SetCursorScreenPos(ImVec2(mirrored ? pos.x + inner - f.body_px * 2.0f - text_w : pos.x + f.body_px * 2.0f, pos.y + p));
            RichText("t", c.text, style, ctx, text_w);
            ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + f.body_px * 0.3f));
            ImGui::Dummy(ImVec2(inner, 0));
            ImGui::PopID();
        }
    } else if (node) {
        const std::string verdict = node->outcome == Rating::Best         ? TrText("Outcome: a strong result")
                                    : node->outcome == Rating::Acceptable ? TrText("Outcome: acceptable, with costs")
                                                                          : TrText("Outcome: a poor result");
        WrappedText(f.ui_bold, node->outcome == Rating::Poor ? t.bad : node->outcome == Rating::Best ? t.good : t.text, verdict,
                    inner);
        DrawBlocks(node->body, ib);
        if (!node->debrief.empty()) {
            SectionLabel(TrText("DEBRIEF").c_str(), f, t.text_muted, inner);
            ImGui::PushID("debrief");
            DrawBlocks(node->debrief, ib);
            ImGui::PopID();
        }
        PathTable(s, run.Path(), ctx, inner);
        ImGui::Dummy(ImVec2(1, f.body_px * 0.3f));
        ImGui::PushFont(f.ui);
        const std::string again = ButtonLabel(Tr("Play it again from the start"), inner);
        ButtonAtReadingStart(again.c_str(), inner);
        if (ImGui::Button(again.c_str())) actions.Push(Action(ActionKind::ScenarioRestart, 0, s.id));
        NameIfFocused("Play it again from the start");
        ImGui::PopFont();
    }
    ImGui::EndGroup();
    float end_y = ImGui::GetItemRectMax().y + pad;
    box.End(end_y);
    ImGui::SetCursorScreenPos(ImVec2(start.x, end_y));
    ImGui::Dummy(ImVec2(width, 1));
    ImGui::PopID();
}

}  // namespace lectern::ui
