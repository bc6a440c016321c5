#!/usr/bin/python3
"""Write a synthetic, valid Lectern course of any size (for benchmarks and stress tests).

    tools/gen_course.py --pages 1000 OUT_DIR
    tools/gen_course.py --pages 250 --seed 7 --pages-per-lesson 6 --lessons-per-module 3 OUT_DIR

The course follows content/README.md (format v1), validates against
content/schema/lectern-course.xsd and lints clean (no errors, no warnings):

  - modules of --lessons-per-module lessons of --pages-per-lesson pages (the last module takes
    what is left), each module in its own file with a scored quiz of two pools;
  - pages of about --words words (default 250) in mixed blocks: headings, paragraphs with
    em/strong (sometimes nested), glossary terms, citations and links, bulleted and numbered
    lists, tables, quotations, callouts of every kind, images and facilitator notes;
  - a knowledge check every few pages and on the last page of every lesson (all six question
    types in turn), one branching scenario per module, objectives in every lesson;
  - a final assessment, a glossary whose every entry is used, and grouped references.

The output depends only on the arguments: the same seed gives the same bytes. Python 3 standard
library only. Files in OUT_DIR with the same names are overwritten; nothing else is touched.
"""

import argparse
import math
import os
import random
import struct
import sys
import zlib
from xml.sax.saxutils import escape, quoteattr

# ---- vocabulary --------------------------------------------------------------------------------

NOUNS = """officer partner unit policy report review program training course commander adviser
    treaty statute agency budget mission border patrol checkpoint vehicle record process standard
    decision assessment audit team council ministry court judge witness incident request plan
    schedule region district village market school clinic road bridge river province network
    system procedure rule principle obligation right duty law framework measure evaluation
    strategy lesson exercise scenario instructor student officer-candidate office embassy desk
    register database interview complaint remedy inquiry finding recommendation practice
    safeguard supervisor operator liaison convoy supply contract donor grant equipment""".split()
ADJECTIVES = """careful independent regional national local senior junior formal informal annual
    urgent routine credible reliable detailed brief written public confidential civilian military
    legal practical clear complete partial early late joint separate shared effective weak strong
    prudent consistent transparent accountable neutral relevant recent former current""".split()
VERBS = """reviews records reports checks explains supports requires describes confirms
    documents approves rejects examines protects monitors assesses trains advises informs
    considers tracks verifies prepares updates summarizes identifies follows""".split()
ADVERBS = """carefully promptly usually rarely often quietly openly formally clearly regularly
    independently jointly consistently""".split()
PREPOSITIONS = "in within across under after before during beside through without for".split()
DETERMINERS = "the a each every this that one another".split()
LINKERS = ["and", "but", "while", "because", "although", "so", "whereas", "after", "before"]
OPENERS = ["In practice,", "As a rule,", "In most cases,", "For example,", "At the same time,",
           "In the field,", "By contrast,", "Over time,", "Later,", "First,", "Finally,"]
SURNAMES = ["Alvarez", "Baker", "Chen", "Dubois", "Eriksen", "Farah", "Garcia", "Haddad", "Ibrahim",
            "Jensen", "Kowalski", "Lindqvist", "Mensah", "Novak", "Okafor", "Petrov", "Quint",
            "Rossi", "Suzuki", "Tanaka", "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zhou"]

QUESTION_TYPES = ["single", "multiple", "truefalse", "matching", "ordering", "text"]
CALLOUT_KINDS = ["note", "important", "example", "legal"]


def png_bytes(width=64, height=48):
    """A small RGB PNG: three coloured boxes joined by dark arrows."""
    bg = (245, 245, 240)
    boxes = [((4, 16, 18, 32), (40, 90, 170)), ((24, 16, 38, 32), (220, 150, 30)),
             ((44, 16, 58, 32), (40, 140, 70))]
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            c = bg
            for (x0, y0, x1, y1), col in boxes:
                if x0 <= x <= x1 and y0 <= y <= y1:
                    c = col
            if c == bg and 23 <= y <= 25 and (19 <= x <= 23 or 39 <= x <= 43):
                c = (60, 60, 60)
            raw += bytes(c)

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data +
                struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


# ---- the generator -----------------------------------------------------------------------------

class Generator:
    def __init__(self, args):
        self.rnd = random.Random(args.seed)
        self.args = args
        self.question_serial = 0
        self.page_ids = []       # every page id written so far (link targets)
        self.total_words = 0
        n_terms = max(10, min(300, args.pages // 4))
        n_refs = max(5, min(100, args.pages // 10))
        self.terms = self._make_terms(n_terms)
        self.refs = self._make_refs(n_refs)

    # -- small pieces --

    def pick(self, seq):
        return self.rnd.choice(seq)

    def noun_phrase(self):
        words = [self.pick(DETERMINERS)]
        if self.rnd.random() < 0.5:
            words.append(self.pick(ADJECTIVES))
        words.append(self.pick(NOUNS))
        if words[0] == "a" and words[1][0] in "aeiou":
            words[0] = "an"
        return words

    def clause(self):
        words = self.noun_phrase()
        if self.rnd.random() < 0.2:
            words.append(self.pick(ADVERBS))
        words.append(self.pick(VERBS))
        words += self.noun_phrase()
        if self.rnd.random() < 0.5:
            words.append(self.pick(PREPOSITIONS))
            words += self.noun_phrase()
        return words

    def plain_sentence(self):
        words = self.clause()
        if self.rnd.random() < 0.35:
            words[-1] += ","
            words.append(self.pick(LINKERS))
            words += self.clause()
        if self.rnd.random() < 0.15:
            words = self.pick(OPENERS).split() + words
        words[0] = words[0][0].upper() + words[0][1:]
        return " ".join(words) + "."

    def words_of(self, text):
        return len(text.split())

    def short_title(self, n_min=2, n_max=5):
        words = [self.pick(ADJECTIVES if i % 2 == 0 else NOUNS)
                 for i in range(self.rnd.randint(n_min, n_max))]
        words[0] = words[0].capitalize()
        return " ".join(words)

    def _make_terms(self, n):
        terms, seen = [], set()
        while len(terms) < n:
            name = f"{self.pick(ADJECTIVES)} {self.pick(NOUNS)}"
            if name in seen:
                name = f"{name} {len(terms)}"
            seen.add(name)
            terms.append((f"g{len(terms) + 1:04d}", name))
        return terms

    def _make_refs(self, n):
        refs = []
        for i in range(n):
            author = self.pick(SURNAMES)
            year = self.rnd.randint(1948, 2023)
            title = self.short_title(3, 7)
            refs.append((f"r{i + 1:04d}", author, year, title))
        return refs

    # -- inline text --

    def rich_sentence(self, ctx):
        """A sentence with some inline markup; returns (xml, words)."""
        words = self.clause()
        words[0] = words[0][0].upper() + words[0][1:]
        out = []
        r = self.rnd.random()
        if r < 0.12:
            i = self.rnd.randrange(len(words))
            words[i] = f"<em>{escape(words[i])}</em>"
        elif r < 0.22:
            i = self.rnd.randrange(len(words))
            words[i] = f"<strong>{escape(words[i])}</strong>"
        elif r < 0.26 and len(words) >= 3:
            words[1] = f"<strong>{escape(words[1])} <em>{escape(words[2])}</em></strong>"
            del words[2]
        out.append(" ".join(words))
        n = len(" ".join(words).split())
        r = self.rnd.random()
        if r < 0.30:
            term_id, name = self.pick(self.terms)
            out.append(f"{self.pick(PREPOSITIONS)} the <term ref=\"{term_id}\">{escape(name)}</term>")
            n += 2 + self.words_of(name)
        elif r < 0.40:
            ref_id, author, year, _ = self.pick(self.refs)
            out.append(f"(<cite ref=\"{ref_id}\">{author} {year}</cite>)")
            n += 2
        elif r < 0.46:
            target = self.pick(self.page_ids) if self.page_ids else ctx["module_id"]
            out.append(f"(see <link to=\"{target}\">the <em>earlier</em> page</link>)")
            n += 4
        return " ".join(out) + ".", n

    def paragraph(self, ctx, min_words=30, max_words=90):
        target = self.rnd.randint(min_words, max_words)
        parts, n = [], 0
        while n < target:
            if self.rnd.random() < 0.55:
                s, k = self.rich_sentence(ctx)
            else:
                s = escape(self.plain_sentence())
                k = self.words_of(s)
            parts.append(s)
            n += k
        return wrap(" ".join(parts)), n

    def inline_short(self, ctx, max_words=12):
        words = self.clause()[:max_words]
        words[0] = words[0][0].upper() + words[0][1:]
        text = escape(" ".join(words))
        if self.rnd.random() < 0.2:
            term_id, name = self.pick(self.terms)
            text += f" and the <term ref=\"{term_id}\">{escape(name)}</term>"
            return text, len(words) + 2 + self.words_of(name)
        return text, len(words)

    # -- blocks --

    def block(self, ctx, indent):
        """One block other than a question or scenario; returns (lines, words)."""
        pad = " " * indent
        kind = self.rnd.choices(
            ["p", "ul", "ol", "table", "quote", "callout", "heading3", "image", "facilitator"],
            weights=[52, 8, 6, 5, 5, 9, 8, 3, 4])[0]
        if kind == "p":
            text, n = self.paragraph(ctx)
            return [f"{pad}<p>{text}</p>"], n
        if kind in ("ul", "ol"):
            lines, n = [f"{pad}<{kind}>"], 0
            for _ in range(self.rnd.randint(2, 5)):
                text, k = self.inline_short(ctx)
                lines.append(f"{pad}  <li>{text}</li>")
                n += k
            lines.append(f"{pad}</{kind}>")
            return lines, n
        if kind == "table":
            cols = self.rnd.randint(2, 4)
            caption = self.short_title()
            lines = [f"{pad}<table caption={quoteattr(caption)}>"]
            header = [self.pick(NOUNS).capitalize() for _ in range(cols)]
            lines.append(pad + "  <tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>")
            n = cols
            for _ in range(self.rnd.randint(2, 5)):
                cells = []
                for _ in range(cols):
                    cell = " ".join(self.pick(ADJECTIVES + NOUNS) for _ in range(self.rnd.randint(1, 3)))
                    if self.rnd.random() < 0.1:
                        cell = f"<em>{cell}</em>"
                    cells.append(cell)
                    n += len(cell.replace("<em>", " ").replace("</em>", " ").split())
                lines.append(pad + "  <tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            lines.append(f"{pad}</table>")
            return lines, n
        if kind == "quote":
            text = escape(self.plain_sentence())
            source = f"{self.pick(SURNAMES)}, {self.short_title()} ({self.rnd.randint(1950, 2023)})"
            return [f"{pad}<quote source={quoteattr(source)}>{text}</quote>"], self.words_of(text)
        if kind == "callout":
            k = ctx["callout_turn"] % len(CALLOUT_KINDS)
            ctx["callout_turn"] += 1
            title = f" title={quoteattr(self.short_title())}" if self.rnd.random() < 0.6 else ""
            text, n = self.paragraph(ctx, 15, 45)
            lines = [f'{pad}<callout kind="{CALLOUT_KINDS[k]}"{title}>', f"{pad}  <p>{text}</p>"]
            if self.rnd.random() < 0.3:
                lines.append(f"{pad}  <ul>")
                for _ in range(2):
                    t, w = self.inline_short(ctx)
                    lines.append(f"{pad}    <li>{t}</li>")
                    n += w
                lines.append(f"{pad}  </ul>")
            lines.append(f"{pad}</callout>")
            return lines, n
        if kind == "heading3":
            title = self.short_title()
            return [f'{pad}<heading level="3">{title}</heading>'], self.words_of(title)
        if kind == "image":
            alt = f"A diagram of three steps: {self.pick(NOUNS)}, {self.pick(NOUNS)} and {self.pick(NOUNS)}."
            caption = f"Figure {ctx['figure']}. {self.short_title()}."
            ctx["figure"] += 1
            return [f"{pad}<image src=\"images/figure.png\" alt={quoteattr(alt)} caption={quoteattr(caption)}/>"], 0
        # facilitator notes: not learner text, so they do not count towards the page's words
        text, _ = self.paragraph(ctx, 15, 35)
        return [f"{pad}<facilitator>", f"{pad}  <p>{text}</p>", f"{pad}</facilitator>"], 0

    def question(self, qtype, indent, in_quiz=False):
        pad = " " * indent
        self.question_serial += 1
        qid = f"q{self.question_serial:06d}"
        attrs = f'id="{qid}" type="{qtype}"'
        if qtype in ("multiple", "matching", "ordering") and self.rnd.random() < 0.5:
            attrs += ' scoring="partial"'
        if in_quiz and self.rnd.random() < 0.2:
            attrs += ' points="2"'
        prompt = escape(self.plain_sentence()[:-1]) + "?"
        body = [f"<prompt>{prompt}</prompt>"]
        if not in_quiz and self.rnd.random() < 0.4:
            body.append(f"<hint>{escape(self.plain_sentence())}</hint>")
        if qtype in ("single", "multiple"):
            n = self.rnd.randint(3, 5)
            correct = {self.rnd.randrange(n)} if qtype == "single" else \
                set(self.rnd.sample(range(n), self.rnd.randint(2, n - 1)))
            for i in range(n):
                mark = ' correct="true"' if i in correct else ""
                text = escape(" ".join(self.clause()[:8]).capitalize())
                extra = ""
                if not in_quiz and self.rnd.random() < 0.4:
                    extra = f"<feedback>{escape(self.plain_sentence())}</feedback>"
                body.append(f'<choice id="{chr(97 + i)}"{mark}>{text}{extra}</choice>')
        elif qtype == "truefalse":
            attrs += f' answer="{self.pick(["true", "false"])}"'
        elif qtype == "matching":
            for i in range(self.rnd.randint(3, 4)):
                left = self.pick(NOUNS).capitalize() + f" {i + 1}"
                right = escape(" ".join(self.clause()[:6]))
                body.append(f'<pair id="p{i + 1}"><left>{left}</left><right>{right}</right></pair>')
        elif qtype == "ordering":
            for i in range(self.rnd.randint(3, 5)):
                body.append(f'<item id="i{i + 1}">Step {i + 1}: {escape(" ".join(self.clause()[:6]))}</item>')
        elif qtype == "text":
            word = self.pick(NOUNS)
            body.append(f"<accept>{word}</accept>")
            body.append(f"<accept>the {word}</accept>")
            if self.rnd.random() < 0.5:
                body.append(f"<pattern>(the |an? )?{word}s?</pattern>")
        if self.rnd.random() < 0.5:
            body.append(f'<feedback when="correct">{escape(self.plain_sentence())}</feedback>')
            body.append(f'<feedback when="incorrect">{escape(self.plain_sentence())}</feedback>')
        if self.rnd.random() < 0.3:
            ref_id, author, year, _ = self.pick(self.refs)
            body.append(f'<rationale cite="{author} {year}">{escape(self.plain_sentence())} '
                        f'(<cite ref="{ref_id}">{author} {year}</cite>)</rationale>')
        return ([f"{pad}<question {attrs}>"] + [f"{pad}  {b}" for b in body] + [f"{pad}</question>"])

    def scenario(self, ctx, sid, indent):
        pad = " " * indent
        intro, _ = self.paragraph(ctx, 20, 40)
        lines = [f'{pad}<scenario id="{sid}" title={quoteattr(self.short_title())} start="{sid}-n1">',
                 f"{pad}  <intro><p>{intro}</p></intro>"]
        # n1 -> n2 | end-poor ; n2 -> n3 | end-ok ; n3 -> end-best | end-poor
        graph = [("n1", [("n2", "best"), ("end-poor", "poor")]),
                 ("n2", [("n3", "best"), ("end-ok", "acceptable")]),
                 ("n3", [("end-best", "best"), ("end-poor", "poor")])]
        for node, choices in graph:
            lines.append(f'{pad}  <node id="{sid}-{node}">')
            lines.append(f"{pad}    <p>{escape(self.plain_sentence())} {escape(self.plain_sentence())}</p>")
            for i, (target, rating) in enumerate(choices):
                lines.append(f'{pad}    <choice id="{node}-c{i + 1}" goto="{sid}-{target}" rating="{rating}">'
                             f"{escape(self.plain_sentence())}<reason>{escape(self.plain_sentence())}</reason></choice>")
            lines.append(f"{pad}  </node>")
        for end, outcome in (("end-best", "best"), ("end-ok", "acceptable"), ("end-poor", "poor")):
            lines.append(f'{pad}  <ending id="{sid}-{end}" outcome="{outcome}">')
            lines.append(f"{pad}    <p>{escape(self.plain_sentence())}</p>")
            lines.append(f"{pad}    <debrief><p>{escape(self.plain_sentence())}</p></debrief>")
            lines.append(f"{pad}  </ending>")
        lines.append(f"{pad}</scenario>")
        return lines

    def page(self, ctx, page_id, check_type, with_scenario):
        target = max(40, int(self.rnd.gauss(self.args.words, self.args.words * 0.12)))
        lines = [f'    <page id="{page_id}" title={quoteattr(self.short_title())}>']
        n = 0
        if self.rnd.random() < 0.6:
            title = self.short_title()
            lines.append(f"      <heading>{title}</heading>")
            n += self.words_of(title)
        text, k = self.paragraph(ctx, 40, 90)
        lines.append(f"      <p>{text}</p>")
        n += k
        while n + 25 < target:  # stop when the next block (about 50 words) would overshoot
            block, k = self.block(ctx, 6)
            lines += block
            n += k
        if with_scenario:
            lines += self.scenario(ctx, f"{page_id}-sc", 6)
        if check_type:
            lines += self.question(check_type, 6)
        lines.append("    </page>")
        self.page_ids.append(page_id)
        self.total_words += n
        return lines

    def quiz(self, quiz_id, title, pools, indent, root=False):
        pad = " " * indent
        attrs = f'id="{quiz_id}" title={quoteattr(title)}'
        if root:
            attrs += ' pass="70" attempts="3" shuffle-questions="true" shuffle-choices="true" navigation="linear" review="responses"'
        elif self.rnd.random() < 0.5:
            attrs += ' pass="80" review="full"'
        lines = [f"{pad}<quiz {attrs}>",
                 f"{pad}  <intro>Answer every question. The pass mark is <strong>{70 if root else 80}%</strong>.</intro>"]
        for pool_title, size, draw in pools:
            lines.append(f"{pad}  <pool title={quoteattr(pool_title)} draw=\"{draw}\">")
            for _ in range(size):
                lines += self.question(QUESTION_TYPES[self.question_serial % len(QUESTION_TYPES)],
                                       indent + 4, in_quiz=True)
            lines.append(f"{pad}  </pool>")
        lines.append(f"{pad}</quiz>")
        return lines

    # -- files --

    def module(self, index, lesson_sizes):
        mid = f"m{index:04d}"
        ctx = {"module_id": mid, "callout_turn": index, "figure": 1}
        summary, _ = self.inline_short(ctx, 14)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 f'<module id="{mid}" title={quoteattr(f"Module {index}: " + self.short_title())}>',
                 f"  <summary>{summary}.</summary>"]
        if self.rnd.random() < 0.5:
            text, _ = self.paragraph(ctx, 15, 30)
            lines += ["  <facilitator>", f"    <p>{text}</p>", "  </facilitator>"]
        scenario_lesson = len(lesson_sizes) // 2
        for li, n_pages in enumerate(lesson_sizes, start=1):
            lid = f"{mid}-l{li:02d}"
            lines.append(f'  <lesson id="{lid}" title={quoteattr(self.short_title())}>')
            lines.append("    <objectives>")
            for _ in range(self.rnd.randint(1, 3)):
                text, _ = self.inline_short(ctx, 10)
                lines.append(f"      <objective>{text}.</objective>")
            lines.append("    </objectives>")
            if self.rnd.random() < 0.2:
                text, _ = self.paragraph(ctx, 15, 30)
                lines += ["    <facilitator>", f"      <p>{text}</p>", "    </facilitator>"]
            for pi in range(1, n_pages + 1):
                last = pi == n_pages
                check = None
                if last or (pi % self.args.check_every == 0):
                    check = QUESTION_TYPES[self.question_serial % len(QUESTION_TYPES)]
                with_scenario = (li - 1 == scenario_lesson and pi == min(2, n_pages))
                lines += self.page(ctx, f"{lid}-p{pi:02d}", check, with_scenario)
            lines.append("  </lesson>")
        lines += self.quiz(f"{mid}-quiz", f"Module {index} quiz",
                           [("Recall", 6, 4), ("Application", 3, 2)], 2)
        lines.append("</module>")
        return "\n".join(lines) + "\n"

    def glossary(self):
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<glossary>"]
        for i, (term_id, name) in enumerate(self.terms):
            # Each definition names the next entry, so every entry is used at least once.
            next_id, next_name = self.terms[(i + 1) % len(self.terms)]
            text = escape(self.plain_sentence()[:-1])
            lines.append(f'  <entry id="{term_id}" term={quoteattr(name)}>{text}; compare the '
                         f'<term ref="{next_id}">{escape(next_name)}</term>.</entry>')
        lines.append("</glossary>")
        return "\n".join(lines) + "\n"

    def references(self):
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<references>"]
        groups = ["Treaties and statutes", "Reports", "Articles and books"]
        per = math.ceil(len(self.refs) / len(groups))
        for g, title in enumerate(groups):
            chunk = self.refs[g * per:(g + 1) * per]
            if not chunk:
                continue
            lines.append(f"  <group title={quoteattr(title)}>")
            for ref_id, author, year, rtitle in chunk:
                url = f' url="https://example.org/{ref_id}"' if self.rnd.random() < 0.4 else ""
                lines.append(f'    <ref id="{ref_id}"{url}>{author}, <em>{escape(rtitle)}</em>, {year}.</ref>')
            lines.append("  </group>")
        lines.append("</references>")
        return "\n".join(lines) + "\n"

    def write(self, out):
        a = self.args
        os.makedirs(os.path.join(out, "modules"), exist_ok=True)
        os.makedirs(os.path.join(out, "images"), exist_ok=True)
        with open(os.path.join(out, "images", "figure.png"), "wb") as f:
            f.write(png_bytes())

        # Split the pages into lessons and modules.
        per_module = a.pages_per_lesson * a.lessons_per_module
        modules, left = [], a.pages
        while left > 0:
            take = min(per_module, left)
            left -= take
            sizes = [a.pages_per_lesson] * (take // a.pages_per_lesson)
            if take % a.pages_per_lesson:
                sizes.append(take % a.pages_per_lesson)
            modules.append(sizes)

        includes = []
        for i, sizes in enumerate(modules, start=1):
            name = f"modules/m{i:04d}.xml"
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(self.module(i, sizes))
            includes.append(name)
        with open(os.path.join(out, "assessment.xml"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
            f.write("\n".join(self.quiz("final", "Final assessment", [("Whole course", 10, 5)], 0, root=True)))
            f.write("\n")
        with open(os.path.join(out, "glossary.xml"), "w", encoding="utf-8") as f:
            f.write(self.glossary())
        with open(os.path.join(out, "references.xml"), "w", encoding="utf-8") as f:
            f.write(self.references())

        minutes = max(1, min(100000, round(self.total_words / 200 + a.pages * 0.5)))
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 f'<course id="synthetic-{a.pages}-s{a.seed}" version="1.0" lang="en" minutes="{minutes}">',
                 f"  <title>Synthetic course: {a.pages} pages</title>",
                 f"  <description>A generated course of {a.pages} pages in {len(modules)} modules, "
                 f"for <em>benchmarks</em> and stress tests (seed {a.seed}).</description>",
                 "  <audience>Lectern developers.</audience>"]
        lines += [f'  <include src="{name}"/>' for name in includes]
        lines += ['  <assessment src="assessment.xml"/>', '  <glossary src="glossary.xml"/>',
                  '  <references src="references.xml"/>', "</course>"]
        with open(os.path.join(out, "course.xml"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return len(modules)


def wrap(text, width=100):
    """Break long paragraph text into lines (XML white space is collapsed, so this is cosmetic)."""
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "\n        ".join(out)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the course into (created if needed)")
    p.add_argument("--pages", type=int, default=100, help="number of pages (default 100)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--words", type=int, default=250, help="about this many words per page (default 250)")
    p.add_argument("--pages-per-lesson", type=int, default=5, help="default 5")
    p.add_argument("--lessons-per-module", type=int, default=4, help="default 4")
    p.add_argument("--check-every", type=int, default=3,
                   help="a knowledge check every N pages, and on each lesson's last page (default 3)")
    a = p.parse_args()
    for name in ("pages", "words", "pages_per_lesson", "lessons_per_module", "check_every"):
        if getattr(a, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    gen = Generator(a)
    n_modules = gen.write(a.out_dir)
    print(f"gen_course: {a.pages} pages, {n_modules} modules, {gen.total_words} words, "
          f"{gen.question_serial} questions -> {a.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
