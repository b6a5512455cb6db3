#!/usr/bin/env python3
"""Writes a fuzzer's seed corpus.

For FuzzExpression: one file per example expression of Grammar/valid.txt
and Grammar/invalid.txt (the source field, with the files' escapes \\t,
\\n and \\u{XXXX} decoded).
For FuzzDataFile (--data-files): small data files of every kind the
reader tells apart, each behind a selector byte (format and buffer size).

Usage: scripts/fuzz-seeds.py GRAMMAR_DIR OUTPUT_DIR
       scripts/fuzz-seeds.py --data-files OUTPUT_DIR
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


DATA_FILES = [
    b"x,y\n1,2\n3,4\n",
    b"1 2 3\n4 5 6\n",
    b"\xef\xbb\xbf# comment\n\n  a\tb\r\n1.5e3\t-.5\r\n2.\t+7\r\n",
    b"1,2\n3\n",
    b"1,,2\n",
    b"a,1\n",
    b"1,nan\n",
    b"1e999 2\n",
    b"0x10 1\n",
    b"1 2\n3 4",
    b"",
    b"# only a comment\n\n",
    b"name\n",
    b"1\x002\n",
    b"1\x01 2\n",
    b"1 , 2 ,3\n 4,5 , 6\n",
    b"123456789012345678901234567890 1e-400 4.9e-324\n",
]


def data_files(output):
    os.makedirs(output, exist_ok=True)
    for index, contents in enumerate(DATA_FILES):
        for selector in (0, 1, 2, 7, 14):
            with open(os.path.join(output, f"data-{index}-{selector}"), "wb") as seed:
                seed.write(bytes([selector]) + contents)
    print(f"{len(DATA_FILES) * 5} data-file seeds in {output}")


def main():
    if sys.argv[1] == "--data-files":
        data_files(sys.argv[2])
        return
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
