#!/bin/sh
# Installs what folio needs to build, render and test on Debian 12 (run as root).
# Idempotent: installs only what is missing. Ace by DAISY goes to .tools/ace (npm registry).
set -eu
cd "$(dirname "$0")/.."
PKGS="build-essential pkg-config libxml2-dev libxslt1-dev libzip-dev libhpdf-dev libfreetype-dev
 libhyphen-dev hyphen-en-us libdeflate-dev libharfbuzz-dev libunistring-dev libssl-dev check
 libsubunit-dev fonts-liberation2 icc-profiles-free libxml2-utils xsltproc jing epubcheck
 default-jre-headless qpdf poppler-utils python3 chromium fop docbook-xsl-ns valgrind unzip
 time man-db"
missing=""
for p in $PKGS; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
# Node.js may come from elsewhere than Debian (its npm then conflicts with Debian's): only when
# there is none.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
    echo "deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
fi
if [ ! -x .tools/ace/node_modules/.bin/ace-puppeteer ]; then
    echo "deps: installing Ace by DAISY into .tools/ace"
    mkdir -p .tools/ace
    (cd .tools/ace && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
        npm install --ignore-scripts --no-audit --no-fund @daisy/ace >/dev/null)
fi
