#!/bin/sh
# e2e_marks.sh — combining marks drawn on their letters (src/fo/marks.c): a Library of Congress
# romanization typeset by `folio fo` reads back with pdftotext as the same words (NFC), and the
# right half of its tie (U+FE21) is inked over its own letter (s), not after it.
set -u
: "${FOLIO:?}" "${SHARED:?}"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
. "$(dirname "$0")/lib.sh"

# fo TEXT NAME: a one-line FO of TEXT in 20 pt Liberation Serif, typeset to $T/NAME.pdf.
fo() {
    cat > "$T/$2.fo" <<EOF
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set>
<fo:simple-page-master master-name="p" page-width="300pt" page-height="80pt" margin="20pt">
<fo:region-body/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body" font-family="serif"
 font-size="20pt"><fo:block>$1</fo:block></fo:flow></fo:page-sequence></fo:root>
EOF
    $FOLIO fo "$T/$2.fo" -o "$T/$2.pdf" -q 2>"$T/$2.err"
}

# The LC romanization as written in the thesis (notes 16, 19): i U+FE20 a U+FE21, i U+0306.
TIE=$(printf 'Nat\357\270\240s\357\270\241ional\312\271noi\314\206 Politiki')
NOTIE=$(printf 'Nat\357\270\240sional\312\271noi\314\206 Politiki')
fo "$TIE" tie && fo "$NOTIE" notie && fo "Nat" nat && fo "Nats" nats
check "folio fo typesets the four lines" \
    "[ -s '$T/tie.pdf' ] && [ -s '$T/notie.pdf' ] && [ -s '$T/nat.pdf' ] && [ -s '$T/nats.pdf' ]"

python3 - "$T" "$TIE" > "$T/checks" <<'PY'
import re, subprocess, sys, unicodedata
T, tie = sys.argv[1], sys.argv[2]
fails = []
def check(name, cond, detail=''):
    print(('ok   ' if cond else 'FAIL ') + name + ('' if cond else ': ' + detail))
    if not cond:
        fails.append(name)

nfc = lambda s: unicodedata.normalize('NFC', s)
text = subprocess.run(['pdftotext', '-enc', 'UTF-8', T + '/tie.pdf', '-'], capture_output=True,
                      text=True).stdout
check('the words read back as typeset (NFC)', nfc(text).split() == nfc(tie).split(),
      repr(text))
check('i + U+0306 is shown as U+012D', '\u012d' in text, repr(text))

def word_box(name):
    """xMin, xMax of the one word pdftotext -bbox finds in NAME.pdf."""
    out = subprocess.run(['pdftotext', '-bbox', T + '/' + name + '.pdf', '-'],
                         capture_output=True, text=True).stdout
    m = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', out)
    return float(m[0][0]), float(m[0][1])

def gray(name):
    """The page at 288 dpi (4 px per pt) as rows of 0..255 (pdftoppm PGM)."""
    data = subprocess.run(['pdftoppm', '-r', '288', '-gray', T + '/' + name + '.pdf'],
                          capture_output=True).stdout
    fields = data.split(maxsplit=4)
    w, h = int(fields[1]), int(fields[2])
    px = fields[4][-w * h:]
    return [px[r * w:(r + 1) * w] for r in range(h)]

# The ink that U+FE21 adds: pixels darker in tie.pdf than in notie.pdf (same runs otherwise).
a, b = gray('tie'), gray('notie')
cols = sorted({c for ra, rb in zip(a, b) for c in range(len(ra)) if rb[c] - ra[c] > 64})
s_start, s_end = word_box('nat')[1], word_box('nats')[1]
check('U+FE21 adds ink', len(cols) > 0)
if cols:
    x0, x1 = cols[0] / 4.0, (cols[-1] + 1) / 4.0
    # The half tie is 795/2048 em wide; s is 797/2048 em: it must lie over s (1 pt slack).
    check('U+FE21 inked over its base s, not after it',
          s_start - 1 <= x0 and x1 <= s_end + 1,
          'ink %.2f..%.2f pt, s %.2f..%.2f pt' % (x0, x1, s_start, s_end))
sys.exit(1 if fails else 0)
PY
rc=$?
cat "$T/checks"
pass=$((pass + $(grep -c '^ok ' "$T/checks")))
fail=$((fail + $(grep -c '^FAIL ' "$T/checks")))
[ "$rc" -eq 0 ] || [ "$fail" -gt 0 ] || ko "the checks in python ran to the end"
echo "marks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
