#!/usr/bin/env python3
"""fidelity_notes.py SOURCE.txt OUTPUT.xml — text_fidelity.py with one more pairing rule.

text_fidelity.py counts a run of source words as 'moved' only when the whole run reappears as
one inserted run. A source page holds its note texts one after the other; the TEI puts each
note at its own reference, with body text between them, so a page's run of notes reappears as
several inserted runs and is reported missing although every word is there. This script takes
the shared checker's words and alignment unchanged and, for a deleted run it could not pair,
tries to cover it with pieces of the inserted runs, longest prefix first. Anything still uncovered is missing. Exit 0 when nothing is missing and
no word is new. Last line: a one-line summary.
"""
import difflib, sys

src_code = open(sys.argv[3] if len(sys.argv) > 3 else '/work/shared/tools/text_fidelity.py').read()
ns = {'__name__': 'tf'}
exec(compile(src_code.replace('\nmain()\n', '\n'), 'text_fidelity', 'exec'), ns)
src = ns['words'](ns['source_text'](sys.argv[1]))
out = ns['words'](ns['output_text'](sys.argv[2]))
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

missing = 0
shown = 0
for i1, i2 in dels:
    ws = src[i1:i2]
    a = 0
    while a < len(ws):
        b = len(ws)
        while b > a and not take(' ' + ' '.join(ws[a:b]) + ' '):
            b -= 1
        if b == a:
            missing += 1
            if shown < 12:
                print('missing: ...%s [[%s]] %s...' % (' '.join(src[max(0, i1 + a - 5):i1 + a]), ws[a], ' '.join(src[i1 + a + 1:i1 + a + 5])))
                shown += 1
            a += 1
        else:
            a = b
src_set = set(src)
new = [w for run in pool for w in run.split() if w not in src_set]
left = sum(len(run.split()) for run in pool)
for w in new[:12]:
    print('new:', w)
ok = missing == 0 and not new
print('fidelity (note-aware pairing): source %d words, output %d; missing %d, extra %d (new %d) -> %s'
      % (len(src), len(out), missing, left, len(new), 'OK' if ok else 'FAIL'))
sys.exit(0 if ok else 1)
