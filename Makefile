# folio — build, render the bundled thesis, test.
# GNU make. `make` builds bin/folio and renders xml/thesis.txt into out/; `make check` runs all tests.
# BUILD lets several builds of one tree live side by side (e.g. make BUILD=build-asan).

BUILD    ?= build
CC       ?= cc
PKGS     := libxml-2.0 libxslt libexslt libzip freetype2 libcrypto harfbuzz-subset
# Looked up lazily, once: `make deps all` installs the packages before the first compile.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)
CHECK_LIBS = $(eval CHECK_LIBS := $(shell pkg-config --libs check))$(CHECK_LIBS)
CPPFLAGS += -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -DFOLIO_VERSION=\"$(VERSION)\" -DFOLIO_DATADIR=\"$(PREFIX)/share/folio\" $(PKG_CFLAGS)
CFLAGS   ?= -O2 -g
# override: the language, warnings and dependency files stay when CFLAGS comes from the
# command line (asan, fuzz builds), so those builds are as strict and rebuild on header changes
override CFLAGS += -std=c11 -Wall -Wextra -Werror -MMD -MP
LDLIBS   += $(PKG_LIBS) -lhpdf -lhyphen -ldeflate -lunistring -lm
VERSION  := 0.1.0

# SOURCE_DATE_EPOCH: deterministic outputs; `make` takes it from the last commit.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

comma   := ,
PREFIX  ?= /usr/local
DESTDIR ?=

LIB_SRC  := $(sort $(filter-out src/main.c,$(shell find src -name '*.c')))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/check_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
FONT_DIR := /usr/share/fonts/truetype/liberation2
FONTS    := $(addprefix fonts/LiberationSerif-,Regular.ttf Bold.ttf Italic.ttf BoldItalic.ttf)

.PHONY: fuzz all folio render fonts check unit e2e deps asan asan-unit valgrind bench release clean install
.DELETE_ON_ERROR:

all: render

folio: bin/folio

bin/folio: $(BUILD)/src/main.o $(BUILD)/libfolio.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libfolio.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libfolio.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libfolio.a $(LDLIBS) $(CHECK_LIBS)

# Fonts are not in git: copied from Debian's fonts-liberation2 (SIL OFL) at build time.
fonts: $(FONTS)
fonts/%.ttf: $(FONT_DIR)/%.ttf
	cp $< $@

FORMATS ?= tei,epub,pdf
render: bin/folio $(FONTS)
	./bin/folio build xml/thesis.txt -o out --formats $(FORMATS)

# Installs what a fresh Debian 12 needs to build, render and test (as root).
deps:
	./tests/deps.sh

unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; CK_FORK=yes $$t; done

e2e: bin/folio $(FONTS)
	./tests/e2e.sh

# The whole suite: unit tests, end-to-end tests, unit tests again under ASan+UBSan, and the
# full pipeline under valgrind memcheck.
check: unit e2e asan-unit valgrind

SAN_CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
               -fno-omit-frame-pointer
SAN_LDFLAGS := -fsanitize=address,undefined

$(BUILD)/folio: $(BUILD)/src/main.o $(BUILD)/libfolio.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

asan-unit:
	$(MAKE) BUILD=build-asan CFLAGS="$(SAN_CFLAGS)" LDFLAGS="$(SAN_LDFLAGS)" unit

# Everything under the sanitizers: unit tests and every end-to-end suite with an ASan folio.
asan: $(FONTS)
	$(MAKE) BUILD=build-asan CFLAGS="$(SAN_CFLAGS)" LDFLAGS="$(SAN_LDFLAGS)" unit build-asan/folio
	FOLIO=$(CURDIR)/build-asan/folio FOLIO_DATADIR=$(CURDIR) ./tests/e2e.sh

bench: bin/folio $(FONTS)
	BENCH_FORMATS=$(FORMATS) ./tests/bench/bench.py

# Full pipeline over the thesis under memcheck: 0 errors, 0 leaks.
valgrind: bin/folio $(FONTS)
	valgrind --error-exitcode=3 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --show-leak-kinds=definite,indirect --quiet \
	    ./bin/folio build xml/thesis.txt -o $(BUILD)/valgrind-out --formats $(FORMATS) -q
	@echo 'valgrind: full pipeline, 0 errors, 0 leaks'

# libFuzzer harnesses (clang), each run FUZZ_SECONDS on a seed corpus made from the tests.
FUZZ_SECONDS ?= 60
FUZZERS := import tei fo epub
fuzz: $(FONTS)
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" \
	    $(FUZZERS:%=build-fuzz/fuzz_%)
	./tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libfolio.a
	$(CC) $(CPPFLAGS) -DFUZZ_FONT_MAP=\"$(CURDIR)/fonts/fonts.map\" $(CFLAGS) -fsanitize=fuzzer \
	    -o $@ $< $(BUILD)/libfolio.a $(LDLIBS)

# The release artifacts and their checksums.
release: render
	@mkdir -p out/release
	cp $(addprefix out/thesis.,$(subst $(comma), ,$(subst tei,xml,$(FORMATS)))) out/release/
	cd out/release && sha256sum $(sort $(addprefix thesis.,$(subst $(comma), ,$(subst tei,xml,$(FORMATS))))) > SHA256SUMS

install: bin/folio
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/folio/xslt \
	    $(DESTDIR)$(PREFIX)/share/folio/fonts $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 bin/folio $(DESTDIR)$(PREFIX)/bin/folio
	install -m 644 xslt/*.xsl $(wildcard xslt/*.css xslt/*.xml) $(DESTDIR)$(PREFIX)/share/folio/xslt/
	install -m 644 fonts/fonts.map $(DESTDIR)$(PREFIX)/share/folio/fonts/
	for f in $(notdir $(FONTS)); do \
	    ln -sf $(FONT_DIR)/$$f $(DESTDIR)$(PREFIX)/share/folio/fonts/$$f; done
	install -m 644 folio.1 $(DESTDIR)$(PREFIX)/share/man/man1/folio.1

clean:
	rm -rf build build-* bin out/*.xml out/*.epub out/*.pdf out/*.fo

-include $(LIB_OBJ:.o=.d) $(BUILD)/src/main.d $(TEST_BIN:=.d)
