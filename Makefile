# Makefile — builds, runs and tests ocop on Debian 12.
#
#   make            build everything into bin/ (installs missing Debian packages first)
#   make run        set up var/ with the demo, build the site, serve http://127.0.0.1:$(PORT)
#   make test       every test CI runs; ends with "N passed, N failed"
#   make fuzz       run every libFuzzer target for FUZZ_SECONDS each
#   make bench      measure against references (Markdown table; README, Performance)
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean
#
# Conventions (add a file, not a rule): cgi/lib/*.c form libocop.a; cgi/ocop-NAME.c is the
# FastCGI program bin/ocop-NAME.fcgi; cgi/ocop.c plus cgi/cli/*.c is the CLI bin/ocop;
# tests/unit/test_*.c and tests/conformance/test_*.c are cmocka programs;
# tests/fuzz/fuzz_*.c are libFuzzer targets; tests/http/*.t and tests/browser/*.mjs run
# against the real nginx and workers.

PORT ?= 8080
PREFIX ?= /usr/local
DESTDIR ?=
SANITIZE ?=
FUZZ_SECONDS ?= 60
OCOP_SHARED ?= $(abspath ../shared)

CC ?= gcc
ifeq ($(origin CC),default)
CC = gcc
endif

PKGS := lua5.4 sqlite3 libsodium jansson libmarkdown libqrencode libutf8proc xlsxwriter libcrypto
BUILD := build$(if $(SANITIZE),/san)
BIN := bin$(if $(SANITIZE),/san)

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
ifneq ($(CI),)
WARN += -Werror
endif
SAN_ON := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SANFLAGS := $(if $(SANITIZE),$(SAN_ON))
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(SANFLAGS) $(CFLAGS)
ALL_CPPFLAGS = -Icgi/lib -Isite $(shell pkg-config --cflags $(PKGS)) $(CPPFLAGS)
LIBS = $(shell pkg-config --libs $(PKGS)) -lfcgi -lseccomp -lm
LDFLAGS_ALL = $(SANFLAGS) $(LDFLAGS)

# Debian packages: build, run, test. Checked once per Makefile change (build/.deps).
DEB_PKGS := build-essential pkg-config libfcgi-dev libxxhash-dev nginx-light liblua5.4-dev lua5.4 \
	libsqlite3-dev sqlite3 libmarkdown2-dev libsodium-dev libjansson-dev libcmocka-dev \
	libqrencode-dev libutf8proc-dev libxlsxwriter-dev curl libfcgi-bin zbar-tools librsvg2-bin clang libclang-rt-dev \
	chromium valgrind jq unzip libssl-dev libseccomp-dev

LIB_SRC := $(wildcard cgi/lib/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB := $(BUILD)/libocop.a
CLI_SRC := cgi/ocop.c $(wildcard cgi/cli/*.c)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
FCGI_SRC := $(wildcard cgi/ocop-*.c)
FCGI_BIN := $(FCGI_SRC:cgi/%.c=$(BIN)/%.fcgi)
TEST_SRC := $(wildcard tests/unit/test_*.c tests/conformance/test_*.c)
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
SITE_SRC := $(wildcard site/*.c)
SITE_OBJ := $(SITE_SRC:%.c=$(BUILD)/%.o)

.SECONDARY:
.PHONY: all deps run test unit http browser fuzz fuzz-smoke install clean format bench

all: $(BUILD)/.deps $(BIN)/ocop $(FCGI_BIN)

# apt-get installs the missing packages of a list (as root; otherwise says what to run).
define need_pkgs
missing=$$(for p in $(1); do \
    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
  done; $(2)); missing=$$(echo $$missing | tr ' ' '\n' | sort -u); \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ]; then \
    echo "installing Debian packages:" $$missing; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing || exit 1; \
  else \
    echo "ocop needs these Debian packages:" $$missing; \
    echo "install them with:  sudo apt-get install -y" $$missing; exit 1; \
  fi; \
fi
endef

$(BUILD)/.deps: Makefile
	@$(call need_pkgs,$(DEB_PKGS),command -v node >/dev/null || echo nodejs; command -v npm >/dev/null || echo npm)
	@mkdir -p $(@D) && touch $@

deps: $(BUILD)/.deps

$(BUILD)/%.o: %.c $(wildcard cgi/lib/*.h site/*.h) | $(BUILD)/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN)/ocop: $(CLI_OBJ) $(SITE_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(SITE_OBJ) $(LIB) $(LIBS)

$(BIN)/%.fcgi: $(BUILD)/cgi/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_ALL) -o $@ $< $(LIB) $(LIBS)

$(BUILD)/tests/%: tests/%.c $(LIB) $(SITE_OBJ) $(wildcard tests/conformance/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(filter-out $(BUILD)/site/main.o,$(SITE_OBJ)) $(LIB) $(LIBS) -lcmocka

# libFuzzer targets: clang, with the library compiled again for coverage (build/fuzz/lib),
# and the site/ files a target needs (fuzz_markdown: the Discount wrapper).
FUZZ_CFLAGS = -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=address,undefined -Icgi/lib -Isite \
	$(shell pkg-config --cflags $(PKGS))
FUZZ_LIB_OBJ := $(LIB_SRC:cgi/lib/%.c=build/fuzz/lib/%.o)
build/fuzz/lib/%.o: cgi/lib/%.c $(wildcard cgi/lib/*.h) | $(BUILD)/.deps
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/site/%.o: site/%.c $(wildcard cgi/lib/*.h site/*.h) | $(BUILD)/.deps
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/fuzz_markdown: build/fuzz/site/markdown.o
build/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(filter %.o,$^) $(LIBS)

# The demo: a database with the demo seed on first run, then nginx and the workers in
# the foreground until Ctrl-C. The demo logins printed here exist only in the demo seed.
# The plans in lua/ are of 2019–2021, so the demo replays a day of them: on DEMO_DAY the
# Hà Tĩnh provincial round of 2019 is open (DEMO_DAY= make run judges by today).
STATE = $${OCOP_HOME:-var}
DEMO_DAY ?= 2019-10-15
run: all
	@if [ ! -f "$(STATE)/ocop.db" ]; then \
	  $(BIN)/ocop init && $(BIN)/ocop seed --demo || exit 1; \
	else $(BIN)/ocop init >/dev/null || exit 1; fi
	@echo; echo "Demo logins (demo data only; password after the role and area):"
	@awk -F'\t' '!/^#/ && NF == 5 { printf "  %-22s %-9s %-28s %s\n", $$1, $$2, $$3, $$4 }' db/demo-users.tsv
	@echo; echo "Open http://127.0.0.1:$(PORT)/app/login — Ctrl-C stops."
	@echo "The public site (built at start-up, rebuilt after each decision): http://127.0.0.1:$(PORT)/"
	@if [ -n "$(DEMO_DAY)" ]; then echo "Rounds are judged as on $(DEMO_DAY) (DEMO_DAY= make run for today)."; fi; echo
	@OCOP_TODAY=$(DEMO_DAY) $(BIN)/ocop serve --port $(PORT)

test: all $(TEST_BIN) $(FUZZ_BIN)
	@OCOP_SHARED=$(OCOP_SHARED) BUILD=$(BUILD) OCOP_BIN=$(abspath $(BIN)) sh tests/run.sh

# A crash stops the run with its input in build/fuzz/crashes/: fix the cause, then add
# the input to tests/fuzz/corpus/NAME/ so every later run replays it.
fuzz: $(FUZZ_BIN)
	@mkdir -p build/fuzz/crashes; for f in $(FUZZ_BIN); do n=$${f##*/}; mkdir -p build/fuzz/new-$$n; \
	  echo "== $$n ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -artifact_prefix=build/fuzz/crashes/$$n- \
	    build/fuzz/new-$$n tests/fuzz/corpus/$$n || { echo "$$n: see build/fuzz/crashes/"; exit 1; }; done

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ocop
	install -m 755 $(BIN)/ocop $(FCGI_BIN) $(DESTDIR)$(PREFIX)/bin/
	cp -R lua site/templates site/static db nginx.conf $(DESTDIR)$(PREFIX)/share/ocop/
	if [ -d content ]; then cp -R content $(DESTDIR)$(PREFIX)/share/ocop/; fi
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 cgi/ocop.1 $(DESTDIR)$(PREFIX)/share/man/man1/ocop.1
	install -d $(DESTDIR)$(PREFIX)/share/ocop/systemd
	install -m 644 cgi/systemd/* $(DESTDIR)$(PREFIX)/share/ocop/systemd/

# Benchmarks (#9): every figure against a reference measured in the same run, printed
# as a Markdown table (tests/bench/run.sh; BENCH_PRODUCTS, BENCH_SECONDS to shrink it).
BENCH_PKGS := hugo wrk time
build/.bench-deps: Makefile
	@$(call need_pkgs,$(BENCH_PKGS),true)
	@mkdir -p $(@D) && touch $@
build/bench/bench_rules: tests/bench/bench_rules.c build/libocop.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -o $@ $< build/libocop.a $(LIBS)
build/bench/ceiling: tests/bench/ceiling.c | build/.deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lfcgi
bench: build/.bench-deps
	@$(MAKE) --no-print-directory all SANITIZE= build/bench/bench_rules build/bench/ceiling
	@bash tests/bench/run.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build bin
