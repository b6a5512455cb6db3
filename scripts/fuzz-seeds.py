#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus: one file per example expression of
Grammar/valid.txt and Grammar/invalid.txt (the source field, with the
files' escapes \\t, \\n and \\u{XXXX} decoded).

Usage: scripts/fuzz-seeds.py GRAMMAR_DIR OUTPUT_DIR
"""
import hashlib
import os
import re
import sys


def decode(source):
    source = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), source)
    return source.replace("\\t", "\t").replace("\\n", "\n")


def sources(path, fields_after_source):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if fields_after_source is None:
                # valid.txt: source ; x=VALUE [; name=VALUE ...] ; expected
                yield decode(re.split(r" ; x=", line, maxsplit=1)[0])
            else:
                # invalid.txt: source ; column ; message, split from the right
                yield decode(line.rsplit(" ; ", fields_after_source)[0])


def main():
    grammar, output = sys.argv[1], sys.argv[2]
    os.makedirs(output, exist_ok=True)
    count = 0
    for name, after in (("valid.txt", None), ("invalid.txt", 2)):
        for source in sources(os.path.join(grammar, name), after):
            data = source.encode("utf-8")
            digest = hashlib.sha1(data).hexdigest()
            with open(os.path.join(output, "grammar-" + digest), "wb") as seed:
                seed.write(data)
            count += 1
    print(f"{count} seeds from {grammar} in {output}")


main()
