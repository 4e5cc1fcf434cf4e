#!/bin/sh
# e2e_epub.sh — the EPUB edition end to end (issue 3): the thesis from text and a TEI file from
# tests/data through bin/folio, then epubcheck, Ace by DAISY, text fidelity against the source,
# byte-for-byte determinism, and the structure readers rely on (notes, nav, abstracts, zip).
set -u
: "${FOLIO:?}" "${SHARED:?}"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
ACE=.tools/ace/node_modules/.bin/ace-puppeteer
. "$(dirname "$0")/lib.sh"

# epubcheck FILE NAME: 0 fatal, 0 errors, 0 warnings (EPUB 3.2 rules of epubcheck 4.2.6).
epubcheck() {
    java -jar /usr/share/java/epubcheck.jar "$1" >"$T/epubcheck.txt" 2>&1
    n=$(grep -cE '^(FATAL|ERROR|WARNING)' "$T/epubcheck.txt")
    check "$2: epubcheck 0 errors 0 warnings" "[ $n -eq 0 ] && grep -q 'No errors or warnings' '$T/epubcheck.txt'"
    [ "$n" -eq 0 ] || grep -E '^(FATAL|ERROR|WARNING)' "$T/epubcheck.txt" | head -5
}

# ace FILE NAME: 0 violations in Ace's report.json (skipped when Ace is not installed).
ace() {
    if [ ! -x "$ACE" ]; then
        echo "SKIP $2: Ace (no $ACE; see DESIGN.md 'Tools that check')"
        return
    fi
    rm -rf "$T/ace"
    PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium} \
        "$ACE" -o "$T/ace" --force "$1" >"$T/ace.log" 2>&1
    v=$(python3 - "$T/ace/report.json" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except Exception:
    print(-1); sys.exit()
v = [(a.get('earl:testSubject', {}).get('url'), x['earl:test']['dct:title'])
     for a in r.get('assertions', []) for x in a.get('assertions', [])]
print(len(v))
for u, t in v[:5]:
    print('     ', u, t, file=sys.stderr)
PY
)
    check "$2: Ace 0 violations (got $v)" "[ '$v' = 0 ]"
}

# ---- the thesis from text
$FOLIO build xml/thesis.txt -o "$T/a" --formats epub 2>"$T/build.err"; rc=$?
check "thesis.txt --formats epub: exit 0, EPUB written" "[ $rc -eq 0 ] && [ -s '$T/a/thesis.epub' ]"
E=$T/a/thesis.epub
epubcheck "$E" thesis
ace "$E" thesis
python3 "$SHARED/tools/text_fidelity.py" xml/thesis.txt "$E" --allow 'text missing in source' \
    >"$T/fid.txt" 2>&1
check "thesis: every word of the source, none added ($(tail -1 "$T/fid.txt" | sed "s/.*missing/missing/"))" \
    "tail -1 '$T/fid.txt' | grep -q 'missing 0,.*extra new 0 -> OK'"
(cd "$T" && TZ=Asia/Tokyo LC_ALL=C.UTF-8 $FOLIO build "$OLDPWD/xml/thesis.txt" -o "$T/b" \
    --formats epub -q 2>/dev/null)
check "thesis: two builds give identical bytes (other TZ, locale, cwd)" "cmp -s '$E' '$T/b/thesis.epub'"

python3 - "$E" xml/thesis.txt <<'PY'
import re, sys, zipfile, datetime
E = sys.argv[1]
z = zipfile.ZipFile(E)
fails = []
def check(name, cond):
    print(('ok   ' if cond else 'FAIL ') + name)
    if not cond:
        fails.append(name)
infos = z.infolist()
check('zip: mimetype first, stored, no extra field',
      infos[0].filename == 'mimetype' and infos[0].compress_type == zipfile.ZIP_STORED
      and not infos[0].extra and z.read('mimetype') == b'application/epub+zip')
check('zip: every other entry deflated', all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos[1:]))
want = datetime.datetime.utcfromtimestamp(1700000000).timetuple()[:6]
check('zip: every entry dated SOURCE_DATE_EPOCH (UTC)',
      all(i.date_time == want[:5] + (want[5] // 2 * 2,) for i in infos))
check('zip: no extra fields (no clock-dependent timestamps)', all(not i.extra for i in infos))
names = z.namelist()
opf = z.read('EPUB/package.opf').decode()
nav = z.read('EPUB/nav.xhtml').decode()
chapters = sorted(n for n in names if re.fullmatch(r'EPUB/ch\d\d\.xhtml', n))
check('one content document per chapter (%d)' % len(chapters), len(chapters) == 5)
check('title page and front matter documents', 'EPUB/title.xhtml' in names and 'EPUB/front.xhtml' in names)
check('OPF: both dc:titles, the Turkish one with xml:lang',
      len(re.findall(r'<dc:title', opf)) == 2 and re.search(r'<dc:title[^>]*xml:lang="tr"', opf))
check('OPF: dc:language en', '<dc:language>en</dc:language>' in opf)
check('OPF: dcterms:modified from SOURCE_DATE_EPOCH',
      '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>' in opf)
ident = re.search(r'<dc:identifier id="uid">([^<]+)<', opf)
check('OPF: a dc:identifier (%s)' % (ident.group(1)[:50] if ident else None), ident is not None)
for p in ('schema:accessMode', 'schema:accessModeSufficient', 'schema:accessibilityFeature',
          'schema:accessibilityHazard', 'schema:accessibilitySummary'):
    check('OPF: ' + p, 'property="%s"' % p in opf)
check('no page-list without print page breaks (EPUB-only build)',
      'page-list' not in nav and 'printPageNumbers' not in opf)
toc = re.search(r'<nav[^>]*epub:type="toc".*?</nav>', nav, re.S).group(0)
entries = re.findall(r'<a href="([^"]+)"', toc)
sections = re.findall(r'^ ?(\d\.\d\.?\d?\.?) +[A-Z]', open(sys.argv[2], encoding='utf-8').read(), re.M)
check('nav toc: chapters, sections and sub-sections (%d entries, %d numbered headings in the source)'
      % (len(entries), len(sections)), len(entries) >= 5 + len(sections))
check('nav toc: nested (sub-sections inside sections inside chapters)',
      re.search(r"<li>\s*<a[^>]*>[^<]*</a>\s*<ol>\s*<li>\s*<a[^>]*>[^<]*</a>\s*<ol>\s*<li>", toc) is not None)
check('nav landmarks: toc, frontmatter, bodymatter',
      all('epub:type="%s"' % t in nav for t in ('toc', 'frontmatter', 'bodymatter')))
# notes: every reference to an aside in the same document and back, numbered 1..195
refs, asides, bad = [], [], []
for n in chapters + ['EPUB/front.xhtml']:
    doc = z.read(n).decode()
    for m in re.finditer(r'<a [^>]*epub:type="noteref"[^>]*>([^<]*)</a>', doc):
        a = m.group(0)
        refs.append(int(m.group(1)))
        href = re.search(r'href="#([^"]+)"', a).group(1)
        rid = re.search(r'id="([^"]+)"', a).group(1)
        if 'role="doc-noteref"' not in a:
            bad.append(('role', a))
        aside = re.search(r'<aside [^>]*id="%s"[^>]*>.*?</aside>' % re.escape(href), doc, re.S)
        if not aside or 'epub:type="footnote"' not in aside.group(0) or 'role="doc-footnote"' not in aside.group(0):
            bad.append(('aside', href))
        elif 'href="#%s"' % rid not in aside.group(0):
            bad.append(('backlink', href))
        else:
            asides.append(aside.group(0))
check('notes: %d references numbered 1..195 in order' % len(refs), refs == list(range(1, 196)))
check('notes: each reference to an aside footnote in its document, with a link back (%d bad)' % len(bad),
      not bad and len(asides) == 195)
missing = sum('text missing in source' in a for a in asides)
check('notes: lost note texts show "[text missing in source]" (%d)' % missing, 100 < missing < 195)
front = z.read('EPUB/front.xhtml').decode()
check('abstracts: Turkish one has lang="tr"',
      re.search(r'<section [^>]*epub:type="abstract"[^>]*lang="tr"', front) is not None)
check('abstracts: side by side in a grid from 45em, stacked below',
      'class="abstracts"' in front and re.search(r'@media \(min-width: 45em\)[^}]*grid', z.read('EPUB/style.css').decode()))
sys.exit(1 if fails else 0)
PY
[ $? -eq 0 ] && pass=$((pass + 1)) || fail=$((fail + 1))

# ---- with the print pages (issue 6): built with the PDF, the EPUB gains a page-list
$FOLIO build xml/thesis.txt -o "$T/p" --formats pdf,epub -q 2>/dev/null; rc=$?
check "thesis --formats pdf,epub: exit 0" "[ $rc -eq 0 ] && [ -s '$T/p/thesis.epub' ]"
unzip -p "$T/p/thesis.epub" EPUB/nav.xhtml 2>/dev/null | grep -q 'epub:type="page-list"'
check "with the PDF: nav has a page-list" '[ $? -eq 0 ]'
epubcheck "$T/p/thesis.epub" "with page-list"
ace "$T/p/thesis.epub" "with page-list"
python3 "$SHARED/tools/text_fidelity.py" xml/thesis.txt "$T/p/thesis.epub" \
    --allow 'text missing in source' >"$T/fid3.txt" 2>&1
check "with page-list: words unchanged ($(tail -1 "$T/fid3.txt" | sed "s/.*missing/missing/"))" \
    "tail -1 '$T/fid3.txt' | grep -q 'OK$'"

# ---- with --meta: author, supervisor, institution, date, identifier, subtitle in the OPF
cat >"$T/meta.txt" <<'META'
author: Ayşe Yılmaz
supervisor: Prof. Dr. Mehmet Demir
institution: Example University
degree: Master of Arts
date: 2021-06-15
identifier: urn:isbn:9780000000002
subtitle: A Study
META
$FOLIO build xml/thesis.txt --meta "$T/meta.txt" -o "$T/m" --formats epub -q 2>/dev/null
epubcheck "$T/m/thesis.epub" "with --meta"
unzip -p "$T/m/thesis.epub" EPUB/package.opf >"$T/m/opf"
check "with --meta: creator, thesis advisor, publisher, date, identifier, subtitle" \
    "grep -q '<dc:creator>Ayşe Yılmaz</dc:creator>' '$T/m/opf' && grep -q 'scheme=\"marc:relators\">ths<' '$T/m/opf' && grep -q '<dc:publisher>Example University<' '$T/m/opf' && grep -q '<dc:date>2021-06-15<' '$T/m/opf' && grep -q 'id=\"uid\">urn:isbn:9780000000002<' '$T/m/opf' && grep -q 'property=\"title-type\">subtitle<' '$T/m/opf'"

# ---- any TEI: a hand-made one (with print page breaks and an element we do not know)
cp tests/data/epub-sample.xml "$T/sample.xml"
$FOLIO build "$T/sample.xml" -o "$T/s" --formats epub 2>"$T/s.err"; rc=$?
check "TEI input --formats epub: exit 0" "[ $rc -eq 0 ] && [ -s '$T/s/sample.epub' ]"
epubcheck "$T/s/sample.epub" sample
ace "$T/s/sample.epub" sample
check "unknown TEI element: a warning naming it" "grep -q 'unknown TEI element <frobnicate>' '$T/s.err'"
unzip -p "$T/s/sample.epub" EPUB/ch01.xhtml >"$T/s/ch01.xhtml"
check "unknown TEI element: its text kept" "grep -q 'kept words here' '$T/s/ch01.xhtml'"
python3 "$SHARED/tools/text_fidelity.py" tests/data/epub-sample.xml "$T/s/sample.epub" \
    --allow 'text missing in source' >"$T/fid2.txt" 2>&1
check "sample: words of the TEI equal the words of the EPUB" "tail -1 '$T/fid2.txt' | grep -q 'OK$'"
unzip -p "$T/s/sample.epub" EPUB/nav.xhtml >"$T/s/nav.xhtml"
unzip -p "$T/s/sample.epub" EPUB/package.opf >"$T/s/package.opf"
check "pb ed=print: page-list in nav, markers in text" \
    "grep -q 'epub:type=\"page-list\"' '$T/s/nav.xhtml' && grep -q 'href=\"ch01.xhtml#page-2\">2<' '$T/s/nav.xhtml' && grep -q '<span class=\"pagebreak\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-1\" aria-label=\"1\"/>' '$T/s/ch01.xhtml'"
check "pb ed=print: printPageNumbers, pageNavigation and the page source in the OPF" \
    "grep -q 'printPageNumbers' '$T/s/package.opf' && grep -q 'pageNavigation' '$T/s/package.opf' && grep -q 'property=\"source-of\">pagination<' '$T/s/package.opf'"

# ---- a customization layer: imports tei2epub.xsl, overrides a parameter and the style sheet
mkdir -p "$T/layer"
cat >"$T/layer/my-epub.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:css="urn:x-folio:css">
  <xsl:import href="$PWD/xslt/tei2epub.xsl"/>
  <xsl:param name="gap-text" select="'[lost in the source]'"/>
  <xsl:variable name="css" select="document('my-css.xml')/css:css"/>
</xsl:stylesheet>
XSL
echo '<css xmlns="urn:x-folio:css">body { color: #222; }</css>' >"$T/layer/my-css.xml"
$FOLIO build "$T/sample.xml" -o "$T/l" --formats epub --xsl-epub "$T/layer/my-epub.xsl" -q 2>/dev/null
check "customization layer: its parameter and its CSS are used" \
    "unzip -p '$T/l/sample.epub' EPUB/ch01.xhtml | grep -q '\[lost in the source\]' && [ \"\$(unzip -p '$T/l/sample.epub' EPUB/style.css)\" = 'body { color: #222; }' ]"
epubcheck "$T/l/sample.epub" "customization layer"

# ---- a TEI unlike ours: verse, tables, headless and deep divisions, citations, back matter
cp tests/data/epub-other.xml "$T/other.xml"
$FOLIO build "$T/other.xml" -o "$T/o" --formats epub 2>"$T/o.err"; rc=$?
check "other TEI: exit 0" "[ $rc -eq 0 ] && [ -s '$T/o/other.epub' ]"
epubcheck "$T/o/other.epub" "other TEI"
ace "$T/o/other.epub" "other TEI"

# ---- 5000 page breaks in a row (a scan's blank pages), before a chapter and between two list
# items: all become markers, in order; no template recursion as deep as the run (libxslt stops
# at 3000 nested calls)
python3 - tests/data/epub-sample.xml "$T/pbs.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
run = lambda tag: ''.join('<pb n="%s%d" ed="print"/>' % (tag, k) for k in range(5000))
s = s.replace('<div type="chapter" n="2" xml:id="ch2">', run('c') + '<div type="chapter" n="2" xml:id="ch2">')
s = s.replace('<pb n="2" ed="print"/>', run('i'))
open(sys.argv[2], 'w', encoding='utf-8').write(s)
PY
$FOLIO build "$T/pbs.xml" -o "$T/pb" --formats epub 2>"$T/pb.err"; rc=$?
check "5000 page breaks in a row: exit 0" "[ $rc -eq 0 ] && [ -s '$T/pb/pbs.epub' ]"
check "5000 page breaks in a row: every one a marker, in order (chapter and list item)" \
    "[ \"\$(unzip -p '$T/pb/pbs.epub' EPUB/ch02.xhtml | grep -o 'aria-label=\"c[0-9]*\"' | head -3 | tr -d '\n')\" = 'aria-label=\"c0\"aria-label=\"c1\"aria-label=\"c2\"' ] && [ \$(unzip -p '$T/pb/pbs.epub' EPUB/ch02.xhtml | grep -o 'aria-label=\"c[0-9]*\"' | wc -l) -eq 5000 ] && [ \$(unzip -p '$T/pb/pbs.epub' EPUB/ch01.xhtml | grep -o 'aria-label=\"i[0-9]*\"' | wc -l) -eq 5000 ]"
# (epubcheck 4.2 itself overflows its stack on 10 000 page-list entries: XML checks instead)
mkdir -p "$T/pbx" && (cd "$T/pbx" && unzip -q ../pb/pbs.epub)
check "5000 page breaks in a row: every content document well-formed" \
    "xmllint --noout '$T'/pbx/EPUB/*.xhtml"

# ---- a graphic whose url leaves the input's directory is refused
mkdir -p "$T/in"
sed 's|<p xml:id="p5">|<figure><graphic url="../secret.png"/></figure><p xml:id="p5">|' \
    tests/data/epub-sample.xml >"$T/in/evil.xml"
printf 'x' >"$T/secret.png"
$FOLIO build "$T/in/evil.xml" -o "$T/e" --formats epub 2>"$T/e.err"; rc=$?
check "graphic url '../secret.png': refused, exit 1, no EPUB" \
    "[ $rc -eq 1 ] && grep -q 'refused graphic url' '$T/e.err' && [ ! -e '$T/e/evil.epub' ]"
sed 's|<p xml:id="p5">|<figure><graphic url="/etc/hostname"/></figure><p xml:id="p5">|' \
    tests/data/epub-sample.xml >"$T/in/abs.xml"
$FOLIO build "$T/in/abs.xml" -o "$T/e" --formats epub 2>"$T/e.err"; rc=$?
check "graphic url '/etc/hostname': refused" "[ $rc -eq 1 ] && grep -q 'refused graphic url' '$T/e.err'"

# ---- a graphic inside the input's directory is packed, with its description as alt text
python3 - "$T/in/dot.png" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(b'\x00\x00')) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
PY
sed 's|<p xml:id="p5">|<figure><graphic url="dot.png"/><figDesc>A black dot</figDesc></figure><p xml:id="p5">|' \
    tests/data/epub-sample.xml >"$T/in/fig.xml"
$FOLIO build "$T/in/fig.xml" -o "$T/f" --formats epub --param source-dir="$T/in" 2>"$T/f.err"; rc=$?
check "graphic url 'dot.png' beside the input: packed" \
    "[ $rc -eq 0 ] && unzip -p '$T/f/fig.epub' EPUB/images/img1.png | cmp -s - '$T/in/dot.png'"
check "graphic: img with its figDesc as alt" \
    "unzip -p '$T/f/fig.epub' EPUB/ch02.xhtml | grep -q '<img src=\"images/img1.png\" alt=\"A black dot\"/>'"
epubcheck "$T/f/fig.epub" "with a graphic"

# ---- the stage's speed on the thesis (make bench measures it properly; shown here)
$FOLIO build xml/thesis.txt -o "$T/v" --formats epub -v 2>&1 | grep -E 'stage (tei2epub|zip):' \
    | sed 's/^.*stage /info stage /'

echo "epub: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
