#!/bin/sh
# e2e_pdf.sh — the archival PDF of the thesis (issues 4 and 5) opened with real readers: qpdf
# (--check; --json: outline, links, page labels, output intent, XMP), poppler (pdfinfo, pdffonts,
# pdftotext per page, pdftoppm), the shared checkers (pdf_typo, text_fidelity, check_pdf), byte
# reproducibility, --meta, and `folio fo` on the kept FO giving the same page count.
set -u
: "${FOLIO:?}" "${SHARED:?}"
cd "$(dirname "$0")/.." || exit 2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
R=$T/results
: >"$R"
ok() { echo "ok   $1" | tee -a "$R"; }
ko() { echo "FAIL $1" | tee -a "$R"; }
check() { if eval "$2"; then ok "$1"; else ko "$1"; fi; }
# py: run a Python check script (stdin) whose "ok   "/"FAIL " lines count like ours.
py() { python3 - "$@" 2>&1 | tee -a "$R"; }
# tei XPATH: xmllint over the TEI of this build, namespaces by local name.
tei() { xmllint --xpath "$1" "$T/a/thesis.xml" 2>/dev/null; }

# ---- the build: TEI, EPUB and PDF of the thesis, the FO kept
$FOLIO build xml/thesis.txt -o "$T/a" --keep-fo -q 2>"$T/build.err"; rc=$?
P=$T/a/thesis.pdf
mkdir -p "$T/cwd"
(cd "$T/cwd" && TZ=Asia/Tokyo LC_ALL=C.UTF-8 $FOLIO build "$OLDPWD/xml/thesis.txt" -o "$T/b" \
    --formats tei,pdf -q 2>/dev/null)
$FOLIO fo "$T/a/thesis.fo" -o "$T/fo.pdf" 2>"$T/fo.err"; fo_rc=$?
check "build: exit 0, thesis.pdf, thesis.xml and thesis.fo written" \
    "[ $rc -eq 0 ] && [ -s '$P' ] && [ -s '$T/a/thesis.xml' ] && [ -s '$T/a/thesis.fo' ]"
if [ ! -s "$P" ] || [ ! -s "$T/a/thesis.xml" ]; then
    head -5 "$T/build.err"
    echo "pdf: $(grep -c '^ok ' "$R") passed, $(grep -c '^FAIL ' "$R") failed"
    exit 1
fi
pages=$(pdfinfo "$P" 2>/dev/null | sed -n 's/^Pages: *//p')

# ---- structure: qpdf, fonts, text extraction
qpdf --check "$P" >"$T/qcheck" 2>&1; rc=$?
check "qpdf --check: exit 0, no warnings" \
    "[ $rc -eq 0 ] && ! grep -qi warning '$T/qcheck' && grep -q 'No syntax or stream encoding errors' '$T/qcheck'"
pdffonts "$P" >"$T/fonts" 2>&1
# the emb column counted from the right: names may be wider than their column.
nf=$(awk 'NR > 2 && NF >= 6 { n++ } END { print n + 0 }' "$T/fonts")
ne=$(awk 'NR > 2 && NF >= 6 && $(NF - 4) != "yes" { n++ } END { print n + 0 }' "$T/fonts")
check "pdffonts: every font embedded ($nf fonts, $ne not embedded)" "[ $nf -gt 0 ] && [ $ne -eq 0 ]"
pdftotext "$P" "$T/all.txt" 2>"$T/ptt.err"; rc=$?
check "pdftotext: exit 0, nothing on stderr" "[ $rc -eq 0 ] && [ ! -s '$T/ptt.err' ]"
[ -s "$T/ptt.err" ] && head -3 "$T/ptt.err"

# ---- Unicode text: each non-ASCII character (Turkish letters, curly quotes, dashes) of the TEI's
# text is copied out of the PDF at least as often (the PDF repeats titles), none as U+FFFD
py "$T/a/thesis.xml" "$T/all.txt" <<'PY'
import collections, sys, unicodedata
import xml.etree.ElementTree as ET
tei = ET.parse(sys.argv[1]).getroot().find('{http://www.tei-c.org/ns/1.0}text')
want = collections.Counter(c for c in unicodedata.normalize('NFC', ''.join(tei.itertext()))
                           if ord(c) > 127 and not c.isspace())
got = collections.Counter(unicodedata.normalize('NFC', open(sys.argv[2], encoding='utf-8').read()))
short = ['U+%04X %s: %d of %d' % (ord(c), c, got[c], n) for c, n in want.items() if got[c] < n]
print(('ok   ' if want and not short and not got['\ufffd'] else 'FAIL ') +
      'pdftotext: the %d kinds of non-ASCII characters of the TEI text come out of the PDF, '
      '%d U+FFFD%s' % (len(want), got['\ufffd'], ' (short: %s)' % '; '.join(short[:4]) if short else ''))
PY

# ---- counts from the TEI of the same build
L='local-name()'
n_front=$(tei "count(/*[$L='TEI']/*[$L='text']/*[$L='front']/*[$L='div'])")
n_chap=$(tei "count(//*[$L='div'][@type='chapter'])")
n_sec=$(tei "count(//*[$L='div'][@type='section'])")
n_sub=$(tei "count(//*[$L='div'][@type='subsection'])")
n_back=$(tei "count(/*[$L='TEI']/*[$L='text']/*[$L='back']/*[$L='div'])")
n_notes=$(tei "count(//*[$L='note'][@place='foot'])")
title=$(tei "string(/*[$L='TEI']/*[$L='teiHeader']/*[$L='fileDesc']/*[$L='titleStmt']/*[$L='title'][1])")
echo "     TEI: $n_front front divs, $n_chap chapters, $n_sec sections, $n_sub sub-sections," \
    "$n_back back divs, $n_notes notes"
check "TEI counted (chapters and notes found)" "[ '${n_chap:-0}' -gt 0 ] && [ '${n_notes:-0}' -gt 0 ]"

# ---- outline, links, labels, contents and running heads from qpdf --json and pdftotext per page
qpdf --json "$P" >"$T/q.json" 2>"$T/q.err"
py "$P" "$T/a/thesis.xml" "$T/q.json" "$n_front" "$n_chap" "$n_sec" "$n_sub" "$n_back" \
    "$n_notes" <<'PY'
import json, re, subprocess, sys, unicodedata
import xml.etree.ElementTree as ET

pdf, teifile, qjson = sys.argv[1:4]
n_front, n_chap, n_sec, n_sub, n_back, n_notes = map(int, sys.argv[4:10])
NS = '{http://www.tei-c.org/ns/1.0}'
CONTENTS_TITLE = 'CONTENTS'    # tei2fo.xsl's contents-title parameter, default


def check(name, cond, detail=''):
    print(('ok   ' if cond else 'FAIL ') + name + (' (%s)' % detail if detail else ''))


def norm(s):
    """Letters and digits only, case folded: compares headings across line breaks."""
    s = unicodedata.normalize('NFKC', s).casefold()
    return ''.join(c for c in s if c.isalnum())


def text_of(el):
    return ' '.join(''.join(el.itertext()).split())


def roman(n):
    out = ''
    for v, r in ((1000, 'm'), (900, 'cm'), (500, 'd'), (400, 'cd'), (100, 'c'), (90, 'xc'),
                 (50, 'l'), (40, 'xl'), (10, 'x'), (9, 'ix'), (5, 'v'), (4, 'iv'), (1, 'i')):
        while n >= v:
            out, n = out + r, n - v
    return out


# -- the TEI: chapters (body divs, then back divs) with their headings
tei = ET.parse(teifile).getroot()
text = tei.find(NS + 'text')
chapters = []
for part in ('body', 'back'):
    p = text.find(NS + part)
    if p is not None:
        chapters += p.findall(NS + 'div')


def heads(div):
    return [text_of(h) for h in div.findall(NS + 'head')]


def label_head(div):
    h = div.find(NS + 'head')
    return text_of(h) if h is not None and h.get('type') == 'label' else None


def title_heads(div):
    return ' '.join(text_of(h) for h in div.findall(NS + 'head') if h.get('type') != 'label')


listed = []      # chapters, sections, sub-sections in document order (the contents' entries)
for ch in chapters:
    listed.append((ch, 1))
    for s in ch.findall(NS + 'div'):
        listed.append((s, 2))
        for ss in s.findall(NS + 'div'):
            listed.append((ss, 3))

# -- qpdf --json
try:
    j = json.load(open(qjson))
except Exception as e:
    check('qpdf --json readable', False, str(e))
    sys.exit()
objs = j['qpdf'][1]


def res(v):
    """Follow an indirect reference 'N G R' to its value (streams: their dictionary)."""
    for _ in range(32):
        if isinstance(v, str) and re.fullmatch(r'\d+ \d+ R', v):
            o = objs.get('obj:' + v, {})
            v = o['value'] if 'value' in o else o.get('stream', {}).get('dict')
        else:
            break
    return v


catalog = res(objs['trailer']['value']['/Root'])
page_objs = [p['object'] for p in j['pages']]
npages = len(page_objs)

# -- page labels: computed from the /PageLabels ranges qpdf reports
ranges = sorted(j.get('pagelabels', []), key=lambda r: r['index'])


def label(i):
    r = None
    for x in ranges:
        if x['index'] <= i:
            r = x
    if r is None:
        return str(i + 1)
    d = r['label']
    n = d.get('/St', 1) + i - r['index']
    s = {'/D': str(n), '/r': roman(n), '/R': roman(n).upper()}.get(d.get('/S'), '')
    pre = d.get('/P', '')
    return (pre[2:] if pre.startswith('u:') else pre) + s


labels = [label(i) for i in range(npages)]
by_label = {}
for i, lb in enumerate(labels):
    by_label.setdefault(lb, i)

# -- every page's text, laid out, one pdftotext run per page
page_text = []
for i in range(npages):
    r = subprocess.run(['pdftotext', '-layout', '-enc', 'UTF-8', '-f', str(i + 1), '-l',
                        str(i + 1), pdf, '-'], capture_output=True, text=True)
    page_text.append(r.stdout.replace('\f', ''))


def lines(i):
    return [' '.join(l.split()) for l in page_text[i].split('\n') if l.strip()]


# -- chapters' first pages: the page that starts with the chapter's first heading
first_page = []
start = 0
for ch in chapters:
    h = heads(ch)
    found = None
    for i in range(start, npages):
        ls = lines(i)
        if h and ls and ls[0] == h[0]:
            found = i
            break
    first_page.append(found)
    if found is not None:
        start = found + 1
check('chapters: each starts a page with its heading (%d of %d found)'
      % (sum(p is not None for p in first_page), len(chapters)),
      chapters and None not in first_page,
      'pages ' + ', '.join(str(p + 1) if p is not None else '?' for p in first_page))
ch1 = first_page[0] if first_page else None

# -- page labels: roman from the first page, arabic from chapter one starting at 1
desc = '; '.join('from page %d %s start %s' % (r['index'] + 1, r['label'].get('/S'),
                                               r['label'].get('/St', 1)) for r in ranges)
check('page labels: roman (i, ii, ...) from page 1, arabic 1, 2, ... from chapter one',
      len(ranges) == 2 and ch1 is not None
      and ranges[0]['index'] == 0 and ranges[0]['label'].get('/S') == '/r'
      and ranges[0]['label'].get('/St', 1) == 1
      and ranges[1]['index'] == ch1 and ranges[1]['label'].get('/S') == '/D'
      and ranges[1]['label'].get('/St', 1) == 1,
      '%s; chapter one on page %s' % (desc, ch1 + 1 if ch1 is not None else '?'))

# -- the page number printed at the foot of each page (but the title page) is its label
bad = [i + 1 for i in range(1, npages) if not lines(i) or lines(i)[-1] != labels[i]]
check('printed page numbers equal the page labels on pages 2-%d' % npages, not bad,
      'differ on pages %s' % bad[:10] if bad else '')

# -- outline: count, nesting, titles and targets
def count(items):
    return sum(1 + count(x.get('kids', [])) for x in items)


outline = j.get('outlines', [])
want = n_front + 1 + n_chap + n_sec + n_sub + n_back
check('outline: %d bookmarks = %d front + contents + %d chapters + %d sections + %d sub-sections'
      ' + %d back' % (count(outline), n_front, n_chap, n_sec, n_sub, n_back),
      count(outline) == want, 'want %d' % want)


def shape_ok(div, item, level, errs):
    subs = div.findall(NS + 'div') if level < 3 else []
    kids = item.get('kids', [])
    if norm(item.get('title', '')) != norm(' '.join(heads(div))):
        errs.append('title %r' % item.get('title'))
    if len(kids) != len(subs):
        errs.append('%r has %d kids, TEI %d' % (item.get('title'), len(kids), len(subs)))
        return
    for d, k in zip(subs, kids):
        shape_ok(d, k, level + 1, errs)


errs = []
top_ch = outline[len(outline) - len(chapters):] if len(outline) >= len(chapters) else []
if len(outline) != n_front + 1 + len(chapters):
    errs.append('%d top-level bookmarks, want %d' % (len(outline), n_front + 1 + len(chapters)))
else:
    for k, (d, item) in enumerate(zip(chapters, top_ch)):
        shape_ok(d, item, 1, errs)
        if first_page[k] is not None and item.get('destpageposfrom1') != first_page[k] + 1:
            errs.append('%r goes to page %s, heading on %d'
                        % (item.get('title'), item.get('destpageposfrom1'), first_page[k] + 1))
check('outline: sections nested under their chapters, sub-sections under their sections, '
      'titles and target pages as the headings', not errs, '; '.join(errs[:4]))

# -- the contents: entries (title + page number) from pdftotext -layout of its page(s)
c0 = next((i for i in range(npages) if lines(i) and lines(i)[0] == CONTENTS_TITLE), None)
entries, leftover = [], []
if c0 is not None and ch1 is not None:
    cur, num = [], None
    for i in range(c0, ch1):
        ls = [l.rstrip() for l in page_text[i].split('\n') if l.strip()]
        if i == c0:
            ls = ls[1:]
        if ls and ls[-1].strip() == labels[i]:
            ls = ls[:-1]
        for s in ls:
            # the page number stands apart: two spaces or more before it in the layout, or
            # one after the leader's last dot (title, dots and number on one baseline)
            m = re.match(r'^(.*?)(?:(?:^|\s{2,}|(?<=\.)\s)(\d+|[ivxlcdm]+))?$', s)
            part, n = ' '.join(m.group(1).split()), m.group(2)
            if n and not part:             # a number alone on its line
                num = n
                continue
            leader = re.search(r'(\.\s*){3,}$', part)
            cur.append(re.sub(r'\s*(\.\s*){3,}$', '', part))
            if n:
                num = n
            if leader:
                entries.append((' '.join(cur), num))
                cur, num = [], None
    if cur:
        leftover.append(' '.join(cur))
check('contents: %d entries parsed (title, leader, page number)' % len(entries),
      entries and not leftover and all(n for _, n in entries),
      'unparsed: %s' % leftover if leftover else '')

# every chapter, section and sub-section of the TEI is an entry, in order
keys = [norm(t) for t, _ in entries]
missing, pos = [], 0
for div, level in listed:
    k = norm(' '.join(heads(div)))
    if k in keys[pos:]:
        pos = keys.index(k, pos) + 1
    else:
        missing.append(' '.join(heads(div)))
check('contents: every chapter, section and sub-section listed, in order (%d of %d)'
      % (len(listed) - len(missing), len(listed)), not missing, '; '.join(missing[:3]))

# each entry's heading is on the page its number names (a chapter's: its label as a line)
label_of = {norm(' '.join(heads(d))): label_head(d) for d, lv in listed if lv == 1}
wrong = []
for t, n in entries:
    i = by_label.get(n)
    if i is None:
        wrong.append('%s: no page labelled %s' % (t, n))
        continue
    ok = norm(t) in norm(page_text[i])
    lab = label_of.get(norm(t))
    if lab:
        ok = ok and lab in lines(i)
    if not ok:
        where = [labels[p] for p in range(npages) if norm(t) in norm(page_text[p])]
        wrong.append('%s: not on %s (found on %s)' % (t, n, where[:3]))
check('contents: each entry\'s heading is on the page its number gives (%d of %d)'
      % (len(entries) - len(wrong), len(entries)), entries and not wrong, '; '.join(wrong[:3]))

# plain pdftotext (reading order, no -layout) reads each entry's leader and number on one line
# and the page's folio last: the number is not a column of its own
raw_errs = []
for i in (range(c0, ch1) if c0 is not None and ch1 is not None else []):
    r = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-f', str(i + 1), '-l', str(i + 1), pdf,
                        '-'], capture_output=True, text=True)
    ls = [' '.join(l.split()) for l in r.stdout.replace('\f', '').split('\n') if l.strip()]
    if not ls or ls[-1] != labels[i]:
        raw_errs.append('page %s: last line %r' % (labels[i], ls[-1] if ls else None))
    for l in ls:
        if re.search(r'(\.\s*){3,}', l) and not re.search(r'\.\s(\d+|[ivxlcdm]+)$', l):
            raw_errs.append('page %s: %r' % (labels[i], l))
check('contents: pdftotext reads each leader with its number on one line, the folio last',
      c0 is not None and not raw_errs, '; '.join(raw_errs[:3]))

# -- running heads: none on a chapter's first page, its title atop each of its other pages
for k, ch in enumerate(chapters):
    p = first_page[k]
    if p is None:
        continue
    end = next((q for q in first_page[k + 1:] if q is not None), npages)
    name = heads(ch)[0] if heads(ch) else '?'
    if end - p < 2:
        print('skip running heads of %s: one page' % name)
        continue
    rh = lines(p + 1)[0] if lines(p + 1) else ''
    lab = label_head(ch)
    errs = []
    if norm(title_heads(ch)) not in norm(rh) or (lab and norm(lab) not in norm(rh)):
        errs.append('head %r lacks the chapter title' % rh)
    if rh in lines(p):
        errs.append('running head on the first page %d' % (p + 1))
    tops = [q + 1 for q in range(p + 1, end) if not lines(q) or lines(q)[0] != rh]
    if tops:
        errs.append('pages without it: %s' % tops[:8])
    check('running heads of %s (pages %d-%d): none on its first page, %r atop the other %d'
          % (name, p + 1, end, rh, end - p - 1), not errs, '; '.join(errs))

# -- links: every link annotation of every page; internal ones must land on a page
page_set = set(page_objs)
dests = res(catalog.get('/Dests')) or {}


def dest_page(a):
    d = a.get('/Dest')
    if d is None:
        act = res(a.get('/A')) or {}
        if act.get('/S') != '/GoTo':
            return None
        d = act.get('/D')
    d = res(d)
    if isinstance(d, str):                       # a named destination
        d = res(dests.get(d if d.startswith('/') else '/' + d[2:]))
    if isinstance(d, dict):
        d = res(d.get('/D'))
    return d[0] if isinstance(d, list) and d else None


links = internal = uri = same = broken = 0
targets = set()
toc_dest = []    # target pages of the links on the contents pages
for pi, po in enumerate(page_objs):
    for a in res(res(po).get('/Annots')) or []:
        a = res(a)
        if not isinstance(a, dict) or a.get('/Subtype') != '/Link':
            continue
        links += 1
        act = res(a.get('/A')) or {}
        if act.get('/S') == '/URI':
            uri += 1
            targets.add(re.sub(r'^[ub]:', '', str(act.get('/URI', ''))).rstrip('.,;:)'))
            continue
        dp = dest_page(a)
        if dp in page_set:
            internal += 1
            same += dp == po
            if c0 is not None and ch1 is not None and c0 <= pi < ch1:
                toc_dest.append(page_objs.index(dp))
        else:
            broken += 1
n_entries = len(entries)
urls = set()
for note in text.iter(NS + 'note'):
    for u in re.findall(r'https?://[^\s<>"“”]+', ''.join(note.itertext())):
        urls.add(u.rstrip('.,;:)'))
check('links: %d link annotations >= %d note references + %d contents entries'
      % (links, n_notes, n_entries), links >= n_notes + n_entries,
      '%d internal, %d URI' % (internal, uri))
check('links: every internal link lands on a page of the document (%d broken)' % broken,
      broken == 0 and internal > 0)
want_pages = {by_label[n] for _, n in entries if n in by_label}
check('links: the contents pages link to the pages their entries name (%d links, %d pages)'
      % (len(toc_dest), len(want_pages)),
      entries and len(toc_dest) >= len(entries) and set(toc_dest) == want_pages,
      'extra %s, missing %s' % (sorted(p + 1 for p in set(toc_dest) - want_pages),
                                sorted(p + 1 for p in want_pages - set(toc_dest)))
      if set(toc_dest) != want_pages else '')
unlinked = sorted(urls - targets)
check('links: each of the %d URLs in the notes is a URI link (%d URI links)' % (len(urls), uri),
      not unlinked, 'not linked: %d, e.g. %s' % (len(unlinked), unlinked[:2]) if unlinked else '')
check('links: %d of them land on their own page (>= %d notes, each on its reference page)'
      % (same, n_notes), same >= n_notes)

# -- catalog: output intent, XMP metadata, language
oi = res(catalog.get('/OutputIntents')) or []
oi = [res(x) for x in oi]
check('catalog: /OutputIntents with a GTS_PDFA1 intent and its ICC profile',
      any(isinstance(x, dict) and x.get('/S') == '/GTS_PDFA1' and '/DestOutputProfile' in x
          for x in oi), '%d intents' % len(oi))
md = res(catalog.get('/Metadata'))
check('catalog: /Metadata is an XMP stream (/Type /Metadata /Subtype /XML)',
      isinstance(md, dict) and md.get('/Type') == '/Metadata' and md.get('/Subtype') == '/XML')
check('catalog: /Lang is set', bool(catalog.get('/Lang')), str(catalog.get('/Lang')))
PY

# ---- metadata with pdfinfo: title, dates, no author unless --meta gives one
pdfinfo -isodates "$P" >"$T/info" 2>&1
info() { sed -n "s/^$1: *//p" "$T/info"; }
check "pdfinfo: Title is the TEI title ('$title')" "[ -n \"\$title\" ] && [ \"\$(info Title)\" = \"\$title\" ]"
want=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
check "pdfinfo: CreationDate and ModDate are SOURCE_DATE_EPOCH ($want)" \
    "[ \"\$(info CreationDate)\" = '$want' ] && [ \"\$(info ModDate)\" = '$want' ]"
check "pdfinfo: no Author without --meta" "! grep -q '^Author:' '$T/info'"

author='Ayşe Yılmaz'
printf 'author: %s\n' "$author" >"$T/meta.txt"
$FOLIO build xml/thesis.txt -o "$T/m" --formats pdf --meta "$T/meta.txt" -q 2>/dev/null
pdfinfo "$T/m/thesis.pdf" >"$T/info" 2>&1
check "--meta 'author: $author': pdfinfo Author" "[ \"\$(info Author)\" = '$author' ]"
qpdf --json --json-key=qpdf --json-stream-data=inline "$T/m/thesis.pdf" >"$T/m.json" 2>/dev/null
py "$T/m.json" "$author" <<'PY'
import base64, json, sys
import xml.etree.ElementTree as ET
try:
    objs = json.load(open(sys.argv[1]))['qpdf'][1]
    cat = objs['obj:' + objs['trailer']['value']['/Root']]['value']
    xmp = base64.b64decode(objs['obj:' + cat['/Metadata']]['stream']['data'])
    root = ET.fromstring(xmp.split(b'?>', 1)[1].rsplit(b'<?xpacket', 1)[0])
    got = [li.text for c in root.iter('{http://purl.org/dc/elements/1.1/}creator')
           for li in c.iter('{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li')]
except Exception as e:
    got = ['error: %s' % e]
print(('ok   ' if got == [sys.argv[2]] else 'FAIL ') + '--meta: XMP dc:creator is the author %r'
      % got)
PY

# ---- typography: ../shared/tools/pdf_typo.py
python3 "$SHARED/tools/pdf_typo.py" "$P" >"$T/typo" 2>&1
tail -1 "$T/typo" | sed 's/^/     /'
py "$T/typo" <<'PY'
import re, sys
t = open(sys.argv[1]).read()


def num(pattern):
    m = re.search(pattern, t, re.M)
    return [int(g) for g in m.groups()] if m else None


def check(name, vals, cond):
    good = vals is not None and cond(*vals)
    print(('ok   ' if good else 'FAIL ') + 'pdf_typo: ' + name +
          (' (%s)' % ', '.join(map(str, vals)) if vals else ' (line not found)'))


check('0 overfull lines', num(r'^\(a\) overfull lines[^:]*:\s*(\d+)'), lambda n: n == 0)
wo = num(r'^\(d\) widows (\d+), orphans (\d+), headings at a page bottom (\d+)')
check('0 widows', wo and wo[:1], lambda n: n == 0)
check('0 orphans', wo and wo[1:2], lambda n: n == 0)
check('0 headings at a page bottom', wo and wo[2:3], lambda n: n == 0)
fn = num(r'^\(e\) footnotes: (\d+) note starts.*?(\d+) paired, (\d+)/(\d+) on the reference page'
         r'.*?(\d+) notes without reference, (\d+) references without note')
check('every note on its reference page (notes, paired, on page, of, unreferenced, unnoted)',
      fn, lambda s, p, o, of, a, b: s > 0 and o == of == s and a == 0 and b == 0)
lo = num(r'justified lines (\d+); mean gap > 1\.5x: (\d+)')
check('loose lines (gaps > 1.5x) under 2.1 %% of justified lines (justified, loose)%s'
      % (' = %.2f %%' % (100.0 * lo[1] / lo[0]) if lo and lo[0] else ''),
      lo, lambda j, l: j > 0 and 100.0 * l < 2.1 * j)
check('at most 2 hyphenated lines in a row', num(r'longest run (\d+)'), lambda n: n <= 2)
PY

# ---- fidelity: every word of the TEI in the PDF, none added (CONTENTS: the contents' heading)
# The shared checker's result is shown; the assertion uses tests/fidelity.py, the same words and
# alignment plus the two rules it lacks (notes and the odd word beside a page break move as
# pieces; side-by-side columns read as columns), so that only real losses fail.
python3 "$SHARED/tools/text_fidelity.py" "$T/a/thesis.xml" "$P" --allow CONTENTS >"$T/fid" 2>&1
echo "info shared $(tail -1 "$T/fid")"
for src in "$T/a/thesis.xml" xml/thesis.txt; do
    python3 tests/fidelity.py "$src" "$P" --checker "$SHARED/tools/text_fidelity.py" \
        --allow 'text missing in source' --allow CONTENTS >"$T/fid2" 2>&1
    check "every word of $(basename "$src") in the PDF, none added ($(tail -1 "$T/fid2"))" \
        "tail -1 '$T/fid2' | grep -q 'missing 0,.*(new 0) -> OK'"
    grep -q -- '-> OK' "$T/fid2" || grep -E '^(missing|new)' "$T/fid2" | head -12 | sed 's/^/     /'
done

# ---- PDF/A essentials: ../shared/tools/check_pdf.py
python3 "$SHARED/tools/check_pdf.py" "$P" >"$T/cpdf" 2>&1; rc=$?
check "check_pdf.py: every check passes ($(tail -1 "$T/cpdf" | sed 's/.*; //'))" \
    "[ $rc -eq 0 ] && ! grep -q '^FAIL' '$T/cpdf'"
grep '^FAIL' "$T/cpdf" | sed 's/^/     /'

# ---- reproducible: a second build elsewhere, other TZ and locale, gives the same bytes (built
# right after the first, so that a bin/folio rebuilt meanwhile by `make` is unlikely to differ)
check "reproducible: two builds give byte-identical PDFs (cmp; other cwd, TZ, locale)" \
    "cmp -s '$P' '$T/b/thesis.pdf'"

# ---- rendering: every page through pdftoppm
mkdir -p "$T/png"
pdftoppm -r 30 -png "$P" "$T/png/p" 2>"$T/ppm.err"; rc=$?
np=$(find "$T/png" -name "*.png" | wc -l)
check "pdftoppm -r 30: exit 0, nothing on stderr, $np of $pages pages rendered" \
    "[ $rc -eq 0 ] && [ ! -s '$T/ppm.err' ] && [ '$np' = '$pages' ]"
head -3 "$T/ppm.err"

# ---- the kept FO through `folio fo` (typeset with the builds, above) gives the same pages
fp=$(pdfinfo "$T/fo.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "folio fo on the kept FO: exit 0, $fp pages as the build's $pages" \
    "[ $fo_rc -eq 0 ] && [ '$fp' = '$pages' ]"

passed=$(grep -c '^ok ' "$R") failed=$(grep -c '^FAIL ' "$R")
echo "pdf: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
