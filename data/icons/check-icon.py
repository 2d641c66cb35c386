#!/usr/bin/env python3
# check-icon.py: the checks an icon needs before it is installed, run as a
# meson test. Copyright 2026 The Contributors authors
# SPDX-License-Identifier: MIT
#
# usage: check-icon.py [--symbolic] SIZE FILE.svg
#
# Icon themes render the SVG at whatever size they need, so a wrong viewBox
# shows up as a cropped or shrunken icon rather than an error; and a symbolic
# icon is recoloured by GTK only if it is plain #2e3436 fills (no strokes,
# which GTK does not recolour), so both are worth failing the build over.

import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
SYMBOLIC_COLOR = '#2e3436'
# Text depends on the fonts of the machine showing the icon, images on
# files next to it: neither belongs in an installed icon.
FORBIDDEN = {'text', 'image', 'foreignObject', 'script', 'use'}
SYMBOLIC_ALLOWED = {'svg', 'title', 'desc', 'g', 'path'}


def local(tag):
    return tag[len(SVG):] if tag.startswith(SVG) else tag


def style_props(element):
    props = {}
    for item in element.get('style', '').split(';'):
        if ':' in item:
            key, value = item.split(':', 1)
            props[key.strip()] = value.strip()
    for key in ('fill', 'stroke', 'stroke-width'):
        if element.get(key) is not None:
            props[key] = element.get(key)
    return props


def check(path, size, symbolic):
    errors = []
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return ['not well-formed XML: %s' % e]

    if root.tag != SVG + 'svg':
        errors.append('root element is %s, not an SVG <svg>' % root.tag)

    for attr in ('width', 'height'):
        value = root.get(attr)
        if value not in (str(size), '%spx' % size):
            errors.append('%s is %r, expected %d' % (attr, value, size))

    viewbox = (root.get('viewBox') or '').replace(',', ' ').split()
    try:
        numbers = [float(n) for n in viewbox]
    except ValueError:
        numbers = []
    if numbers != [0, 0, size, size]:
        errors.append('viewBox is %r, expected "0 0 %d %d"'
                      % (root.get('viewBox'), size, size))

    drawn = 0
    for element in root.iter():
        name = local(element.tag)
        if not element.tag.startswith(SVG):
            errors.append('element %s is not in the SVG namespace' % element.tag)
            continue
        if name in FORBIDDEN:
            errors.append('<%s> is not allowed in an icon' % name)
        if name not in ('svg', 'title', 'desc', 'g', 'defs'):
            drawn += 1
        if not symbolic:
            continue
        if name not in SYMBOLIC_ALLOWED:
            errors.append('<%s> in a symbolic icon: use <path> only' % name)
        props = style_props(element)
        stroke = props.get('stroke', 'none')
        if stroke != 'none':
            errors.append('stroke %r in a symbolic icon: GTK recolours fills only'
                          % stroke)
        if name == 'path':
            fill = props.get('fill', '').lower()
            if fill != SYMBOLIC_COLOR:
                errors.append('path fill %r, expected %s' % (fill, SYMBOLIC_COLOR))

    if drawn == 0:
        errors.append('nothing is drawn')
    return errors


def main(argv):
    args = argv[1:]
    symbolic = False
    if args and args[0] == '--symbolic':
        symbolic = True
        args = args[1:]
    if len(args) != 2:
        print('usage: check-icon.py [--symbolic] SIZE FILE.svg', file=sys.stderr)
        return 2
    size, path = int(args[0]), args[1]

    errors = check(path, size, symbolic)
    for error in errors:
        print('%s: %s' % (path, error), file=sys.stderr)
    if not errors:
        print('%s: OK (%dx%d%s)' % (path, size, size, ', symbolic' if symbolic else ''))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
