#!/usr/bin/env python3
"""fidelity.py SOURCE OUTPUT [--checker PATH] [--allow PHRASE ...] — every word kept, none added,
measured with the shared checker's own words and alignment (text_fidelity.py) and two rules it
lacks, so that what it reports as lost is told apart from what only moved:

1. Notes move as pieces. The checker counts a run of source words as moved only when the whole
   run reappears as one inserted run. A source page holds its notes one after the other; the TEI
   puts each at its reference, and a PDF puts a note between the last words of a page and the
   first of the next, so notes and the odd word beside a page break reappear as several pieces.
   A deleted run is covered here with pieces of the inserted runs, longest first, each inserted
   word used once. Anything left uncovered is missing.
2. Columns are read as columns. pdftotext reads a page with two columns side by side (the
   abstracts) line by line across both; here such a page is read one column after the other
   (found from the word boxes: a vertical gap no body word crosses), and a page's folio (a
   roman or arabic number alone on its line) is dropped, as the checker drops folios.

Exit 0 when nothing is missing and no word is new. Last line: a one-line summary.
"""
import argparse, difflib, re, subprocess, sys


def load_checker(path):
    code = open(path).read().replace('\nmain()\n', '\n')
    ns = {'__name__': 'text_fidelity'}
    exec(compile(code, 'text_fidelity', 'exec'), ns)
    return ns


def pdf_words_boxes(pdf, p):
    box = subprocess.run(['pdftotext', '-f', str(p), '-l', str(p), '-bbox', pdf, '-'],
                         capture_output=True, text=True).stdout
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', box)
    boxes = [tuple(map(float, m)) for m in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', box)]
    return float(size.group(1)), float(size.group(2)), boxes


def column_gap(w, h, boxes):
    """The x of a gap in the page's middle third that no body word crosses, or None."""
    body = [b for b in boxes if 0.08 * h < b[1] < 0.92 * h]
    if len(body) < 40:
        return None
    for x in range(int(w * 0.35), int(w * 0.65)):
        left = [b for b in body if b[2] < x]
        right = [b for b in body if b[0] > x]
        if len(left) + len(right) == len(body) and len(left) > 20 and len(right) > 20:
            return (max(b[2] for b in left) + min(b[0] for b in right)) / 2
    return None


FOLIO = re.compile(r'\s*([ivxlcdm]+|\d+)\s*')


def pdf_text(pdf):
    info = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout
    pages = []
    for p in range(1, int(re.search(r'Pages:\s+(\d+)', info).group(1)) + 1):
        def text(*crop):
            return subprocess.run(['pdftotext', '-enc', 'UTF-8', '-f', str(p), '-l', str(p),
                                   *crop, pdf, '-'], capture_output=True, text=True).stdout
        w, h, boxes = pdf_words_boxes(pdf, p)
        gap = column_gap(w, h, boxes)
        if gap is None:
            t = text()
        else:
            t = (text('-x', '0', '-y', '0', '-W', str(int(gap)), '-H', str(int(h) + 1)) + '\n' +
                 text('-x', str(int(gap)), '-y', '0', '-W', str(int(w - gap) + 1),
                      '-H', str(int(h) + 1)))
        # a folio may come out anywhere in reading order (after a right-aligned column)
        pages.append('\n'.join(l for l in t.split('\n') if l.strip() and not FOLIO.fullmatch(l)))
    return '\n'.join(pages)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('source')
    ap.add_argument('output')
    ap.add_argument('--checker', default='/work/shared/tools/text_fidelity.py')
    ap.add_argument('--allow', action='append', default=[])
    a = ap.parse_args()
    tf = load_checker(a.checker)
    src = tf['words'](tf['source_text'](a.source) if a.source.endswith('.txt')
                      else tf['output_text'](a.source))
    text = pdf_text(a.output) if a.output.endswith('.pdf') else tf['output_text'](a.output)
    for ph in a.allow:
        text = re.sub(r'\W*'.join(map(re.escape, ph.split())), ' ', text, flags=re.I)
    out = tf['words'](text)
    sm = difflib.SequenceMatcher(None, src, out, autojunk=False)
    dels, inss = [], []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ('delete', 'replace'):
            dels.append((i1, i2))
        if tag in ('insert', 'replace'):
            inss.append((j1, j2))
    pool = [' ' + ' '.join(out[j1:j2]) + ' ' for j1, j2 in inss]

    def take(piece):
        for k, run in enumerate(pool):
            if piece in run:
                pool[k] = run.replace(piece, ' ', 1)
                return True
        return False

    missing = shown = 0
    for i1, i2 in dels:
        ws = src[i1:i2]
        i = 0
        while i < len(ws):
            j = len(ws)
            while j > i and not take(' ' + ' '.join(ws[i:j]) + ' '):
                j -= 1
            if j > i:
                i = j
                continue
            missing += 1
            if shown < 12:
                print('missing: ...%s [[%s]] %s...' % (' '.join(src[max(0, i1 + i - 5):i1 + i]),
                                                      ws[i], ' '.join(src[i1 + i + 1:i1 + i + 5])))
                shown += 1
            i += 1
    src_set = set(src)
    new = [w for run in pool for w in run.split() if w not in src_set]
    left = sum(len(run.split()) for run in pool)
    for w in new[:12]:
        print('new:', w)
    ok = missing == 0 and not new
    print('fidelity (pieces, columns): source %d words, output %d; missing %d, extra %d (new %d)'
          ' -> %s' % (len(src), len(out), missing, left, len(new), 'OK' if ok else 'FAIL'))
    sys.exit(0 if ok else 1)


main()
