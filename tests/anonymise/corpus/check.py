#!/usr/bin/env python3
"""Checks the anonymiser evaluation corpus: every line a JSON object as README.md says, offsets exact.

    python3 tests/anonymise/corpus/check.py [FILE.jsonl ...]   (default: every *.jsonl beside this script)

Prints one line per problem and a summary of counts by type; exits 1 when anything is wrong."""
import collections
import json
import pathlib
import re
import sys

TYPES = {"PERSON", "PHONE", "EMAIL", "POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "CARD", "NINO", "NHS",
         "SORT_CODE", "BANK_ACCOUNT"}
SPEAKERS = {"agent", "respondent", "other"}


def luhn(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def nhs_ok(digits):
    if len(digits) != 10:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def main(paths):
    here = pathlib.Path(__file__).resolve().parent
    files = [pathlib.Path(p) for p in paths] or sorted(here.glob("*.jsonl"))
    problems = []
    ids = set()
    counts = collections.Counter()
    innocent = 0
    lines = 0
    for path in files:
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            if not raw.strip():
                continue
            lines += 1
            try:
                item = json.loads(raw)
            except json.JSONDecodeError as e:
                problems.append(f"{where}: not JSON ({e})")
                continue
            for key in ("id", "speaker", "text", "entities"):
                if key not in item:
                    problems.append(f"{where}: no '{key}'")
            if problems and problems[-1].startswith(where):
                continue
            if item["id"] in ids:
                problems.append(f"{where}: id {item['id']} used twice")
            ids.add(item["id"])
            if item["speaker"] not in SPEAKERS:
                problems.append(f"{where}: speaker '{item['speaker']}' is not one of {sorted(SPEAKERS)}")
            text = item["text"]
            if any(ord(c) > 0xFFFF for c in text + item.get("context", "")):
                problems.append(f"{where}: a character outside the BMP (offsets would differ in UTF-16)")
            if not item["entities"]:
                innocent += 1
            end_before = 0
            for e in sorted(item["entities"], key=lambda e: e.get("start", 0)):
                start, end, kind, value = e.get("start"), e.get("end"), e.get("type"), e.get("value")
                if kind not in TYPES:
                    problems.append(f"{where}: type '{kind}' is not one of the spec's")
                    continue
                if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                    problems.append(f"{where}: {kind} offsets {start}..{end} outside the text")
                    continue
                if text[start:end] != value:
                    problems.append(f"{where}: {kind} text[{start}:{end}] is '{text[start:end]}', value says '{value}'")
                if start < end_before:
                    problems.append(f"{where}: {kind} at {start} overlaps the entity before")
                if value != value.strip() or value[-1] in ".,;:?!":
                    problems.append(f"{where}: {kind} '{value}' has surrounding spaces or punctuation")
                end_before = end
                counts[kind] += 1
                digits = re.sub(r"\D", "", value)
                if kind == "CARD" and digits and len(digits) >= 13 and not luhn(digits):
                    problems.append(f"{where}: CARD {value} fails the Luhn check")
                if kind == "NHS" and len(digits) == 10 and not nhs_ok(digits):
                    problems.append(f"{where}: NHS {value} fails the modulus 11 check")
    for p in problems:
        print(p)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{lines} utterances ({innocent} with no entity), {sum(counts.values())} entities: {summary}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
