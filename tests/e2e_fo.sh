#!/bin/sh
# e2e_fo.sh — the typesetter on its own through the CLI: every tests/spec/fo-*.fo becomes a PDF
# that qpdf accepts and pdftotext reads; an FO file made by DocBook XSL (fo/docbook.xsl over
# tests/data/docbook-sample.xml) typesets without crashing, naming what it does not support.
set -u
FOLIO=${FOLIO:-bin/folio}
fail=0 passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; fail=1; failed=$((failed + 1)); }

for f in tests/spec/fo-*.fo; do
    if "$FOLIO" fo "$f" -o "$tmp/out.pdf" 2>"$tmp/err"; then ok "fo $f"; else
        bad "fo $f: $(head -3 "$tmp/err")"; continue; fi
    if qpdf --check "$tmp/out.pdf" >/dev/null 2>&1; then ok "qpdf --check $f"; else
        bad "qpdf --check $f"; fi
    if pdftotext "$tmp/out.pdf" - 2>"$tmp/ptt" | grep -q .; then ok "text of $f"; else
        bad "text of $f"; fi
done

if "$FOLIO" fo tests/spec/fo-basic.fo --dump >"$tmp/dump" 2>/dev/null &&
    grep -q '^page 0 ' "$tmp/dump" && grep -q '^pagestart page 0 "p1" +0' "$tmp/dump"; then
    ok "fo --dump shows pages and the page map"
else
    bad "fo --dump shows pages and the page map"
fi

DB=/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/fo/docbook.xsl
if [ -f "$DB" ]; then
    xsltproc --nonet "$DB" tests/data/docbook-sample.xml >"$tmp/db.fo" 2>/dev/null
    if "$FOLIO" fo "$tmp/db.fo" -o "$tmp/db.pdf" 2>"$tmp/dberr"; then ok "DocBook FO typesets"
    else bad "DocBook FO typesets: $(grep -v warning "$tmp/dberr" | head -3)"; fi
    if grep -q "unsupported" "$tmp/dberr"; then ok "DocBook FO: unsupported names reported"
    else bad "DocBook FO: unsupported names reported"; fi
    if [ "$(grep -c "unsupported property 'writing-mode'" "$tmp/dberr")" = 1 ]; then
        ok "DocBook FO: one warning per name"
    else
        bad "DocBook FO: one warning per name"
    fi
    if pdftotext -layout "$tmp/db.pdf" - 2>/dev/null | grep -q "1. Lines and Pages *\. \. .* 1$"
    then ok "DocBook FO: contents entry with leader and page number"
    else bad "DocBook FO: contents entry with leader and page number"; fi
else
    echo "skip - docbook-xsl-ns not installed"
fi
echo "fo: $passed passed, $failed failed"
exit $fail
