#!/usr/bin/env python3
"""make_variants.py THESIS.txt THESIS.xml OUTDIR — manuscripts of the same kind as the bundled
thesis, for testing that the importer is not tuned to one file (issue 2, item 3).

From the source text itself (same words, other conventions):
  crlf.txt       CRLF line ends and a UTF-8 BOM
  formfeed.txt   a form feed instead of the leading space at each page start
  noblank.txt    no blank line between text lines (separator lines kept)
  nosep.txt      no blank lines and no separator lines at all
From the TEI the importer made of it (a generator that typesets the same structure again):
  narrow.txt     body lines of about 64 characters, notes of 76, pages of 18 lines
  wide.txt       body lines of about 110 characters, no blank lines, form feeds at pages
  perchapter.txt narrow, with the notes numbered again from 1 in every chapter
  narrow-nosep.txt, perchapter-crlf-nosep.txt  the same without blank or separator lines
Each generated file comes with NAME.expect: chapters, sections, subsections, notes, items,
quotes, notes with text, and whether notes restart per chapter. Nothing is random.
"""
import os, re, sys, textwrap
import xml.etree.ElementTree as ET

T = '{http://www.tei-c.org/ns/1.0}'
WORDS = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN']


def from_source(src, out):
    text = open(src, encoding='utf-8').read()
    lines = text.split('\n')
    with open(os.path.join(out, 'crlf.txt'), 'w', encoding='utf-8', newline='') as f:
        f.write('\ufeff' + '\r\n'.join(lines))
    ff = []
    for i, l in enumerate(lines):
        prev = lines[i - 1] if i else ''
        if i and l.startswith(' ') and l.strip() and prev.strip() and not l.startswith('  '):
            l = '\f' + l[1:]
        ff.append(l)
    open(os.path.join(out, 'formfeed.txt'), 'w', encoding='utf-8').write('\n'.join(ff))
    nb = [l for l in lines if l.strip() or len(l) >= 8]
    open(os.path.join(out, 'noblank.txt'), 'w', encoding='utf-8').write('\n'.join(nb))
    ns = [l for l in lines if l.strip()]
    open(os.path.join(out, 'nosep.txt'), 'w', encoding='utf-8').write('\n'.join(ns))


def inline(e):
    """Text of a block with note references as ('note', element) items."""
    parts = [('text', e.text or '')]
    for c in e:
        if c.tag == T + 'note':
            parts.append(('note', c))
        parts.append(('text', c.tail or ''))
    return parts


def note_text(n):
    """The surviving text of a note when it is whole (lost, cut or fragmentary notes: None)."""
    if n.find(T + 'gap') is not None:
        return None
    return ' '.join(''.join(n.itertext()).split())


class Writer:
    def __init__(self, width, note_width, page, blank, formfeed, per_chapter):
        self.w, self.nw, self.page, self.blank = width, note_width, page, blank
        self.ff, self.per = formfeed, per_chapter
        self.out, self.on_page, self.pending = [], 0, []
        self.number, self.page_start = 0, False
        self.counts = dict(notes=0, texts=0)
        self.notes = {}

    def emit(self, line):
        if self.page_start:
            line = ('\f' if self.ff else ' ') + line
            self.page_start = False
        self.out.append(line)
        if self.blank:
            self.out.append('')
        self.on_page += 1
        if self.on_page >= self.page:
            self.end_page()

    def end_page(self):
        texts = [(n, t) for n, t in self.pending if t]
        if texts:
            self.out.append(' ' * 49)
            for n, t in texts:
                for k, l in enumerate(textwrap.wrap('%d %s' % (n, t), self.nw, break_long_words=False, break_on_hyphens=False)):
                    self.out.append(l + ' ')
        self.pending, self.on_page, self.page_start = [], 0, True

    def block(self, parts, width, prefix=''):
        text = prefix
        for kind, v in parts:
            if kind == 'text':
                text += v
                continue
            self.number += 1
            self.counts['notes'] += 1
            t = note_text(v)
            self.counts['texts'] += t is not None
            self.notes[self.number] = t
            text += '\u2063%d\u2063' % self.number
        lines = textwrap.wrap(' '.join(text.split()), width, break_long_words=False,
                              break_on_hyphens=False)
        for k, line in enumerate(lines):
            for n in re.findall('\u2063(\\d+)\u2063', line):
                self.pending.append((int(n), self.notes[int(n)]))
            line = line.replace('\u2063', '')
            self.emit(line + ('  ' if k == len(lines) - 1 else ' '))

    def chapter_start(self):
        if self.per:
            self.number = 0


def write_tei(tei, path, width, note_width, page, blank=True, formfeed=False, per_chapter=False):
    root = ET.parse(tei).getroot()
    w = Writer(width, note_width, page, blank, formfeed, per_chapter)
    c = dict(chapters=0, sections=0, subsections=0, items=0, quotes=0)

    def div(d):
        heads = d.findall(T + 'head')
        t = d.get('type')
        if t == 'chapter':
            if w.on_page:
                w.end_page()
            w.chapter_start()
            c['chapters'] += 1
            w.emit('CHAPTER ' + WORDS[int(d.get('n'))] + ' ')
            w.emit(''.join(heads[1].itertext()) + ' ')
        elif t == 'abstract':
            for h in heads:
                w.emit(''.join(h.itertext()) + ' ')
        else:
            c[t + 's'] += 1
            w.emit(''.join(heads[0].itertext()) + ' ')
        for e in d:
            if e.tag == T + 'p':
                w.block(inline(e), width)
            elif e.tag == T + 'quote':
                c['quotes'] += 1
                w.block(inline(e), width + 16)
            elif e.tag == T + 'list':
                for it in e.findall(T + 'item'):
                    c['items'] += 1
                    w.block(inline(it), width, '• ')
            elif e.tag == T + 'div':
                div(e)

    for part in (T + 'front', T + 'body'):
        for d in root.find(T + 'text').find(part).findall(T + 'div'):
            div(d)
    w.end_page()
    out = '\n'.join(w.out) + '\n'
    if formfeed:
        out = out.replace('\n \n', '\n\n')
    open(path, 'w', encoding='utf-8').write(out)
    c.update(w.counts)
    c['per_chapter'] = int(per_chapter)
    with open(path[:-4] + '.expect', 'w') as f:
        for k in sorted(c):
            f.write('%s %d\n' % (k, c[k]))


def main():
    src, tei, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    from_source(src, out)
    write_tei(tei, os.path.join(out, 'narrow.txt'), 64, 76, 18)
    write_tei(tei, os.path.join(out, 'wide.txt'), 110, 124, 30, blank=False, formfeed=True)
    write_tei(tei, os.path.join(out, 'perchapter.txt'), 64, 76, 18, per_chapter=True)
    strip(out, 'narrow', 'narrow-nosep', '\n')
    strip(out, 'perchapter', 'perchapter-crlf-nosep', '\r\n')


def strip(out, base, name, eol):
    """base without blank lines and separators, with the given line ends."""
    lines = open(os.path.join(out, base + '.txt'), encoding='utf-8').read().split('\n')
    with open(os.path.join(out, name + '.txt'), 'w', encoding='utf-8', newline='') as f:
        f.write(eol.join(l for l in lines if l.strip()))
    with open(os.path.join(out, base + '.expect')) as src, open(os.path.join(out, name + '.expect'), 'w') as dst:
        dst.write(src.read())


main()
