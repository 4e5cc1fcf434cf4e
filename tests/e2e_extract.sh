#!/bin/sh
# e2e_extract.sh — what text extraction reads from our PDFs: two columns set at 1.5 line
# spacing come back from pdftotext column by column, each paragraph whole (poppler joins lines
# of one size at most 1.5 em apart, so baselines must be exact: written from the layout's
# doubles, not rounded through single precision), and the thesis's side-by-side abstracts read
# as heading and title, then text, in each language.
set -u
: "${FOLIO:?}" "${SHARED:?}"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.."

# Two table columns of made-up words (a… left, b… right), 11 pt on 16.5 pt, A4 with the thesis's
# margins; the space above puts the first baselines where single precision once split a column.
python3 - "$T/cols.fo" <<'PY'
import random, sys
r = random.Random(7)
syll = ['ka', 'lo', 'mi', 'ne', 'tu', 'ra', 'si', 'po', 'de', 've', 'gor', 'lin', 'tas', 'mur']
def words(tag):
    return ' '.join(tag + ''.join(r.choice(syll) for _ in range(r.randint(1, 4))) + str(i)
                    for i in range(300))
cell = '<fo:table-cell padding-%s="14.173pt"><fo:block>%s</fo:block></fo:table-cell>'
open(sys.argv[1], 'w').write('''<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format">
<fo:layout-master-set><fo:simple-page-master master-name="p" page-width="595.276pt"
 page-height="841.89pt" margin-top="70.866pt" margin-bottom="70.866pt" margin-left="99.213pt"
 margin-right="70.866pt"><fo:region-body/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body" font-family="serif"
 font-size="11pt" line-height="1.5" text-align="justify">
<fo:block space-after="66.6pt">Two columns</fo:block>
<fo:table table-layout="fixed" width="425.197pt"><fo:table-column column-width="212.598pt"/>
<fo:table-column column-width="212.598pt"/><fo:table-body><fo:table-row>%s%s</fo:table-row>
</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>
''' % (cell % ('end', words('a')), cell % ('start', words('b'))))
PY
$FOLIO fo "$T/cols.fo" -o "$T/cols.pdf" -q 2>"$T/cols.err"
check "folio fo typesets the two columns" "[ -s '$T/cols.pdf' ]"

# columns PAGE: how many times pdftotext switches between the a… and b… words on PAGE, plus one.
columns() {
    pdftotext -enc UTF-8 -f "$1" -l "$1" "$T/cols.pdf" - | python3 -c '
import re, sys
seq = [w[0] for w in sys.stdin.read().split() if re.fullmatch(r"[ab][a-z]+\d+", w)]
print(1 + sum(1 for x, y in zip(seq, seq[1:]) if x != y) if seq else 0)'
}
check "page 1: left column read whole, then the right one" "[ \"\$(columns 1)\" = 2 ]"
check "page 2: left column read whole, then the right one" "[ \"\$(columns 2)\" = 2 ]"

# The thesis's abstracts (page ii): each heading with its title, then each text whole.
$FOLIO build xml/thesis.txt -o "$T/out" --formats pdf -q 2>"$T/build.err"
check "folio build writes the thesis PDF" "[ -s '$T/out/thesis.pdf' ]"
pdftotext -enc UTF-8 -f 2 -l 2 "$T/out/thesis.pdf" "$T/abstracts.txt"
python3 - "$T/abstracts.txt" > "$T/checks" <<'PY'
import sys
lines = [l.strip() for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
text = ' '.join(lines)
def between(a, b):
    i = text.find(a)
    j = text.find(b, i)
    return text[i:j] if i >= 0 and j >= 0 else None
def check(name, cond):
    print(('ok   ' if cond else 'FAIL ') + name)
check('ABSTRACT is read with its title', lines[:2] == ['ABSTRACT', 'XINJIANG ISSUE FROM THE'])
check('ÖZET is read with its title',
      'ÖZET RUSYA VE ORTA ASYA ÜLKELERİ AÇISINDAN SİNCAN SORUNU' in text)
en = between('This research paper', 'resources in Russian and English languages.')
check('the English text is read whole, no Turkish inside', en is not None and 'araştırma' not in en
      and 'ÖZET' not in en)
tr = between('Bu araştırma', 'yapılmıştır.')
check('the Turkish text is read whole, no English inside', tr is not None and 'Russia' not in tr
      and 'appealed' not in tr)
PY
while read -r st name; do
    if [ "$st" = ok ]; then ok "$name"; else ko "$name"; fi
done < "$T/checks"
check "four abstract checks ran" "[ \$(wc -l < '$T/checks') -eq 4 ]"

echo "extract: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
