#include "ui/question_widget.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>

#include "ui/backdrop.h"
#include "ui/blocks.h"
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

const Choice* FindChoice(const Question& q, const std::string& id) {
    for (const auto& c : q.choices)
        if (c.id == id) return &c;
    return nullptr;
}

const MatchPair* FindPair(const Question& q, const std::string& id) {
    for (const auto& p : q.pairs)
        if (p.id == id) return &p;
    return nullptr;
}

const OrderItem* FindItem(const Question& q, const std::string& id) {
    for (const auto& i : q.items)
        if (i.id == id) return &i;
    return nullptr;
}

enum class Mark { None, Right, Wrong, Key };

// A choice as a focusable row: its number key (when 1-9 pick it), an indicator (a circle for one
// answer, a box that takes a tick for several), the choice's rich text wrapped to the width, and
// an optional mark. Returns true when pressed (click, Space or Enter).
bool ChoiceRow(const char* id, const Inline& text, bool selected, bool radio, Mark mark, bool enabled, float width,
               const RichContext& ctx, int number) {
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    float pad = f.body_px * 0.45f;
    float num_w = number > 0 ? f.body_px * 1.3f : 0.0f;
    float indent = f.body_px * 2.0f + num_w;
    float mark_w = mark == Mark::None ? 0 : f.body_px * 6.5f;
    RichStyle style = BodyStyle(f, t);
    style.interactive = false;
    style.line_height = 1.4f;
    float text_w = width - indent - pad - mark_w;
    float h = std::max(RichTextHeight(text, style, text_w), f.body->FontSize * style.line_height) + pad * 2;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    ImGui::BeginDisabled(!enabled);
    ImGui::PushStyleColor(ImGuiCol_Header, t.selection);
    bool pressed = ImGui::Selectable("##row", selected, ImGuiSelectableFlags_None, ImVec2(width, h));
    NameIfFocused("choice", id);  // the focus trace: "choice b", "choice true"
    ImGui::PopStyleColor();
    ImGui::EndDisabled();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 ink = ImGui::GetColorU32(t.text);
    ImU32 accent = ImGui::GetColorU32(t.accent);
    float line_mid = pos.y + pad + f.body->FontSize * style.line_height * 0.5f;
    // Right to left (an Arabic interface, or a passage in a right-to-left language): the row
    // mirrored, as a browser mirrors a form: number and mark at the right, the label to their
    // left, the right/wrong mark at the left end.
    const bool mirrored = CurrentDirection() == text::Direction::RightToLeft;
    // x measured from the row's start (its left end, or its right end mirrored) to the screen.
    auto at = [&](float from_start, float w) { return mirrored ? pos.x + width - from_start - w : pos.x + from_start; };
    if (number > 0) {
        char key[4];
        std::snprintf(key, sizeof key, "%d", number);
        const float key_w = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, 0.0f, key).x;
        dl->AddText(f.bold, f.bold->FontSize, ImVec2(at(pad, key_w), line_mid - f.bold->FontSize * 0.5f), accent, key);
    }
    float r = f.body_px * 0.42f;
    ImVec2 c(at(num_w + pad + 2, 2 * r) + r, line_mid);
    if (radio) {
        dl->AddCircle(c, r, ink, 24, 1.6f);
        if (selected) dl->AddCircleFilled(c, r * 0.55f, accent, 24);
    } else {
        // A checked box is filled and ticked: never a dot in a frame, which reads as a radio button.
        if (selected) {
            dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), accent, 3.0f);
            const ImVec2 tick[3] = {ImVec2(c.x - r * 0.55f, c.y + r * 0.02f), ImVec2(c.x - r * 0.12f, c.y + r * 0.45f),
                                    ImVec2(c.x + r * 0.6f, c.y - r * 0.5f)};
            dl->AddPolyline(tick, 3, ImGui::GetColorU32(t.accent_text), 0, std::max(2.0f, r * 0.28f));
        } else {
            dl->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), ink, 3.0f, 0, 1.6f);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(at(indent, text_w), pos.y + pad));
    RichText("text", text, style, ctx, text_w);
    if (mark != Mark::None) {
        // Kept in a named string: ShapedIn may hand back the text's own characters, which must
        // outlive the drawing below (a temporary ended with this statement: ASan's use-after-scope).
        const std::string mark_text = mark == Mark::Right   ? TrText("\xE2\x9C\x93 right")
                                      : mark == Mark::Wrong ? TrText("\xE2\x9C\x97 wrong")
                                                            : TrText("\xE2\x9C\x93 answer");
        const char* label = ShapedIn(f.ui_bold, mark_text);
        ImVec4 col = mark == Mark::Wrong ? t.bad : t.good;
        ImGui::PushFont(f.ui_bold);
        float lw = ImGui::CalcTextSize(label).x;
        dl->AddText(f.ui_bold, f.ui_bold->FontSize, ImVec2(at(width - lw - pad, lw), pos.y + pad), ImGui::GetColorU32(col), label);
        ImGui::PopFont();
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + f.body_px * 0.15f));
    ImGui::Dummy(ImVec2(width, 0));
    ImGui::PopID();
    return pressed && enabled;
}

// What the author wrote for a chosen choice, right under it (after a check or in a review), so
// that each comment is read beside the choice it is about.
void ChoiceFeedback(const Choice& c, const QuestionView& v, const RichContext& ctx) {
    bool graded = v.grade && (v.mode == QuestionMode::Check || v.mode == QuestionMode::Review);
    if (!graded || !v.show_feedback || c.feedback.empty()) return;
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    float indent = f.body_px * (2.0f + (v.number_keys ? 1.3f : 0.0f)) + f.body_px * 0.45f;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float w = v.width - indent - f.body_px * 0.45f;
    // Under its choice's words, its bar on their reading-start side (the right when mirrored).
    const bool mirrored = ReadingFromRight();
    const float bar_x = mirrored ? pos.x + v.width - indent + f.body_px * 0.5f - 3 : pos.x + indent - f.body_px * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(bar_x, pos.y),
                                              ImVec2(bar_x + 3, pos.y + RichTextHeight(c.feedback, SingleFontStyle(f.small, t.text, 1.35f), w)),
                                              ImGui::GetColorU32(c.correct ? t.good : t.bad));
    ImGui::SetCursorScreenPos(ImVec2(mirrored ? pos.x + v.width - indent - w : pos.x + indent, pos.y));
    ImGui::PushID("cfb");
    RichText("t", c.feedback, SingleFontStyle(f.small, t.text, 1.35f), ctx, w);
    ImGui::PopID();
    ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y + f.body_px * 0.3f));
    ImGui::Dummy(ImVec2(v.width, 0));
}

Mark MarkFor(bool selected, bool correct, const QuestionView& v) {
    bool graded = v.grade && (v.mode == QuestionMode::Check || v.mode == QuestionMode::Review);
    if (graded && selected) return correct ? Mark::Right : Mark::Wrong;
    if (v.show_key && correct) return Mark::Key;
    return Mark::None;
}

// `from`: where a control drawn in several items (a choice row) began; else the last item.
void NoteFirstControl(QuestionInput& out, const ImVec2* from = nullptr) {
    if (out.has_first_control) return;
    out.has_first_control = true;
    out.first_control_min = from ? *from : ImGui::GetItemRectMin();
    out.first_control_max = ImGui::GetItemRectMax();
}

void DrawChoices(const QuestionView& v, QuestionInput& out, bool editable, const RichContext& ctx) {
    const Question& q = *v.question;
    bool multiple = q.type == QuestionType::Multiple;
    std::vector<std::string> order = v.order;
    if (order.empty())
        for (const auto& c : q.choices) order.push_back(c.id);
    std::vector<std::string> selected = v.response.selected;
    int number = 0;
    for (const auto& id : order) {
        const Choice* c = FindChoice(q, id);
        if (!c) continue;
        bool on = Contains(selected, id);
        ++number;
        int key = v.number_keys && number <= 9 ? number : 0;
        const ImVec2 row_top = ImGui::GetCursorScreenPos();
        bool pressed = ChoiceRow(id.c_str(), c->text, on, !multiple, MarkFor(on, c->correct, v), editable, v.width, ctx, key);
        NoteFirstControl(out, &row_top);
        if (on) {
            ImGui::PushID(id.c_str());
            ChoiceFeedback(*c, v, ctx);
            ImGui::PopID();
        }
        if (pressed) {
            if (multiple) {
                if (on) selected.erase(std::find(selected.begin(), selected.end(), id));
                else selected.push_back(id);
            } else {
                selected = {id};
            }
            out.changed = true;
            out.response = Response::Choices(selected);
        }
    }
}

void DrawTrueFalse(const QuestionView& v, QuestionInput& out, bool editable, const RichContext& ctx) {
    const Question& q = *v.question;
    bool answered = v.response.kind == ResponseKind::TrueFalse;
    for (bool value : {true, false}) {
        bool on = answered && v.response.value == value;
        Inline label{TextRun(value ? TrText("True") : TrText("False"))};
        int key = v.number_keys ? (value ? 1 : 2) : 0;
        const ImVec2 row_top = ImGui::GetCursorScreenPos();
        const bool pressed = ChoiceRow(value ? "true" : "false", label, on, true, MarkFor(on, value == q.tf_answer, v), editable, v.width, ctx, key);
        NoteFirstControl(out, &row_top);
        if (pressed) {
            out.changed = true;
            out.response = Response::TrueFalse(value);
        }
    }
}

void DrawMatching(const QuestionView& v, QuestionInput& out, bool editable, const RichContext& ctx) {
    const Question& q = *v.question;
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    std::vector<std::string> rights = v.order;
    if (rights.empty())
        for (const auto& p : q.pairs) rights.push_back(p.id);
    std::map<std::string, std::string> matches = v.response.matches;
    if (ImGui::BeginTable("match", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerH, ImVec2(v.width, 0))) {
        RichStyle style = BodyStyle(f, t);
        style.interactive = false;
        style.line_height = 1.35f;
        // Right to left: what is matched is the rightmost column, its drop-down to its left.
        const int left_column = CurrentDirection() == text::Direction::RightToLeft ? 1 : 0;
        for (const auto& pair : q.pairs) {
            ImGui::PushID(pair.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(left_column);
            RichText("left", pair.left, style, ctx, ImGui::GetContentRegionAvail().x);
            ImGui::TableSetColumnIndex(1 - left_column);
            auto it = matches.find(pair.id);
            std::string chosen = it == matches.end() ? "" : it->second;
            const MatchPair* chosen_pair = chosen.empty() ? nullptr : FindPair(q, chosen);
            // The chosen answer is shown whole, wrapped above the drop-down (a combo box's
            // preview is one line and cuts a long answer off); the drop-down itself only says
            // what it does, in words short enough for the narrowest column at 200 % text.
            if (chosen_pair) RichText("chosen", chosen_pair->right, style, ctx, ImGui::GetContentRegionAvail().x);
            const char* preview = chosen_pair ? Tr("Change\xE2\x80\xA6") : Tr("Choose\xE2\x80\xA6");
            ImGui::SetNextItemWidth(-1);
            ImGui::BeginDisabled(!editable);
            ImGui::PushFont(f.ui);
            // The list is as wide as the drop-down: its answers wrap to it, whole.
            const float list_w = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().WindowPadding.x * 2;
            const bool list_open = ComboAtReadingStart("##match", preview);
            NameIfFocused("match", pair.id);
            NoteFirstControl(out);
            if (list_open) {
                for (const auto& rid : rights) {
                    const MatchPair* rp = FindPair(q, rid);
                    if (!rp) continue;
                    ImGui::PushID(rid.c_str());
                    if (ImGui::Selectable(Shaped(WrapLabel(f.ui, PlainText(rp->right), list_w)), rid == chosen)) {
                        matches[pair.id] = rid;
                        out.changed = true;
                        out.response = Response::Matching(matches);
                    }
                    if (rid == chosen) ImGui::SetItemDefaultFocus();
                    ImGui::PopID();
                }
                ImGui::EndCombo();
            }
            ImGui::PopFont();
            ImGui::EndDisabled();
            bool graded = v.grade && (v.mode == QuestionMode::Check || v.mode == QuestionMode::Review);
            if (graded && !chosen.empty()) {
                bool right = chosen == pair.id;
                WrappedText(f.ui_bold, right ? t.good : t.bad, right ? TrText("\xE2\x9C\x93 right") : TrText("\xE2\x9C\x97 wrong"));
            }
            if (v.show_key && chosen != pair.id)
                WrappedText(f.small, t.good, TrFText("Answer: {answer}", {{"answer", PlainText(pair.right)}}), ImGui::GetContentRegionAvail().x);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
}

void DrawOrdering(const QuestionView& v, QuestionInput& out, bool editable, const RichContext& ctx) {
    const Question& q = *v.question;
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    std::vector<std::string> order = v.response.kind == ResponseKind::Ordering ? v.response.order : v.order;
    if (order.empty())
        for (const auto& i : q.items) order.push_back(i.id);
    RichStyle style = BodyStyle(f, t);
    style.interactive = false;
    style.line_height = 1.35f;
    ImGui::PushFont(f.ui);
    float button_w = std::max(ImGui::CalcTextSize(Tr("Move down")).x, ImGui::CalcTextSize(Tr("Move up")).x) + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::PopFont();
    float num_w = f.body_px * 2.0f;
    std::pair<int, int> move{-1, 0};  // (index, direction) pressed this frame
    for (size_t i = 0; i < order.size(); ++i) {
        const OrderItem* item = FindItem(q, order[i]);
        if (!item) continue;
        ImGui::PushID(item->id.c_str());  // the buttons' ids follow the item, so focus moves with it
        ImVec2 pos = ImGui::GetCursorScreenPos();
        // From the reading start: the number, the item's words, then the two buttons; mirrored
        // (x measured from the row's right end), the number at the right and the buttons at the left.
        const bool mirrored = ReadingFromRight();
        auto at = [&](float from_start, float w) { return mirrored ? pos.x + v.width - from_start - w : pos.x + from_start; };
        // Right to left, "1." reads with its full stop on the left, as a numbered list's does.
        char num[24];
        std::snprintf(num, sizeof num, mirrored ? ".%zu" : "%zu.", i + 1);
        const float num_text_w = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, 0.0f, num).x;
        ImGui::GetWindowDrawList()->AddText(f.bold, f.bold->FontSize, ImVec2(at(0, num_text_w), pos.y + 4), ImGui::GetColorU32(t.text), num);
        // The buttons sit beside the text when that leaves it a readable width, else below it
        // (a narrow window at large text).
        const bool beside = v.width - num_w - button_w * 2 - f.body_px >= f.body_px * 10;
        float text_w = beside ? v.width - num_w - button_w * 2 - f.body_px : v.width - num_w;
        ImGui::SetCursorScreenPos(ImVec2(at(num_w, text_w), pos.y + 4));
        RichText("t", item->text, style, ctx, text_w);
        float end_y = ImGui::GetCursorScreenPos().y;
        const float buttons_w = button_w * 2 + 8;
        if (beside) ImGui::SetCursorScreenPos(ImVec2(at(v.width - buttons_w, buttons_w), pos.y));
        else ImGui::SetCursorScreenPos(ImVec2(at(num_w, buttons_w), end_y + 4));
        const float buttons_x = ImGui::GetCursorScreenPos().x;
        ImGui::PushFont(f.ui);
        // A move is applied after the whole list is drawn: each button id then appears once per
        // frame, and a press cannot carry the item along as the loop reaches it again.
        if (mirrored) ImGui::SetCursorScreenPos(ImVec2(buttons_x + button_w + 8, ImGui::GetCursorScreenPos().y));
        ImGui::BeginDisabled(!editable || i == 0);
        if (ImGui::Button(Tr("Move up"), ImVec2(button_w, 0)) && editable && i > 0) move = {static_cast<int>(i), -1};
        NameIfFocused("move up", item->id);
        NoteFirstControl(out);
        ImGui::EndDisabled();
        ImGui::SameLine(0, 8);
        // Mirrored, Move up (drawn first, the first Tab stop) is the right one.
        if (mirrored) ImGui::SetCursorScreenPos(ImVec2(buttons_x, ImGui::GetCursorScreenPos().y));
        ImGui::BeginDisabled(!editable || i + 1 == order.size());
        if (ImGui::Button(Tr("Move down"), ImVec2(button_w, 0)) && editable && i + 1 < order.size()) move = {static_cast<int>(i), 1};
        NameIfFocused("move down", item->id);
        ImGui::EndDisabled();
        ImGui::PopFont();
        float row_end = std::max(end_y, ImGui::GetItemRectMax().y + 4);
        bool graded = v.grade && (v.mode == QuestionMode::Check || v.mode == QuestionMode::Review);
        if (graded && i < q.items.size()) {
            bool right = q.items[i].id == order[i];
            ImGui::SetCursorScreenPos(ImVec2(at(num_w, v.width - num_w), row_end));
            WrappedText(f.small, right ? t.good : t.bad, right ? TrText("\xE2\x9C\x93 in the right place") : TrText("\xE2\x9C\x97 not here"),
                        v.width - num_w);
            row_end = ImGui::GetCursorScreenPos().y;
        }
        // A rule across the question's width (ImGui's Separator would run to the window's edge).
        ImGui::SetCursorScreenPos(ImVec2(pos.x, row_end + 6));
        ImGui::GetWindowDrawList()->AddLine(ImVec2(pos.x, row_end + 6), ImVec2(pos.x + v.width, row_end + 6),
                                            ImGui::GetColorU32(ImGuiCol_Separator));
        ImGui::Dummy(ImVec2(v.width, 1));
        ImGui::PopID();
    }
    if (move.first >= 0) {
        std::swap(order[static_cast<size_t>(move.first)], order[static_cast<size_t>(move.first + move.second)]);
        out.changed = true;
        out.response = Response::Ordering(order);
    }
    if (v.show_key) {
        std::string key = TrText("Correct order: ");
        for (size_t i = 0; i < q.items.size(); ++i) key += std::to_string(i + 1) + ". " + PlainText(q.items[i].text) + "  ";
        WrappedText(f.small, t.good, key, v.width);
    }
}

void DrawText(const QuestionView& v, QuestionInput& out, bool editable, const RichContext& ctx) {
    const Question& q = *v.question;
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    std::string text = v.response.kind == ResponseKind::Text ? v.response.text : "";
    ImGui::PushFont(f.body);
    const float field_w = std::min(v.width, f.body_px * 24);
    AtReadingStart(field_w, v.width);  // from the right on a right-to-left page
    ImGui::SetNextItemWidth(field_w);
    ImGui::BeginDisabled(!editable);
    bool enter = FieldWithHint("##answer", Tr("Type your answer"), &text, ImGuiInputTextFlags_EnterReturnsTrue);
    NameIfFocused("answer field");
    NoteFirstControl(out);
    bool edited = ImGui::IsItemEdited();
    bool left = ImGui::IsItemDeactivatedAfterEdit();
    ImGui::EndDisabled();
    ImGui::PopFont();
    if (edited || enter) {
        out.changed = true;
        out.response = Response::Text(text);
    }
    out.settled = enter || left;
    if (enter && v.mode == QuestionMode::Check) out.check = true;
    if (v.show_key && !q.accept.empty()) {
        std::string key = TrText("Accepted: ");
        for (size_t i = 0; i < q.accept.size(); ++i) key += (i ? "; " : "") + q.accept[i];
        WrappedText(f.small, t.good, key, v.width);
    }
}

// The feedback box after a check or in review; with key_only (presenter), just the answer's why.
void Feedback(const QuestionView& v, const RichContext& ctx, bool key_only = false) {
    const Question& q = *v.question;
    const Grade& g = *v.grade;
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    bool correct = key_only || g.status == GradeStatus::Correct;
    bool partial = g.status == GradeStatus::Partial;
    ImVec2 start = ImGui::GetCursorScreenPos();
    Backdrop box(start);  // behind the content, which may hold blocks with boxes of their own
    box.Fill(start.x, start.x + v.width, ImGui::GetColorU32(correct ? t.good_bg : t.bad_bg), 4.0f);
    // Its bar on the reading-start side, as a callout's.
    const float bar_x = ReadingFromRight() ? start.x + v.width - 4 : start.x;
    box.Fill(bar_x, bar_x + 4, ImGui::GetColorU32(correct ? t.good : t.bad), 2.0f);
    float pad = f.body_px * 0.7f;
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad * 0.7f));
    ImGui::BeginGroup();
    std::string head;
    if (key_only) head = TrText("The answer is marked above.");
    else if (correct) head = TrText("Correct.");
    else if (partial) {
        char earned[32], max[32];
        std::snprintf(earned, sizeof earned, "%.2g", g.earned);
        std::snprintf(max, sizeof max, "%.2g", g.max);
        head = TrFText("Partly right: {earned} of {max}.", {{"earned", earned}, {"max", max}});
    } else if (g.status == GradeStatus::Unanswered) {
        // A check of nothing asks for an answer; after a quiz the learner can no longer give one.
        head = TrText(v.mode == QuestionMode::Review ? UiKey("Not answered.") : UiKey("Answer first, then check it."));
    }
    else head = TrText("Not quite.");
    float w = v.width - pad * 2;
    WrappedText(f.ui_bold, correct ? t.good : t.bad, head, w);
    RichStyle style = BodyStyle(f, t);
    style.line_height = 1.4f;
    const Inline& fb = FeedbackText(q, g);
    if (!fb.empty() && v.show_feedback && !key_only) RichText("fb", fb, style, ctx, w);
    bool show_rationale = v.show_feedback && (correct || v.show_key);
    if (show_rationale) {
        auto rationale = [&](const Rationale& r, const char* id) {
            if (r.empty()) return;
            ImGui::PushID(id);
            if (!r.text.empty()) RichText("why", r.text, style, ctx, w);
            if (!r.cite.empty()) WrappedText(f.small, t.text_muted, TrFText("Source: {citation}", {{"citation", r.cite}}), w);
            ImGui::PopID();
        };
        rationale(q.rationale, "q");
        for (const auto& c : q.choices)
            if (c.correct) rationale(c.rationale, c.id.c_str());
    }
    ImGui::EndGroup();
    float end_y = ImGui::GetItemRectMax().y + pad * 0.7f;
    box.End(end_y);
    ImGui::SetCursorScreenPos(ImVec2(start.x, end_y + 4));
    ImGui::Dummy(ImVec2(v.width, 1));
}

// A "Hint" toggle (the UI font pushed), and under it, when open, the hint in the body font.
void Hint(const Question& q, float width, const RichContext& ctx) {
    ImGui::PushID("hint");
    const bool open = ImGui::TreeNodeEx("Hint", ImGuiTreeNodeFlags_NoTreePushOnOpen, "%s", Tr("Hint"));
    ImGui::PopID();
    if (open) {
        ImGui::PopFont();
        RichText("hint", q.hint, BodyStyle(*ctx.fonts, *ctx.theme), ctx, width);
        ImGui::PushFont(ctx.fonts->ui);
    }
}

}  // namespace

QuestionInput DrawQuestion(const QuestionView& v, const RichContext& ctx) {
    QuestionInput out;
    out.response = v.response;
    bool typed = v.question->type == QuestionType::Text;
    const Question& q = *v.question;
    const Fonts& f = *ctx.fonts;
    const Theme& t = *ctx.theme;
    ImGui::PushID(q.id.c_str());
    if (v.label && *v.label) SectionLabel(TrText(v.label).c_str(), f, t.text_muted, v.width);
    RichStyle prompt = BodyStyle(f, t);
    prompt.regular = f.bold;
    prompt.italic = f.bold_italic;
    {
        const LanguageScope prompt_language(LanguageOf(q.prompt));
        RichText("prompt", q.prompt, prompt, ctx, v.width);
    }
    const char* how = nullptr;
    switch (q.type) {
        case QuestionType::Multiple: how = UiKey("Select every answer that applies."); break;
        case QuestionType::Matching: how = UiKey("Choose the match for each item."); break;
        case QuestionType::Ordering: how = UiKey("Put the items in order with Move up and Move down."); break;
        default: break;
    }
    if (how) WrappedText(f.small, t.text_muted, TrText(how), v.width);
    ImGui::Dummy(ImVec2(1, f.body_px * 0.2f));

    bool editable = v.mode == QuestionMode::Check || v.mode == QuestionMode::Quiz || v.mode == QuestionMode::Presenter;
    switch (q.type) {
        case QuestionType::Single:
        case QuestionType::Multiple: DrawChoices(v, out, editable, ctx); break;
        case QuestionType::TrueFalse: DrawTrueFalse(v, out, editable, ctx); break;
        case QuestionType::Matching: DrawMatching(v, out, editable, ctx); break;
        case QuestionType::Ordering: DrawOrdering(v, out, editable, ctx); break;
        case QuestionType::Text: DrawText(v, out, editable, ctx); break;
    }
    if (!typed) out.settled = out.changed;

    if (v.mode == QuestionMode::Check || v.mode == QuestionMode::Presenter) {
        ImGui::Dummy(ImVec2(1, f.body_px * 0.2f));
        ImGui::PushFont(f.ui);
        if (v.mode == QuestionMode::Check) {
            ImGui::PushStyleColor(ImGuiCol_Button, t.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, t.accent);
            ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.accent);
            ImGui::PushStyleColor(ImGuiCol_Text, t.accent_text);
            // The page's own controls, in a row from the page's reading start.
            ControlRow row(v.width);
            const std::string check = ButtonLabel(Tr("Check my answer"), v.width);
            row.Next(ButtonWidth(check.c_str()));
            if (ImGui::Button(check.c_str())) out.check = true;
            ImGui::PopStyleColor(4);
            bool wrong = v.grade && v.grade->status != GradeStatus::Correct;
            if (v.tries > 0 && wrong && !v.show_key) {
                const std::string show = ButtonLabel(Tr("Show the answer"), v.width);
                row.Next(ButtonWidth(show.c_str()));
                if (ImGui::Button(show.c_str())) out.reveal = true;
            }
            if (!q.hint.empty() && !(v.grade && v.grade->status == GradeStatus::Correct)) {
                row.Next(ButtonWidth(Tr("Hint")) + ImGui::GetFrameHeight());
                Hint(q, v.width, ctx);
            }
        } else if (!v.show_key) {
            const std::string reveal = ButtonLabel(Tr("Reveal the answer (A)"), v.width);
            ButtonAtReadingStart(reveal.c_str(), v.width);
            if (ImGui::Button(reveal.c_str())) out.reveal = true;
        }
        ImGui::PopFont();
    }
    // The author wrote the hint for learners answering: in a scored quiz too (never in the
    // review, where the answer is known, or on the room's screen).
    if (v.mode == QuestionMode::Quiz && !q.hint.empty()) {
        ImGui::Dummy(ImVec2(1, f.body_px * 0.2f));
        ImGui::PushFont(f.ui);
        Hint(q, v.width, ctx);
        ImGui::PopFont();
    }
    if (v.grade && (v.mode == QuestionMode::Check || v.mode == QuestionMode::Review)) {
        ImGui::Dummy(ImVec2(1, f.body_px * 0.3f));
        Feedback(v, ctx);
    } else if (v.mode == QuestionMode::Presenter && v.show_key) {
        Grade key = GradeResponse(q, v.response);
        QuestionView shown = v;
        shown.grade = &key;
        Feedback(shown, ctx, true);
    }
    ImGui::PopID();
    return out;
}

}  // namespace lectern::ui
