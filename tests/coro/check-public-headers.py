#!/usr/bin/env python3
# check-public-headers.py
#
# Copyright 2026 The Contributors authors
# SPDX-License-Identifier: MIT
#
# Fails when a public header of the coroutine layer (coro.h and every header
# it includes) declares a function without its doc comment, or declares a
# private, `_`-prefixed symbol. Rules:
#
#  - every function prototype is named coro_*;
#  - the line just above its first line closes a gi-docgen doc comment
#    (`/**` ... `*/`) whose first line is ` * <the function's name>:`, that
#    documents each parameter as `@name:` and has a `Returns:` paragraph
#    unless the function returns void: one comment per prototype, no group
#    comments;
#  - a function that takes a `GError **` says whether it suspends: its
#    comment contains "Suspends the calling coroutine", "Does not suspend"
#    or "Blocks the calling thread";
#  - no prototype, macro, typedef or variable name starts with `_`.
#
# Usage: check-public-headers.py path/to/coro.h

import os
import re
import sys

IDENT = re.compile(r'[A-Za-z_]\w*')

# What a fallible function's doc comment says about suspension.
SUSPENSION = ('Suspends the calling coroutine', 'Does not suspend', 'Blocks the calling thread')


def public_headers(umbrella):
    folder = os.path.dirname(umbrella)
    with open(umbrella, encoding='utf-8') as f:
        names = re.findall(r'^#include\s+"([^"]+)"', f.read(), re.M)
    return [umbrella] + [os.path.join(folder, n) for n in names]


def statements(lines):
    """Yields (first line index, text, preceding doc comment lines or None)
    for each top-level declaration, and ('#define', index, name) for macros."""
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith('/*'):
            while '*/' not in lines[i]:
                i += 1
            i += 1
            continue
        if stripped.startswith('#'):
            m = re.match(r'#\s*define\s+(\w+)', stripped)
            if m:
                yield ('define', i, m.group(1), None)
            while lines[i].rstrip().endswith('\\'):
                i += 1
            i += 1
            continue
        if not stripped or stripped.startswith('//'):
            i += 1
            continue
        # Macro invocations such as G_BEGIN_DECLS or
        # G_DEFINE_AUTOPTR_CLEANUP_FUNC (...) take no semicolon.
        if re.match(r'G_[A-Z_]+\b', stripped) and not stripped.endswith(';'):
            i += 1
            continue
        start = i
        depth = 0
        text = ''
        while True:
            part = re.sub(r'/\*.*?\*/', '', lines[i])
            text += part + '\n'
            depth += part.count('{') - part.count('}')
            if depth == 0 and part.rstrip().endswith(';'):
                break
            i += 1
            if i >= n:
                break
        i += 1
        yield ('decl', start, text, None)


def doc_comment_above(lines, index):
    """The doc comment that ends on the line just above @index, or None."""
    end = index - 1
    if end < 0 or lines[end].strip() != '*/':
        return None
    start = end
    while start >= 0 and lines[start].strip() != '/**':
        if lines[start].strip().startswith('/*') and start != end:
            return None
        start -= 1
    if start < 0:
        return None
    return lines[start:end + 1]


def check_prototype(path, lineno, lines, text, errors):
    flat = ' '.join(text.split())
    m = re.match(r'(?P<ret>[\w\s\*]+?)\s*\b(?P<name>\w+)\s*\((?P<params>.*)\)'
                 r'(?:\s*G_[A-Z_]+)*\s*;$', flat)
    if m is None:
        return
    name = m.group('name')
    where = f'{path}:{lineno + 1}'
    if name.startswith('_'):
        errors.append(f'{where}: {name}: private symbol in a public header')
        return
    if not name.startswith('coro_'):
        errors.append(f'{where}: {name}: public function outside the coro_ namespace')
    comment = doc_comment_above(lines, lineno)
    if comment is None:
        errors.append(f'{where}: {name}: no doc comment just above the prototype')
        return
    if len(comment) < 2 or comment[1].strip() != f'* {name}:':
        errors.append(f'{where}: {name}: the doc comment above does not start with " * {name}:"')
        return
    body = '\n'.join(comment)
    params = m.group('params').strip()
    if params != 'void':
        for param in params.split(','):
            ids = IDENT.findall(param)
            if ids and ids[-1] not in ('void',):
                if f'@{ids[-1]}:' not in body:
                    errors.append(f'{where}: {name}: parameter @{ids[-1]} is not documented')
    if 'GError **' in ' '.join(params.split()) or 'GError**' in params:
        flat_body = ' '.join(l.strip().lstrip('*').strip() for l in comment)
        if not any(s in flat_body for s in SUSPENSION):
            errors.append(f'{where}: {name}: takes a GError ** but its doc comment does not '
                          'say whether it suspends ("' + '", "'.join(SUSPENSION) + '")')
    ret = m.group('ret').split()
    if ret != ['void'] and not re.search(r'^\s*\* Returns:', body, re.M):
        errors.append(f'{where}: {name}: no "Returns:" in its doc comment')


def check_header(path, errors):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for kind, index, payload, _ in statements(lines):
        where = f'{path}:{index + 1}'
        if kind == 'define':
            if payload.startswith('_'):
                errors.append(f'{where}: {payload}: private macro in a public header')
            continue
        text = payload
        flat = ' '.join(text.split())
        if flat.startswith('typedef'):
            # The declared name is the last identifier before ';', or the
            # pointer name of a function type.
            fm = re.search(r'\(\s*\*\s*(\w+)\s*\)', flat)
            tname = fm.group(1) if fm else IDENT.findall(flat)[-1]
            if tname.startswith('_'):
                errors.append(f'{where}: {tname}: private type in a public header')
            continue
        if '(' in flat:
            check_prototype(path, index, lines, text, errors)
        else:
            ids = IDENT.findall(flat)
            if ids and ids[-1].startswith('_'):
                errors.append(f'{where}: {ids[-1]}: private symbol in a public header')


def main():
    if len(sys.argv) != 2:
        sys.exit(f'usage: {sys.argv[0]} path/to/coro.h')
    errors = []
    headers = public_headers(sys.argv[1])
    for header in headers:
        check_header(header, errors)
    for e in errors:
        print(e)
    if errors:
        print(f'{len(errors)} problem(s) in the public headers', file=sys.stderr)
        sys.exit(1)
    print(f'{len(headers)} public headers checked')


if __name__ == '__main__':
    main()
