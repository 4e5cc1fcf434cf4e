#!/bin/sh
# e2e_cli.sh — the command line as users and CI meet it: usage and exit codes, --meta, --report,
# batches with -j, --strict, and the reliability rules: hostile inputs refused with a clear
# message, faults leave no partial or temporary file, outputs identical across runs, locales,
# time zones and working directories.
set -u
: "${FOLIO:?}"
. "$(dirname "$0")/lib.sh"
T=$(mktemp -d); trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
FORMATS=${FORMATS:-tei,epub,pdf}

# usage and exit codes
$FOLIO --help >"$T/help" 2>&1; check "--help exits 0" '[ $? -eq 0 ]'
for opt in --output --formats --meta --param --keep-fo --report --strict --quiet --verbose -j; do
    check "--help lists $opt" "grep -q -- '$opt' '$T/help'"
done
$FOLIO --version | grep -q '^folio [0-9]'; check "--version" '[ $? -eq 0 ]'
$FOLIO 2>/dev/null; check "no command: exit 2" '[ $? -eq 2 ]'
$FOLIO build 2>/dev/null; check "no input: exit 2" '[ $? -eq 2 ]'
$FOLIO build x.txt --formats doc 2>/dev/null; check "bad --formats: exit 2" '[ $? -eq 2 ]'
$FOLIO build x.txt --bogus 2>/dev/null; check "unknown option: exit 2" '[ $? -eq 2 ]'
$FOLIO build "$T/missing.txt" -o "$T/o" 2>"$T/err"; rc=$?
check "missing input: exit 1" '[ $rc -eq 1 ]'
check "missing input: message names the file" "grep -q 'folio: $T/missing.txt: error: cannot read input' '$T/err'"

# a small manuscript of the kind folio reads
cat > "$T/small.txt" <<'TXT'
 CHAPTER ONE

INTRODUCTION

 This is a small manuscript with one chapter and a footnote reference here.1 It has

enough words to make a paragraph of its own.  

 1 A note that survived the extraction.
TXT

# --meta lands in the TEI header
printf 'author: Ayşe Yılmaz\ninstitution: Test University\n' > "$T/m.meta"
$FOLIO build "$T/small.txt" -o "$T/meta" --formats tei --meta "$T/m.meta" -q
check "--meta author in the TEI" "grep -q '<author>Ayşe Yılmaz</author>' '$T/meta/small.xml'"
printf 'colour: red\n' > "$T/bad.meta"
$FOLIO build "$T/small.txt" -o "$T/badmeta" --formats tei --meta "$T/bad.meta" 2>"$T/err"; rc=$?
check "bad --meta: exit 1" '[ $rc -eq 1 ]'
check "bad --meta: FILE:LINE:COL" "grep -q 'bad.meta:1:1: error: unknown metadata key' '$T/err'"
check "bad --meta: no output left" "[ ! -e '$T/badmeta/small.xml' ]"

# --report and batches
cp "$T/small.txt" "$T/second.txt"
: > "$T/empty.txt"
$FOLIO build "$T/small.txt" "$T/empty.txt" "$T/second.txt" -o "$T/batch" --formats tei -j 2 \
    --report "$T/report.json" -q 2>/dev/null; rc=$?
check "batch with a failing input: exit 1" '[ $rc -eq 1 ]'
check "batch: the others were built" "[ -s '$T/batch/small.xml' ] && [ -s '$T/batch/second.xml' ]"
check "report is JSON with three inputs" \
    "python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert len(r[\"inputs\"])==3 and not r[\"ok\"]' '$T/report.json'"
check "report: checksums match the files" "python3 - '$T/report.json' <<'PY'
import hashlib, json, sys
r = json.load(open(sys.argv[1]))
outs = [o for i in r['inputs'] for o in i['outputs']]
assert outs and all(hashlib.sha256(open(o['path'], 'rb').read()).hexdigest() == o['sha256'] for o in outs)
PY"
check "report: counts and an error with its file" "python3 - '$T/report.json' <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
i = {x['input'].rsplit('/', 1)[1]: x for x in r['inputs']}
assert i['small.txt']['counts']['chapters'] == 1 and i['small.txt']['counts']['notes'] == 1
assert any(m['severity'] == 'error' for m in i['empty.txt']['messages'])
assert i['small.txt']['stages_ms']['import'] >= 0
PY"

# --strict turns warnings into failure
printf 'just some words without any structure at all\n' > "$T/plain.txt"
$FOLIO build "$T/plain.txt" -o "$T/strict" --formats tei -q; rc=$?
check "no structure: warning only, exit 0" '[ $rc -eq 0 ]'
$FOLIO build "$T/plain.txt" -o "$T/strict2" --formats tei --strict -q 2>/dev/null; rc=$?
check "--strict: warning fails the run" '[ $rc -eq 1 ]'

# customization: --param, a layer importing the stock stylesheet, another font directory
$FOLIO build "$T/small.txt" -o "$T/letter" --formats pdf --param paper=letter -q
check "--param paper=letter" "pdfinfo '$T/letter/small.pdf' | grep -q 'letter'"
cat > "$T/layer.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="$PWD/xslt/tei2fo.xsl"/>
  <xsl:param name="paper" select="'letter'"/>
</xsl:stylesheet>
XSL
$FOLIO build "$T/small.txt" -o "$T/layer" --formats pdf --xsl-fo "$T/layer.xsl" -q
check "--xsl-fo customization layer" "pdfinfo '$T/layer/small.pdf' | grep -q 'letter'"
cat > "$T/evil.xsl" <<XSL
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="$PWD/xslt/tei2epub.xsl"/>
  <xsl:template match="/"><x><xsl:copy-of select="document('/etc/passwd')"/></x></xsl:template>
</xsl:stylesheet>
XSL
$FOLIO build "$T/small.txt" -o "$T/evil" --formats epub --xsl-epub "$T/evil.xsl" 2>"$T/err"; rc=$?
check "stylesheet reading outside its directories: refused, exit 1" "[ $rc -eq 1 ] && grep -q 'refused' '$T/err'"
check "stylesheet reading outside: no EPUB" "[ ! -e '$T/evil/small.epub' ]"
mkdir -p "$T/fonts"
cp fonts/LiberationSerif-Italic.ttf "$T/fonts/"
printf 'Liberation Serif normal normal LiberationSerif-Italic.ttf\n' > "$T/fonts/fonts.map"
$FOLIO build "$T/small.txt" -o "$T/fontdir" --formats pdf --font-dir "$T/fonts" -q 2>/dev/null
check "--font-dir: the PDF uses the directory's fonts" "pdffonts '$T/fontdir/small.pdf' | grep -q Italic && ! pdffonts '$T/fontdir/small.pdf' | grep -q 'LiberationSerif  '"

# hostile TEI input: external entities, entity bombs, invalid UTF-8, deep nesting
cat > "$T/xxe.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body><p>&x;</p></body></text></TEI>
XML
$FOLIO build "$T/xxe.xml" -o "$T/xxe" --formats tei -q 2>/dev/null
check "XXE: /etc/passwd never read into the output" "! grep -q 'root:' '$T/xxe/xxe.xml' 2>/dev/null"
python3 - "$T/bomb.xml" <<'PY'
import sys
ents = '<!ENTITY a0 "lol">' + ''.join('<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">' % ((i,) + (i - 1,) * 10) for i in range(1, 10))
open(sys.argv[1], 'w').write('<?xml version="1.0"?><!DOCTYPE TEI [%s]><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&a9;</p></body></text></TEI>' % ents)
PY
timeout 20 $FOLIO build "$T/bomb.xml" -o "$T/bomb" --formats tei -q 2>/dev/null; rc=$?
check "entity bomb: refused or harmless, quickly" "[ $rc -ne 124 ] && [ \$(stat -c %s '$T/bomb/bomb.xml' 2>/dev/null || echo 0) -lt 1000000 ]"
printf '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>caf\351</p></body></text></TEI>' > "$T/bad-utf8.xml"
$FOLIO build "$T/bad-utf8.xml" -o "$T/bu" --formats tei 2>"$T/err"; rc=$?
check "invalid UTF-8 in TEI: exit 1 with line:col" "[ $rc -eq 1 ] && grep -q 'bad-utf8.xml:1:[0-9]*: error' '$T/err'"
check "invalid UTF-8 in TEI: no output" "[ ! -e '$T/bu/bad-utf8.xml' ]"
python3 -c "import sys; sys.stdout.write('<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><text><body>' + '<div>'*100000 + '</div>'*100000 + '</body></text></TEI>')" > "$T/deep.xml"
timeout 60 $FOLIO build "$T/deep.xml" -o "$T/deep" --formats tei -q 2>/dev/null; rc=$?
check "100 000-deep TEI: no crash (exit 0 or 1)" "[ $rc -eq 0 ] || [ $rc -eq 1 ]"

# hostile manuscripts: a 1 MB word, control characters, a reference to a note that never comes,
# a 100 MB input
python3 -c "print(' CHAPTER ONE\n\nINTRODUCTION\n\n Start ' + 'a' * 1000000 + ' end.\n')" > "$T/word.txt"
timeout 120 $FOLIO build "$T/word.txt" -o "$T/word" -q 2>/dev/null; rc=$?
check "1 MB single word: all three built, no overfull crash" "[ $rc -eq 0 ] && [ -s '$T/word/word.pdf' ]"
printf ' CHAPTER ONE\n\nINTRODUCTION\n\nText with a bell \007 in it.\n' > "$T/ctrl.txt"
$FOLIO build "$T/ctrl.txt" -o "$T/ctrl" --formats tei 2>"$T/err"; rc=$?
check "control character: exit 1 with line:col" "[ $rc -eq 1 ] && grep -q 'ctrl.txt:5:[0-9]*: error' '$T/err'"
check "control character: no output" "[ ! -e '$T/ctrl/ctrl.xml' ]"
printf ' CHAPTER ONE\n\nINTRODUCTION\n\n A claim.1 Another claim here.2 And a third one.3 The end.  \n\n 1 First note.\n\n 2 Second note.\n' > "$T/lost.txt"
$FOLIO build "$T/lost.txt" -o "$T/lost" --formats tei 2>"$T/err"; rc=$?
check "reference to a note that never comes: exit 0, a gap and a warning with the line" \
    "[ $rc -eq 0 ] && grep -q 'lost.txt:5: warning: note 3' '$T/err' && grep -q '<gap' '$T/lost/lost.xml'"
python3 -c "
import sys
para = ' ' + 'word ' * 15 + '\n\n'
sys.stdout.write(' CHAPTER ONE\n\nINTRODUCTION\n\n' + para * (100 * 1024 * 1024 // len(para)))" > "$T/big.txt"
/usr/bin/time -f '%M' -o "$T/big.rss" timeout 300 $FOLIO build "$T/big.txt" -o "$T/big" --formats tei -q 2>/dev/null; rc=$?
check "100 MB manuscript: TEI built" "[ $rc -eq 0 ] && [ -s '$T/big/big.xml' ]"
check "100 MB manuscript: memory under 2 GiB ($(cat "$T/big.rss") KiB)" "[ \$(cat '$T/big.rss') -lt 2097152 ]"
rm -rf "$T/big" "$T/big.txt"

# hostile FO: absurd page sizes and fonts, a missing font, a circular citation
fo() {
    printf '<root xmlns="http://www.w3.org/1999/XSL/Format"><layout-master-set><simple-page-master master-name="m" %s><region-body/></simple-page-master></layout-master-set><page-sequence master-reference="m"><flow flow-name="xsl-region-body"><block %s>Hello <page-number-citation ref-id="x"/></block><block id="x">see page <page-number-citation ref-id="x"/></block></flow></page-sequence></root>' "$1" "$2" > "$T/abs.fo"
    timeout 60 $FOLIO fo "$T/abs.fo" -o "$T/abs.pdf" 2>"$T/err"
}
fo 'page-width="-10cm" page-height="29.7cm"' ''; rc=$?
check "FO negative page width: exit 1 with a message, no PDF" "[ $rc -eq 1 ] && [ -s '$T/err' ] && [ ! -e '$T/abs.pdf' ]"
fo 'page-width="0pt" page-height="0pt"' ''; rc=$?
check "FO zero page size: exit 1 with a message, no PDF" "[ $rc -eq 1 ] && [ -s '$T/err' ] && [ ! -e '$T/abs.pdf' ]"
fo 'page-width="21cm" page-height="29.7cm"' 'font-size="10000pt"'; rc=$?
check "FO 10 000 pt font: no crash, no hang (exit $rc)" "[ $rc -eq 0 ] || [ $rc -eq 1 ]"
rm -f "$T/abs.pdf"
fo 'page-width="21cm" page-height="29.7cm"' 'font-family="NoSuchFont"'; rc=$?
check "FO missing font: warning, falls back, PDF written" "[ $rc -eq 0 ] && grep -q 'NoSuchFont' '$T/err' && qpdf --check '$T/abs.pdf' >/dev/null"
check "FO circular page-number citation: resolved, no hang" "pdftotext '$T/abs.pdf' - | grep -q 'see page 1'"

# faults: unwritable output directory, disk full; previous artifacts stay
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$T/ro"; $FOLIO build "$T/small.txt" -o "$T/ro" --formats tei -q
    cp "$T/ro/small.xml" "$T/ro-before.xml"; chmod a-w "$T/ro"
    $FOLIO build "$T/small.txt" -o "$T/ro" --formats tei -q 2>/dev/null; rc=$?
    check "read-only outdir: exit 1" '[ $rc -eq 1 ]'
    check "read-only outdir: previous artifact unchanged" "cmp -s '$T/ro/small.xml' '$T/ro-before.xml'"
    chmod u+w "$T/ro"
fi
$FOLIO build "$T/small.txt" -o /dev/full/x --formats tei 2>"$T/err"; rc=$?
check "output dir that cannot be made: exit 1 with message" "[ $rc -eq 1 ] && grep -q 'folio: /dev/full' '$T/err'"
if [ "$(id -u)" = 0 ] && mkdir -p "$T/rofs" && mount -t tmpfs -o size=1m tmpfs "$T/rofs" 2>/dev/null; then
    $FOLIO build "$T/small.txt" -o "$T/rofs" --formats tei -q
    cp "$T/rofs/small.xml" "$T/rofs-before.xml"
    mount -o remount,ro "$T/rofs"
    $FOLIO build "$T/small.txt" -o "$T/rofs" --formats tei,epub 2>"$T/err"; rc=$?
    check "read-only file system: exit 1 with a message" "[ $rc -eq 1 ] && grep -q 'folio: .*rofs' '$T/err'"
    check "read-only file system: previous artifact unchanged" "cmp -s '$T/rofs/small.xml' '$T/rofs-before.xml'"
    umount "$T/rofs"
else
    echo "skip read-only file system (needs root and tmpfs mounts)"
fi
# SIGTERM while writing: the previous artifact stays, no temporary file remains
$FOLIO build xml/thesis.txt -o "$T/sig" -q 2>/dev/null
cp "$T/sig/thesis.pdf" "$T/sig-before.pdf"
for delay in 0.05 0.1 0.15 0.2; do
    $FOLIO build xml/thesis.txt -o "$T/sig" -q --param font-size=11pt 2>/dev/null &
    pid=$!; sleep $delay; kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rc=$?
    echo "     SIGTERM after ${delay}s: exit $rc"
    if [ $rc -ne 0 ]; then
        check "SIGTERM after ${delay}s: non-zero exit" "[ $rc -ne 0 ]"
        check "SIGTERM after ${delay}s: no temporary file" "[ -z \"\$(find '$T/sig' -name '*.tmp-*')\" ]"
        check "SIGTERM after ${delay}s: PDF complete (old or new)" "qpdf --check '$T/sig/thesis.pdf' >/dev/null 2>&1"
    fi
done
if [ -d /dev/shm ] && [ "$(id -u)" = 0 ]; then
    mkdir -p "$T/tiny" && mount -t tmpfs -o size=8k tmpfs "$T/tiny" 2>/dev/null && {
        $FOLIO build xml/thesis.txt -o "$T/tiny" --formats tei -q 2>"$T/err"; rc=$?
        check "disk full: exit 1" '[ $rc -eq 1 ]'
        check "disk full: no partial or temporary file" "[ -z \"\$(ls -A '$T/tiny')\" ]"
        umount "$T/tiny"; }
fi
check "no temporary files left anywhere" "[ -z \"\$(find '$T' -name '*.tmp-*')\" ]"

# make install into a staging directory: the installed binary finds its stylesheets and fonts
make -s install DESTDIR="$T/inst" PREFIX=/usr >/dev/null 2>&1; rc=$?
check "make install (DESTDIR, PREFIX)" "[ $rc -eq 0 ] && [ -x '$T/inst/usr/bin/folio' ] && [ -s '$T/inst/usr/share/man/man1/folio.1' ]"
(cd "$T" && "$T/inst/usr/bin/folio" build "$OLDPWD/xml/thesis.txt" -o "$T/inst-out" -q 2>/dev/null); rc=$?
check "installed folio renders the thesis" "[ $rc -eq 0 ] && [ -s '$T/inst-out/thesis.pdf' ] && [ -s '$T/inst-out/thesis.epub' ]"
check "man page reads without warnings" "[ -z \"\$(man -l '$T/inst/usr/share/man/man1/folio.1' 2>&1 >/dev/null)\" ]"

# determinism: two runs, another locale, time zone and working directory
$FOLIO build xml/thesis.txt -o "$T/d1" --formats "$FORMATS" -q 2>/dev/null
(cd "$T" && LC_ALL=C.UTF-8 TZ=Asia/Tokyo $FOLIO build "$OLDPWD/xml/thesis.txt" -o "$T/d2" --formats "$FORMATS" -q 2>/dev/null)
for f in "$T"/d1/*; do
    check "deterministic $(basename "$f")" "cmp -s '$f' '$T/d2/$(basename "$f")'"
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
