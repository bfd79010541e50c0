# rasd: `make run` extracts corpus/ into outputs/; `make test` runs the test suite.
# Both create .venv (Python 3.11) on first use and install the project into it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install browser bench bench-view clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/rasd extract corpus/ -o outputs/

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The viewer's browser tests drive Debian's headless Chromium through its WebDriver (chromium-driver);
# the PDF tests print with it in Noto Arabic fonts (fonts-noto-core), DejaVu Sans and Liberation Serif
# (a fallback print).
BROWSER_PKGS := chromium chromium-driver fonts-noto-core fonts-dejavu-core fonts-liberation
browser:
	@{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q "Noto Naskh Arabic"; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) >/dev/null; \
	  else sudo -n apt-get install -y -qq $(BROWSER_PKGS) >/dev/null 2>&1 || echo "chromium, chromium-driver or the fonts not installed: the browser and PDF print tests will be skipped or fail"; fi; }

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

# The archive-scale viewer benchmark (10,000 reports; needs chromium + chromium-driver).
bench-view: $(STAMP) browser
	$(BIN)/python bench/bench_view.py

clean:
	rm -rf $(VENV) outputs/reports outputs/events.jsonl outputs/manifest.json
