#!/usr/bin/env python3
"""Lint and the schema must give one answer: mutants of a valid course, checked by both.

Each mutant is a valid course (by default the fixture course) with exactly one change to one
file, made systematically from the document: every element deleted, duplicated, emptied,
renamed, swapped with its next sibling, given stray text; every attribute dropped, emptied,
made blank or padded with spaces, or given values that are wrong for many attributes (an
unknown word, numbers out of range, "en_US", "yes", a path that climbs out); an unknown
attribute added; and content after the root element. With --lang, also every lang mutant: lang
set to a right-to-left tag, a three-part tag and a non-tag on one element of each kind in each
parent (passages take it, nothing else does). Then:

  xmllint --schema content/schema/lectern-course.xsd   on the changed file, and
  lectern-lint --format json                            on the whole course.

They agree when both accept, when both reject, or when the schema accepts and lint rejects only
for reasons the schema cannot see, which the schema's README lists as lint's own (references
between files, images on disk, question and pool rules, scenario reachability; LINT_ONLY below).
Anything else is a disagreement, printed with both first messages; the exit status is 1.

Usage:
  course_mutants.py --lint build/bin/lectern-lint [--course DIR] [--seed N] [--skip N] [--count N|all]
                    [--jobs N] [--keep DIR] [--list]
CI (tests/scripts/test_lint_schema_agreement.sh) runs a fixed seed and count; run more with
  python3 tests/scripts/course_mutants.py --lint build/bin/lectern-lint --count all
or another --seed. --list prints the mutants without running anything.
"""
import argparse
import concurrent.futures
import copy
import json
import os
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE.parent.parent
XSD = SRC / "content/schema/lectern-course.xsd"

# Codes for what lint checks beyond one file's grammar (content/schema/README.md says which).
LINT_ONLY = {
    # references between files, and files on disk
    "unresolved-term", "unresolved-cite", "unresolved-link", "image-not-found", "file-not-found",
    "not-a-file", "file-unreadable", "duplicate-include", "duplicate-id", "image-corrupt",
    "follows-from-file",  # the count of references into such a file, said once at it
    # rules per question type, and pools
    "no-correct-choice", "several-correct-choices", "too-few-choices", "ordering-too-short",
    "incomplete-matching", "no-accepted-answer", "bad-pattern", "not-applicable", "pool-too-small",
    # tables: header row first, rows as long as it
    "table-shape",
    # text that mixed content cannot require in XML Schema 1.0 (a choice, a definition)
    "missing-text",
    # scenarios: every node reachable, an ending reachable from each
    "scenario-unreachable", "scenario-no-ending", "scenario-no-best-path",
}
# Codes that are lint's own only with these messages: question children come in any order, so
# the schema cannot count them (content/schema/README.md).
LINT_ONLY_MESSAGES = {
    "duplicate-element": ("a question has",),
    "missing-attribute": ("a truefalse question needs",),  # per question type
}


def lint_only(error):
    code = error.get("code")
    prefix = LINT_ONLY_MESSAGES.get(code)
    return code in LINT_ONLY or (prefix is not None and error.get("message", "").startswith(prefix))

# Values wrong for many attributes (and right for some: then both must accept).
ODD_VALUES = ["", "   ", " padded ", "bogus word", "-1", "0", "100000", "1.5", "en_US", "yes",
              "../up.png", "a" * 65]


def parse(path):
    return ET.parse(path).getroot()


def serialize(root):
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def walk(root):
    """(path of child indexes, element) for every element, in document order."""
    out = []

    def rec(e, path):
        out.append((path, e))
        for i, c in enumerate(list(e)):
            rec(c, path + (i,))

    rec(root, ())
    return out


def find(root, path):
    e = root
    for i in path:
        e = list(e)[i]
    return e


def parent_of(root, path):
    return find(root, path[:-1]) if path else None


def describe(root, path):
    names, e = [root.tag], root
    for i in path:
        e = list(e)[i]
        ident = e.get("id")
        names.append(e.tag + (f"#{ident}" if ident else f"[{i}]"))
    return "/".join(names)


def remove_keep_tail(parent, child):
    """Removes `child`, keeping the text after it (its tail) in the document."""
    kids = list(parent)
    i = kids.index(child)
    tail = child.tail or ""
    if i > 0:
        kids[i - 1].tail = (kids[i - 1].tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(child)


def mutations(base_root):
    """Yields (description, function(root) -> text or None) for one file."""
    for path, e in walk(base_root):
        where = describe(base_root, path)

        def m(fn, p=path):
            def apply(root):
                return fn(root, find(root, p), parent_of(root, p))
            return apply

        if path:
            def delete(root, el, par):
                remove_keep_tail(par, el)
                return serialize(root)
            yield f"delete {where}", m(delete)

            def duplicate(root, el, par):
                kids = list(par)
                dup = copy.deepcopy(el)
                par.insert(kids.index(el) + 1, dup)
                return serialize(root)
            yield f"duplicate {where}", m(duplicate)

            par = parent_of(base_root, path)
            kids = list(par)
            i = path[-1]
            if i + 1 < len(kids) and kids[i + 1].tag != e.tag:
                def swap(root, el, par):
                    ks = list(par)
                    j = ks.index(el)
                    a, b = ks[j], ks[j + 1]
                    a.tail, b.tail = b.tail, a.tail
                    par.remove(b)
                    par.insert(j, b)
                    return serialize(root)
                yield f"swap {where} with the <{kids[i + 1].tag}> after it", m(swap)

        if len(e) or (e.text or "").strip():
            def empty(root, el, par):
                for c in list(el):
                    el.remove(c)
                el.text = None
                return serialize(root)
            yield f"empty {where}", m(empty)

        def rename(root, el, par):
            el.tag = "bogus"
            return serialize(root)
        yield f"rename {where} to <bogus>", m(rename)

        if len(e) and not (e.text or "").strip():
            def stray(root, el, par):
                el.text = "stray words " + (el.text or "")
                return serialize(root)
            yield f"text directly in {where}", m(stray)

        def unknown_attr(root, el, par):
            el.set("bogus", "x")
            return serialize(root)
        yield f"unknown attribute on {where}", m(unknown_attr)

        for name in list(e.attrib):
            def drop(root, el, par, n=name):
                del el.attrib[n]
                return serialize(root)
            yield f"drop @{name} of {where}", m(drop)
            for value in ODD_VALUES:
                if value == e.get(name):
                    continue
                def setv(root, el, par, n=name, v=value):
                    el.set(n, v)
                    return serialize(root)
                yield f"@{name}={value!r} on {where}", m(setv)
            # The value of the same attribute on a sibling of the same kind (duplicate ids,
            # the same choice twice, ...).
            if path:
                for sib in parent_of(base_root, path):
                    if sib is not e and sib.tag == e.tag and sib.get(name) not in (None, e.get(name)):
                        def same(root, el, par, n=name, v=sib.get(name)):
                            el.set(n, v)
                            return serialize(root)
                        yield f"@{name}={sib.get(name)!r} (a sibling's) on {where}", m(same)
                        break

    def after_root(root):
        return serialize(root) + ET.tostring(root, encoding="unicode") + "\n"
    yield "a second root element after the first", lambda root: after_root(root)
    yield "text after the root element", lambda root: serialize(root) + "trailing words\n"


# Language tags for the lang mutants: right to left, a tag of three parts, and one that is not a
# tag (blank and one-letter values are ODD_VALUES, tried on <course lang>).
LANG_VALUES = ["ar", "zh-Hant-TW", "en_US"]


def lang_mutations(base_root):
    """Yields (description, function) putting lang (valid, right-to-left and invalid) on one
    element of every kind in every parent it appears in: where the grammar takes lang (passages)
    both must check the tag, everywhere else both must refuse the attribute."""
    seen = set()
    for path, e in walk(base_root):
        par = parent_of(base_root, path)
        where_kind = (par.tag if par is not None else "", e.tag)
        if where_kind in seen:
            continue
        seen.add(where_kind)
        where = describe(base_root, path)
        for value in LANG_VALUES:
            if value == e.get("lang"):
                continue
            def setv(root, p=path, v=value):
                find(root, p).set("lang", v)
                return serialize(root)
            yield f"@lang={value!r} on {where}", setv


def run_xmllint(files):
    """{file: (accepted, first message)} for many files, in a few xmllint runs."""
    out = {}
    for k in range(0, len(files), 200):
        chunk = files[k:k + 200]
        r = subprocess.run(["xmllint", "--noout", "--schema", str(XSD)] + [str(f) for f in chunk],
                           capture_output=True, text=True)
        first = {}
        for line in r.stderr.splitlines():
            for f in chunk:
                s = str(f)
                if line.startswith(s + ":") and s not in first:
                    first[s] = line[len(s) + 1:].strip()
        for f in chunk:
            s = str(f)
            ok = (s + " validates") in r.stderr
            out[s] = (ok, first.get(s, "" if ok else "rejected"))
    return out


def run_lint(lint, course_dir):
    r = subprocess.run([lint, "--format", "json", str(course_dir)], capture_output=True, text=True)
    if r.returncode not in (0, 1):
        return None, [], f"lint exit {r.returncode}: {r.stderr.strip()[:200]}"
    data = json.loads(r.stdout)
    errors = [d for d in data["diagnostics"] if d.get("severity") == "error"]
    return data["errors"] == 0, errors, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lint", required=False)
    ap.add_argument("--course", default=str(SRC / "tests/data/fixture-course"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", default="600")
    ap.add_argument("--skip", type=int, default=0,
                    help="leave out the first N of the seed's order (two runs with one seed and "
                         "different --skip share no mutant)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="write every disagreeing mutant course here")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--lang", action="store_true",
                    help="add every lang mutant (lang_mutations) to the sample, all of them every run")
    args = ap.parse_args()

    course = pathlib.Path(args.course)
    files = sorted(p for p in course.rglob("*.xml"))
    bases = {f: parse(f) for f in files}
    all_mutants = [(f, d, fn) for f in files for d, fn in mutations(bases[f])]
    rng = random.Random(args.seed)
    order = list(all_mutants)
    rng.shuffle(order)
    chosen = order[args.skip:] if args.count == "all" else order[args.skip:args.skip + int(args.count)]
    if args.lang:
        chosen += [(f, d, fn) for f in files for d, fn in lang_mutations(bases[f])]
    if args.list:
        for f, d, _ in chosen:
            print(f"{f.relative_to(course)}: {d}")
        print(f"{len(chosen)} of {len(all_mutants)} mutants")
        return 0
    if not args.lint:
        ap.error("--lint is required")

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="lectern-mutants-"))
    try:
        # The round trip through ElementTree must keep the course valid for both.
        texts = []
        for i, (f, d, fn) in enumerate(chosen):
            text = fn(copy.deepcopy(bases[f]))
            texts.append(text)
            (tmp / f"{i}.xml").write_text(text, encoding="utf-8")
        xsd = run_xmllint([tmp / f"{i}.xml" for i in range(len(chosen))])

        def work(slot, items):
            work_dir = tmp / f"course{slot}"
            shutil.copytree(course, work_dir)
            for f in files:  # the round-tripped originals
                (work_dir / f.relative_to(course)).write_text(serialize(copy.deepcopy(bases[f])), encoding="utf-8")
            ok, errs, why = run_lint(args.lint, work_dir)
            if not ok:
                raise SystemExit(f"the round-tripped base course does not lint cleanly: {errs or why}")
            results = []
            for i in items:
                f, d, _ = chosen[i]
                target = work_dir / f.relative_to(course)
                original = target.read_text(encoding="utf-8")
                target.write_text(texts[i], encoding="utf-8")
                results.append((i,) + run_lint(args.lint, work_dir))
                target.write_text(original, encoding="utf-8")
            return results

        slots = [list(range(k, len(chosen), args.jobs)) for k in range(args.jobs)]
        results = []
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            for r in pool.map(lambda s: work(*s), enumerate(slots)):
                results.extend(r)
        results.sort()

        agree = 0
        counts = {"both accept": 0, "both reject": 0, "lint says more": 0}
        disagreements = []
        for i, lint_ok, errs, why in results:
            f, d, _ = chosen[i]
            xsd_ok, xsd_msg = xsd[str(tmp / f"{i}.xml")]
            first_lint = (f"[{errs[0].get('code')}] {errs[0].get('message')}" if errs else why or "no error")
            if lint_ok is None:
                verdict = None
            elif xsd_ok and lint_ok:
                verdict = "both accept"
            elif not xsd_ok and not lint_ok:
                verdict = "both reject"
            elif xsd_ok and not lint_ok and all(lint_only(e) for e in errs):
                verdict = "lint says more"
            else:
                verdict = None
            if verdict:
                agree += 1
                counts[verdict] += 1
            else:
                disagreements.append((f, d, xsd_ok, xsd_msg, lint_ok, first_lint))
                if args.keep:
                    dest = pathlib.Path(args.keep) / f"mutant-{i}"
                    shutil.copytree(course, dest, dirs_exist_ok=True)
                    (dest / f.relative_to(course)).write_text(texts[i], encoding="utf-8")
        for f, d, xsd_ok, xsd_msg, lint_ok, lint_msg in disagreements:
            print(f"DISAGREE {f.relative_to(course)}: {d}")
            print(f"    schema: {'accepts' if xsd_ok else 'rejects: ' + xsd_msg}")
            print(f"    lint:   {'accepts' if lint_ok else 'rejects: ' + lint_msg}")
        n = len(results)
        print(f"mutants: {n} of {len(all_mutants)} (seed {args.seed}); agreement {agree}/{n} = "
              f"{100.0 * agree / max(n, 1):.1f}% ({', '.join(f'{k} {v}' for k, v in counts.items())})")
        return 0 if agree == n and n > 0 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
