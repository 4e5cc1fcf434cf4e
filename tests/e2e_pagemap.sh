#!/bin/sh
# e2e_pagemap.sh — one source, one pagination (issue 6): the print pages reported by the
# typesetter come back as TEI pb milestones and an EPUB page-list, and they agree with the PDF.
set -u
: "${FOLIO:?}" "${SHARED:?}"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
. "$(dirname "$0")/lib.sh"

$FOLIO build xml/thesis.txt -o "$T" -q 2>/dev/null
check "one build gives TEI, EPUB and PDF" "[ -s '$T/thesis.xml' ] && [ -s '$T/thesis.epub' ] && [ -s '$T/thesis.pdf' ]"
check "TEI with pb stays valid (folio-tei.rng)" "xmllint --noout --relaxng xml/folio-tei.rng '$T/thesis.xml' 2>/dev/null"

python3 - "$T" <<'PY'
import json, re, subprocess, sys, zipfile, html
T = sys.argv[1]
fails = []
def check(name, cond):
    print(('ok   ' if cond else 'FAIL ') + name)
    if not cond:
        fails.append(name)

labels = json.loads(subprocess.run(['qpdf', '--json', '--json-key=pagelabels', T + '/thesis.pdf'],
                                   capture_output=True, text=True).stdout).get('pagelabels', [])
npages = int(re.search(r'Pages:\s+(\d+)', subprocess.run(['pdfinfo', T + '/thesis.pdf'],
             capture_output=True, text=True).stdout).group(1))
def label_of(i):
    """The printed label of page index i from the PDF's /PageLabels."""
    best = None
    for l in labels:
        if l['index'] <= i:
            best = l
    if not best:
        return str(i + 1)
    d = best['label']
    n = d.get('/St', 1) + i - best['index']
    if d.get('/S') == '/r':
        vals = [(1000, 'm'), (900, 'cm'), (500, 'd'), (400, 'cd'), (100, 'c'), (90, 'xc'),
                (50, 'l'), (40, 'xl'), (10, 'x'), (9, 'ix'), (5, 'v'), (4, 'iv'), (1, 'i')]
        s = ''
        for v, r in vals:
            while n >= v:
                s += r; n -= v
        return s
    return str(n) if d.get('/S') == '/D' else None
page_by_label = {label_of(i): i for i in range(npages)}

z = zipfile.ZipFile(T + '/thesis.epub')
opf_name = [n for n in z.namelist() if n.endswith('.opf')][0]
opf = z.read(opf_name).decode()
nav_name = [n for n in z.namelist() if n.endswith('nav.xhtml')][0]
nav = z.read(nav_name).decode()
check('OPF names the print edition as page-break source', 'pageBreakSource' in opf)
check('OPF accessibilityFeature printPageNumbers', 'printPageNumbers' in opf)
pl = re.search(r'<nav[^>]*epub:type="page-list".*?</nav>', nav, re.S)
check('nav has a page-list', pl is not None)
entries = re.findall(r'href="([^"#]+)#(page-[^"]+)"[^>]*>([^<]*)<', pl.group(0)) if pl else []
check('page-list lists pages (%d)' % len(entries), len(entries) > 0)
tei = open(T + '/thesis.xml', encoding='utf-8').read()
pbs = re.findall(r'<pb n="([^"]+)" ed="print"', tei)
check('TEI pb count (%d) equals page-list entries' % len(pbs), len(pbs) == len(entries))
check('page-list in order and without repeats', len(set(e[2] for e in entries)) == len(entries))

def words(s):
    """Words, without note and page numbers (1-3 digits), as text_fidelity.py counts them."""
    s = re.sub(r'<[^>]+>', ' ', s)
    s = html.unescape(s)
    return [w for w in re.findall(r'\w+', s.lower()) if not (w.isdigit() and len(w) <= 3)]

texts = {}
bad = []
for href, anchor, label in entries:
    base = nav_name.rsplit('/', 1)[0] + '/' if '/' in nav_name else ''
    if href not in texts:
        texts[href] = z.read(base + href).decode()
    doc = texts[href]
    pos = doc.find('id="%s"' % anchor)
    # skip note asides: body text only
    after = re.sub(r'<aside.*?</aside>', ' ', doc[pos:pos + 4000], flags=re.S)
    after = re.sub(r'<a [^>]*epub:type="noteref"[^>]*>.*?</a>', '', after, flags=re.S)
    # a page that begins inside a word: join the marker's halves
    ew = words(after.split('>', 1)[1])[:3] if pos >= 0 else []
    i = page_by_label.get(label)
    if i is None:
        bad.append((label, 'no such PDF page'))
        continue
    # reading order (not -layout), so two-column pages read column by column
    pt = subprocess.run(['pdftotext', '-f', str(i + 1), '-l', str(i + 1),
                         T + '/thesis.pdf', '-'], capture_output=True, text=True).stdout
    pw = words(pt)[:12]
    # in order among the page's first words: a side-by-side page (the abstracts) interleaves
    # its columns' first lines
    it = iter(pw)
    if not ew or not all(w in it for w in ew):
        bad.append((label, ew, pw[:12]))
check('every page-list entry starts with the first body words of its PDF page (%d bad)' % len(bad),
      not bad)
for b in bad[:5]:
    print('     ', b)
sys.exit(1 if fails else 0)
PY
rc=$?; [ $rc -eq 0 ] && pass=$((pass + 1)) || fail=$((fail + 1))

$FOLIO build "$T/thesis.xml" -o "$T/re" -q 2>/dev/null
check "rebuild from the output TEI: same TEI (each pb once)" "cmp -s '$T/thesis.xml' '$T/re/thesis.xml'"
check "rebuild from the output TEI: same PDF" "cmp -s '$T/thesis.pdf' '$T/re/thesis.pdf'"
check "epubcheck clean with the page-list" \
    "java -jar /usr/share/java/epubcheck.jar '$T/thesis.epub' >'$T/epubcheck.txt' 2>&1 && ! grep -q '^WARNING' '$T/epubcheck.txt'"
$FOLIO build xml/thesis.txt -o "$T/epubonly" --formats epub 2>"$T/err"
check "--formats epub alone: EPUB still built" "[ -s '$T/epubonly/thesis.epub' ]"
check "--formats epub alone: says there is no page-list" "grep -q 'without a page-list' '$T/err'"
echo "pagemap: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
