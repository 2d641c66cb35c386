#!/usr/bin/env python3
# doc-snippets.py
#
# Copyright 2026 The Contributors authors
# SPDX-License-Identifier: MIT
#
# Pulls the C snippets out of a markdown page so that the test suite
# compiles and runs each one. A snippet is a ```c fenced block with a
# `<!-- snippet: NAME -->` line just above it; a ```c block without one is
# an error, so that no C in the page escapes the tests. Each snippet is a
# complete program.
#
#   doc-snippets.py --list PAGE            prints the snippet names
#   doc-snippets.py --extract NAME PAGE OUT.c

import re
import sys

NAME = re.compile(r'^<!--\s*snippet:\s*([a-z0-9-]+)\s*-->$')


def snippets(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    found = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith('```'):
            lang = line[3:].strip()
            start = i
            i += 1
            while i < len(lines) and lines[i].strip() != '```':
                i += 1
            if i == len(lines):
                sys.exit(f'{path}:{start + 1}: unterminated fenced block')
            if lang == 'c':
                m = NAME.match(lines[start - 1].strip()) if start > 0 else None
                if m is None:
                    sys.exit(f'{path}:{start + 1}: a ```c block needs a '
                             '"<!-- snippet: NAME -->" line just above it')
                name = m.group(1)
                if name in found:
                    sys.exit(f'{path}:{start}: snippet {name} defined twice')
                found[name] = (start + 2, lines[start + 1:i])
        i += 1
    if not found:
        sys.exit(f'{path}: no snippets')
    return found


def main():
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == '--list':
        for name in snippets(args[1]):
            print(name)
    elif len(args) == 4 and args[0] == '--extract':
        name, page, out = args[1:]
        found = snippets(page)
        if name not in found:
            sys.exit(f'{page}: no snippet named {name}')
        first, body = found[name]
        with open(out, 'w', encoding='utf-8') as f:
            # Compiler errors point into the page.
            f.write(f'#line {first} "{page}"\n')
            f.write('\n'.join(body) + '\n')
    else:
        sys.exit(f'usage: {sys.argv[0]} --list PAGE | --extract NAME PAGE OUT.c')


if __name__ == '__main__':
    main()
