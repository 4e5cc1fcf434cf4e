#!/bin/sh
# e2e_tei2fo.sh — the print layout stylesheet (issues 4 and 5): xslt/tei2fo.xsl turns the
# thesis's TEI (and a hand-made sample) into FO of the documented subset, with the abstracts
# side by side, a linked contents, every footnote, every TEI id and the bookmarks; Apache FOP,
# a real FO processor, accepts that FO. Run by tests/e2e.sh (FOLIO = bin/folio).
set -u
cd "$(dirname "$0")/.."
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1700000000}"
. "$(dirname "$0")/lib.sh"

XSL=${TEI2FO_XSL:-xslt/tei2fo.xsl}  # a customization layer may stand in
FO_ELEMENTS="root layout-master-set simple-page-master region-body region-before region-after
page-sequence-master repeatable-page-master-alternatives conditional-page-master-reference
single-page-master-reference repeatable-page-master-reference page-sequence static-content flow
bookmark-tree bookmark bookmark-title block block-container list-block list-item list-item-label
list-item-body table table-column table-header table-body table-row table-cell footnote
footnote-body marker retrieve-marker wrapper inline basic-link page-number page-number-citation
leader character"

# xp FILE XPATH: the string value of an XPath over FILE (namespaces by local-name()).
xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }
el() { printf "*[local-name()='%s']" "$1"; }
DIVS="//$(el div)[@type='chapter' or @type='section' or @type='subsection']"

# The values of every attribute named NAME in FILE matched by XPATH, one per line, sorted.
attr_values() {
    xp "$1" "$2" | grep -o "$3=\"[^\"]*\"" | sed "s/^$3=\"//; s/\"\$//" | sort
}

# suite NAME TEI [KIND]: every check on the FO made from TEI. KIND "thesis" (default): a TEI
# with two abstracts in its front; "other": the checks that hold for any TEI.
suite() {
    name=$1 tei=$2 kind=${3:-thesis} fo="$T/$1.fo"
    if xsltproc "$XSL" "$tei" > "$fo" 2> "$T/$name.xsltproc.err"; then
        ok "$name: xsltproc makes FO"
    else
        ko "$name: xsltproc makes FO ($(head -c 300 "$T/$name.xsltproc.err"))"
        return
    fi
    xsltproc "$XSL" "$tei" > "$T/$name.again.fo" 2>/dev/null
    check "$name: same TEI, same FO bytes" "cmp -s '$fo' '$T/$name.again.fo'"
    check "$name: FO is well-formed" "xmllint --noout '$fo'"

    # Only the subset's formatting objects; nothing it leaves out.
    outside=$(xsltproc tests/data/tei2fo-names.xsl "$fo" | sort -u | while read -r e; do
        case " $(echo $FO_ELEMENTS) " in *" $e "*) ;; *) printf '%s ' "$e" ;; esac; done)
    check "$name: only FO subset elements (outside: ${outside:-none})" "[ -z '$outside' ]"

    [ "$kind" = thesis ] && thesis_checks "$name" "$tei" "$fo"

    # Contents: per heading one block holding the linked title, a dot leader and, after the
    # leader, the linked page-number-citation (one line for text extraction).
    attr_values "$tei" "$DIVS/$(el head)[1]/@*[local-name()='id']" id > "$T/$name.heads"
    attr_values "$fo" "//$(el block)/$(el leader)[@leader-pattern='dots']/following-sibling::$(el basic-link)[1]/$(el page-number-citation)/@ref-id" ref-id > "$T/$name.cited"
    attr_values "$fo" "//$(el block)[$(el leader)[@leader-pattern='dots']]/$(el basic-link)/@internal-destination" internal-destination | uniq > "$T/$name.linked"
    nheads=$(wc -l < "$T/$name.heads")
    missing=$(comm -23 "$T/$name.heads" "$T/$name.cited" | head -5 | tr '\n' ' ')
    check "$name: contents cites the page of all $nheads chapter/section/subsection heads (missing: ${missing:-none})" "[ '$nheads' -gt 0 ] && [ -z '$missing' ]"
    missing=$(comm -23 "$T/$name.heads" "$T/$name.linked" | head -5 | tr '\n' ' ')
    check "$name: each contents entry links to its heading (missing: ${missing:-none})" "[ -z '$missing' ]"
    # A long title's lines stop short of the number column, the number's line runs to the
    # margin: end-indent > 0 and last-line-end-indent its opposite (XSL-FO 1.1 §7.16.3).
    entries=$(xp "$fo" "count(//$(el block)[$(el leader)[@leader-pattern='dots']])")
    indented=$(xp "$fo" "count(//$(el block)[$(el leader)[@leader-pattern='dots']][number(substring-before(@end-indent, 'pt')) > 0][number(substring-before(@last-line-end-indent, 'pt')) = -number(substring-before(@end-indent, 'pt'))])")
    check "$name: contents entries end short of the number column but for the last line ($indented of $entries)" "[ '$entries' -gt 0 ] && [ '$indented' = '$entries' ]"
    # ... and hang under the title's words, not under its number (issue 4, LaTeX's contents):
    # an entry opening with a number ("CHAPTER ONE:", "1.3.") has text-indent the opposite of
    # the number's width and a space, start-indent its level's indent (a multiple of 1.5em)
    # plus that width, so its first line starts at the level's indent; an entry without a
    # number keeps text-indent 0pt.
    E="//$(el block)[$(el leader)[@leader-pattern='dots']]"
    S="number(substring-before(@start-indent, 'em'))" TI="number(substring-before(@text-indent, 'em'))"
    NUMBERED="[starts-with($(el basic-link)[1], 'CHAPTER ') or translate(substring($(el basic-link)[1], 1, 1), '0123456789', '') = '']"
    numbered=$(xp "$fo" "count($E$NUMBERED)")
    hanging=$(xp "$fo" "count($E$NUMBERED[$TI < 0][round(($S + $TI) * 2000) mod 3000 = 0])")
    plain=$(xp "$fo" "count($E[not(starts-with($(el basic-link)[1], 'CHAPTER ') or translate(substring($(el basic-link)[1], 1, 1), '0123456789', '') = '')][@text-indent != '0pt'])")
    check "$name: numbered contents entries hang under their titles ($hanging of $numbered; $plain unnumbered entries indented)" "[ '$numbered' -gt 0 ] && [ '$hanging' = '$numbered' ] && [ '$plain' = 0 ]"
    # the width from the font: "1.3. " is 2.5em of characters, 0.25em less for each of its
    # two full stops and its space (Liberation Serif, Times metrics)
    wrong=$(xp "$fo" "count($E[translate(substring($(el basic-link)[1], 1, 5), '0123456789', '##########') = '#.#. '][@text-indent != '-1.75em'])")
    check "$name: a section number 'N.N. ' hangs its entry by 1.75em ($wrong wrong)" "[ '$wrong' = 0 ]"

    # Footnotes: one per TEI note (notes inside notes stay inline), raised and linked.
    notes=$(xp "$tei" "count(//$(el note)[not(ancestor::$(el note))][not(ancestor::$(el teiHeader))])")
    footnotes=$(xp "$fo" "count(//$(el footnote))")
    check "$name: every note is a footnote ($footnotes of $notes)" "[ '$notes' = '$footnotes' ] && [ '$notes' -gt 0 ]"
    linked=$(xp "$fo" "count(//$(el footnote)[$(el inline)[@baseline-shift='super']/$(el basic-link)/@internal-destination = $(el footnote-body)/$(el block)/@id])")
    check "$name: every footnote number is raised and links to its note ($linked)" "[ '$linked' = '$footnotes' ]"
    gaps=$(xp "$tei" "count(//$(el note)[.//$(el gap)])")
    shown=$(xp "$fo" "count(//$(el footnote-body)[contains(., '[text missing in source]')])")
    check "$name: a gap in a note reads [text missing in source] ($shown of $gaps)" "[ '$gaps' = '$shown' ]"

    # Ids: every xml:id of a div, head or p is an FO id; FO ids are unique.
    attr_values "$tei" "//*[local-name()='div' or local-name()='head' or local-name()='p']/@*[local-name()='id']" id > "$T/$name.teiids"
    attr_values "$fo" "//@id" id > "$T/$name.foids"
    missing=$(comm -23 "$T/$name.teiids" "$T/$name.foids" | head -5 | tr '\n' ' ')
    check "$name: all $(wc -l < "$T/$name.teiids") div/head/p xml:ids are FO ids (missing: ${missing:-none})" "[ -z '$missing' ]"
    attr_values "$tei" "//$(el text)//*[not(local-name()='pb' or local-name()='lb' or local-name()='fw')]/@*[local-name()='id']" id > "$T/$name.allids"
    missing=$(comm -23 "$T/$name.allids" "$T/$name.foids" | head -5 | tr '\n' ' ')
    check "$name: so are all $(wc -l < "$T/$name.allids") other xml:ids in the text but pb's (missing: ${missing:-none})" "[ -z '$missing' ]"
    dups=$(uniq -d "$T/$name.foids" | head -5 | tr '\n' ' ')
    check "$name: FO ids unique (duplicates: ${dups:-none})" "[ -z '$dups' ]"
    dangling=$( (xp "$fo" "//@internal-destination"; xp "$fo" "//@ref-id") | grep -o '"[^"]*"' | tr -d '"' | sort -u | comm -23 - "$T/$name.foids" | head -5 | tr '\n' ' ')
    check "$name: every link and citation points at an FO id (dangling: ${dangling:-none})" "[ -z '$dangling' ]"

    # Page sequences: roman front matter, arabic from 1 at chapter one, chapter masters.
    check "$name: front matter numbered i, ii …" "[ \"\$(xp '$fo' \"count(//$(el page-sequence)[@master-reference='front'][@format='i'])\")\" = 1 ]"
    check "$name: chapter one starts page 1 in arabic" "[ \"\$(xp '$fo' \"string(//$(el page-sequence)[@master-reference='chapter'][1]/@initial-page-number)\")\" = 1 ]"
    check "$name: running head from a chapter marker" "[ \"\$(xp '$fo' \"count(//$(el static-content)[@flow-name='header']//$(el retrieve-marker)[@retrieve-class-name='chapter'])\")\" -gt 0 ] && [ \"\$(xp '$fo' \"count(//$(el marker)[@marker-class-name='chapter'])\")\" -gt 0 ]"

    fop_accepts "$name" "$fo"
    folio_accepts "$name" "$fo"
}

# thesis_checks NAME TEI FO: the abstracts table and the bookmark count of a thesis's TEI.
thesis_checks() {
    name=$1 tei=$2 fo=$3
    # Abstracts: one two-column fixed table, a Turkish cell (hyphenated) and an English one.
    tables=$(xp "$fo" "count(//$(el table)[@table-layout='fixed'][count($(el table-column)[@column-width])=2][.//$(el table-cell)[@language='tr'][@hyphenate='true']][.//$(el table-cell)[@language='en']])")
    check "$name: abstracts side by side in a fixed two-column table with tr and en cells" "[ '$tables' = 1 ]"
    cells=$(xp "$fo" "count(//$(el table-cell)[$(el block)[@id]/$(el block)[@font-weight='bold']])")
    check "$name: each abstract cell has its heading ($cells of 2)" "[ '$cells' = 2 ]"
    # Bookmarks: chapters, sections, sub-sections and the front entries (front divs + contents).
    divs=$(xp "$tei" "count($DIVS[$(el head)])")
    front=$(xp "$tei" "count(//$(el front)/$(el div))")
    marks=$(xp "$fo" "count(//$(el bookmark))")
    check "$name: bookmarks = $divs headed divs + $front front divs + contents ($marks)" "[ '$marks' = $((divs + front + 1)) ]"
    nested=$(xp "$fo" "count(//$(el bookmark)/$(el bookmark))")
    sub=$(xp "$tei" "count($DIVS[$(el head)][ancestor::$(el div)])")
    check "$name: bookmarks nest as the divs ($nested nested of $sub)" "[ '$nested' = '$sub' ]"
}

# folio_accepts NAME FO: folio's own typesetter lays the FO out without a word about elements or
# properties outside its subset (SKIP while bin/folio cannot typeset).
folio_accepts() {
    if [ ! -x "${FOLIO:-}" ] || ! "$FOLIO" fo tests/data/tei2fo-min.fo -o "$T/min.pdf" > /dev/null 2>&1; then
        echo "SKIP $1: ${FOLIO:-bin/folio} cannot typeset FO yet"
        return
    fi
    "$FOLIO" fo "$2" -o "$T/$1.folio.pdf" > "$T/$1.folio.log" 2>&1
    rc=$?
    outside=$(grep -c 'unsupported' "$T/$1.folio.log" || true)
    check "$1: folio's typesetter lays it out (exit $rc, $outside unsupported names)" "[ $rc = 0 ] && [ '$outside' = 0 ] && [ -s '$T/$1.folio.pdf' ]"
    echo "     folio warnings: $(grep -c 'warning' "$T/$1.folio.log" || true)"
}

# fop_accepts NAME FO: FOP makes a PDF with exit 0 and no SEVERE/ERROR line (SKIP without fop).
fop_accepts() {
    if ! command -v fop > /dev/null 2>&1; then
        echo "SKIP $1: Apache FOP not installed"
        return
    fi
    fop -c tests/fop.xconf -fo "$2" -pdf "$T/$1.pdf" > "$T/$1.fop.log" 2>&1
    rc=$?
    errors=$(grep -E 'SEVERE|ERROR|Exception' "$T/$1.fop.log" | head -3)
    check "$1: Apache FOP accepts the FO (exit $rc${errors:+, $errors})" "[ $rc = 0 ] && [ -z \"\$errors\" ] && [ -s '$T/$1.pdf' ]"
    warnings=$(grep -c 'WARN' "$T/$1.fop.log" || true)
    echo "     FOP warnings: $warnings"
    grep 'WARN' "$T/$1.fop.log" | head -3 | sed 's/^/       /'
}

# ---------------------------------------------------------------- the sample and the thesis
suite sample tests/data/tei2fo-sample.xml
suite edge tests/data/tei2fo-edge.xml other

if [ -x "${FOLIO:-}" ] && "$FOLIO" build xml/thesis.txt --formats tei -o "$T/thesis" -q 2>/dev/null \
        && [ -s "$T/thesis/thesis.xml" ]; then
    suite thesis "$T/thesis/thesis.xml"
else
    echo "SKIP thesis: ${FOLIO:-bin/folio} cannot build the thesis TEI yet"
fi

# ---------------------------------------------------------------- contents: a wrapped entry
# With a 4.5 cm outer margin the thesis's entry 1.3 takes two lines; folio's typesetter sets
# the second line's first word where the first line's title starts, after the number.
if [ -s "$T/thesis/thesis.xml" ] && [ -x "${FOLIO:-}" ]; then
    xsltproc --stringparam margin-outer 4.5cm "$XSL" "$T/thesis/thesis.xml" > "$T/outer.fo"
    "$FOLIO" fo "$T/outer.fo" -o "$T/outer.pdf" > /dev/null 2>&1
    # the contents page, then the left edges (xMin) of the two words from pdftotext's boxes
    page=$(pdftotext "$T/outer.pdf" - 2>/dev/null | awk 'BEGIN { RS = "\f" } /CONTENTS/ && /QUESTIONS/ { print NR; exit }')
    pdftotext -bbox -f "${page:-1}" -l "${page:-1}" "$T/outer.pdf" - 2>/dev/null | sed -n 's/.*xMin="\([0-9.]*\)".*>\(OBJECTIVES\|QUESTIONS\)<.*/\2 \1/p' | sort -u > "$T/outer.x"
    title=$(sed -n 's/^OBJECTIVES //p' "$T/outer.x" | head -1) cont=$(sed -n 's/^QUESTIONS //p' "$T/outer.x" | head -1)
    check "contents with margin-outer 4.5cm: entry 1.3's second line starts under its title (x ${cont:-?} vs ${title:-?} pt)" \
        "[ -n '$title' ] && [ -n '$cont' ] && awk 'BEGIN { d = $cont - $title; exit !(d < 0.5 && d > -0.5) }'"
else
    echo "SKIP contents with margin-outer 4.5cm: no thesis TEI or no ${FOLIO:-bin/folio}"
fi

# ---------------------------------------------------------------- a TEI without ids
# The sample stripped of its xml:ids and note numbers: fo-id names each div, head and note
# folio-NAME-N, N its position among all elements in document order, and the notes are
# numbered 1, 2 … in order (both from lists made once, no longer a walk per element).
sed 's/ xml:id="[^"]*"//g; s/<note\([^>]*\) n="[^"]*"/<note\1/g' \
    tests/data/tei2fo-sample.xml > "$T/noid.xml"
xsltproc "$XSL" "$T/noid.xml" > "$T/noid.fo" 2>/dev/null
named=0 wrong=0
for id in $(grep -o 'id="folio-[a-z]*-[0-9]*"' "$T/noid.fo" | sed 's/^id="//; s/"$//' | sort -u); do
    name=${id#folio-} pos=${id##*-}
    named=$((named + 1))
    [ "$(xp "$T/noid.xml" "local-name((//*)[$pos])")" = "${name%-*}" ] || wrong=$((wrong + 1))
done
check "TEI without ids: $named generated ids, each its element's name and document position ($wrong wrong)" \
    "[ $named -ge 9 ] && [ $wrong = 0 ]"
FN="//$(el footnote)"
check "TEI without note numbers: footnotes numbered 1, 2 … in document order" \
    "[ \"\$(xp '$T/noid.fo' \"count($FN)\")\" -ge 9 ] && [ \"\$(xp '$T/noid.fo' \"count($FN[string($(el inline)/$(el basic-link)) != count(preceding::$(el footnote)) + 1])\")\" = 0 ]"

# ---------------------------------------------------------------- parameters
S=tests/data/tei2fo-sample.xml
xsltproc "$XSL" "$S" > "$T/a4.fo"
check "A4 pages, 3.5 cm binding margin on the left, 2.5 cm outside" \
    "[ \"\$(xp '$T/a4.fo' \"concat(//$(el simple-page-master)[1]/@page-width, ' ', //$(el simple-page-master)[1]/@page-height, ' ', //$(el simple-page-master)[1]/@margin-left, ' ', //$(el simple-page-master)[1]/@margin-right)\")\" = '595.276pt 841.89pt 99.213pt 70.866pt' ]"
check "body text Liberation Serif 12 pt, line height 1.5, widows and orphans 2" \
    "[ \"\$(xp '$T/a4.fo' \"count(//$(el page-sequence)[@font-family='Liberation Serif'][@font-size='12pt'][@line-height='1.5'][@widows='2'][@orphans='2'])\")\" = \"\$(xp '$T/a4.fo' \"count(//$(el page-sequence))\")\" ]"
check "paragraphs justified, hyphenated (inherited), indented after a paragraph" \
    "[ \"\$(xp '$T/a4.fo' \"count(//$(el block)[@id='ch1-p3'][@text-align='justify'][@text-indent='1.25cm'])\")\" = 1 ] && [ \"\$(xp '$T/a4.fo' \"count(//$(el block)[@id='ch1-p2'][@text-indent='0pt'])\")\" = 1 ]"
check "xml:lang tr on a phrase becomes language tr" \
    "[ \"\$(xp '$T/a4.fo' \"count(//$(el inline)[@language='tr'])\")\" -ge 1 ]"
check "list bullets from the text are labels, not repeated in the body" \
    "[ \"\$(xp '$T/a4.fo' \"count(//$(el list-item-body)[starts-with(normalize-space(.), '•')])\")\" = 0 ] && [ \"\$(xp '$T/a4.fo' \"count(//$(el list-item-label)[normalize-space(.)='•'])\")\" = 5 ]"
check "external ref is an external link" \
    "[ \"\$(xp '$T/a4.fo' \"count(//$(el basic-link)[starts-with(@external-destination, 'url(')])\")\" = 1 ]"
check "no author invented: title page holds the two titles only" \
    "[ \"\$(xp '$T/a4.fo' \"count(//$(el block)[@id='folio-title-page']/$(el block)[normalize-space()])\")\" = 2 ]"

xsltproc --stringparam author "Ayşe Yılmaz" --stringparam supervisor "Prof. Dr. Ali Veli" \
    --stringparam date 2021 "$XSL" "$S" > "$T/meta.fo"
check "author, supervisor and date by parameter appear on the title page" \
    "[ \"\$(xp '$T/meta.fo' \"count(//$(el block)[@id='folio-title-page']//$(el block)[.='Ayşe Yılmaz' or .='Supervisor: Prof. Dr. Ali Veli' or .='2021'])\")\" = 3 ]"

# The title page from the header's fields, as --meta writes them (src/meta.c).
sed -e 's|</titleStmt>|<author>Ayşe Yılmaz</author><respStmt><resp>supervisor</resp><name>Prof. Dr. Ali Veli</name></respStmt></titleStmt>|' \
    -e 's|<publicationStmt>.*</publicationStmt>|<publicationStmt><publisher>Ankara University</publisher><date when="2021">2021</date></publicationStmt><notesStmt><note type="department">Department of International Relations</note><note type="degree">Master of Arts</note></notesStmt>|' \
    "$S" > "$T/header.xml"
xsltproc "$XSL" "$T/header.xml" > "$T/header.fo"
fields=$(xp "$T/header.fo" "count(//$(el block)[@id='folio-title-page']/$(el block)[.='Ankara University' or .='Department of International Relations' or .='Master of Arts' or .='Ayşe Yılmaz' or .='Supervisor: Prof. Dr. Ali Veli' or .='2021'])")
check "title page shows institution, department, degree, author, supervisor, date from the header ($fields of 6)" "[ '$fields' = 6 ]"
xsltproc --stringparam author "Someone Else" "$XSL" "$T/header.xml" > "$T/header2.fo"
check "a parameter wins over the header" \
    "[ \"\$(xp '$T/header2.fo' \"count(//$(el block)[@id='folio-title-page']/$(el block)[.='Someone Else' or .='Ayşe Yılmaz'])\")\" = 1 ] && grep -q 'Someone Else' '$T/header2.fo'"
if [ -x "${FOLIO:-}" ]; then
    printf 'author: Ayşe Yılmaz\ninstitution: Ankara University\n' > "$T/meta.txt"
    if "$FOLIO" build xml/thesis.txt --formats tei --meta "$T/meta.txt" -o "$T/meta" -q 2>/dev/null; then
        xsltproc "$XSL" "$T/meta/thesis.xml" > "$T/meta.fo"
        check "thesis with --meta: author and institution on the title page" \
            "[ \"\$(xp '$T/meta.fo' \"count(//$(el block)[@id='folio-title-page']/$(el block)[.='Ayşe Yılmaz' or .='Ankara University'])\")\" = 2 ]"
    else
        echo "SKIP thesis with --meta: $FOLIO cannot build it yet"
    fi
fi

xsltproc --stringparam paper letter --stringparam binding-side inside \
    --stringparam chapters-on-odd yes "$XSL" "$S" > "$T/letter.fo"
check "letter paper by parameter" \
    "[ \"\$(xp '$T/letter.fo' \"string(//$(el simple-page-master)[1]/@page-width)\")\" = 612pt ]"
check "binding inside: even pages have the binding margin on the right" \
    "[ \"\$(xp '$T/letter.fo' \"string(//$(el simple-page-master)[@master-name='chapter-rest-even']/@margin-right)\")\" = 99.213pt ] && [ \"\$(xp '$T/letter.fo' \"count(//$(el conditional-page-master-reference)[@odd-or-even='even'])\")\" = 3 ]"
check "chapters on odd pages: sequences before a chapter end on an even page" \
    "[ \"\$(xp '$T/letter.fo' \"count(//$(el page-sequence)[@force-page-count='end-on-even'])\")\" = 3 ]"
check "both sides: left-hand running head the chapter, right-hand the section (a marker per chapter and section heading)" \
    "[ \"\$(xp '$T/letter.fo' \"count(//$(el static-content)[@flow-name='header-odd']//$(el retrieve-marker)[@retrieve-class-name='section'])\")\" -ge 1 ] && [ \"\$(xp '$T/letter.fo' \"count(//$(el static-content)[@flow-name='header-even']//$(el retrieve-marker)[@retrieve-class-name='chapter'])\")\" -ge 1 ] && [ \"\$(xp '$T/letter.fo' \"count(//$(el marker)[@marker-class-name='section'])\")\" = \"\$(xp '$S' \"count(//$(el div)[@type='chapter' or @type='section'])\")\" ]"
fop_accepts letter-inside "$T/letter.fo"
folio_accepts letter-inside "$T/letter.fo"

check "a bad length stops the transform with a message" \
    "! xsltproc --stringparam margin-binding 3.5 '$XSL' '$S' > /dev/null 2> '$T/bad.err' && grep -q margin-binding '$T/bad.err'"

echo "e2e_tei2fo: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
