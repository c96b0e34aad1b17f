#!/usr/bin/env bash
# One idempotent set-up for `make lecture` and `make test`: the system packages
# Manim needs (pycairo and manimpango build from source; MathTex needs latex and
# dvisvgm; the Beamer deck needs beamer, animate and lmodern; figures with --tex need
# dvipng, cm-super's type1ec.sty and lmodern; the browser deck needs reveal.js, from npm), then
# .venv with requirements.txt and this project installed in editable mode (the `gd-lecture`
# command; `manim render scenes/…`, notebooks and `import sim` from any folder), and
# node_modules/ from package-lock.json. With --test, also Chromium for the page and browser-deck
# tests and LibreOffice Impress, which converts the PowerPoint deck in its test.
# A second run checks and returns.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(pkg-config libcairo2-dev libpango1.0-dev python3-dev build-essential
              texlive-latex-base texlive-latex-recommended texlive-latex-extra
              texlive-fonts-recommended lmodern dvisvgm dvipng cm-super-minimal)
if ! command -v npm >/dev/null; then  # Debian's nodejs comes without npm; NodeSource's has it
  APT_PACKAGES+=(nodejs npm)
fi
if [ "${1:-}" = "--test" ]; then
  APT_PACKAGES+=(chromium libreoffice-impress)
fi

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  install="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing system packages; run: sudo apt-get update && sudo $install" >&2
    exit 2
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive $install -q
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is needed as '$PYTHON'; set PYTHON=/path/to/python3.11" >&2
  exit 2
fi

stamp=.venv/requirements.sha256
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "setup: installing Python packages into .venv (about a minute the first time)"
  "$PYTHON" -m venv .venv
  # This machine's pip config names local mirrors that may be absent: drop only those warnings.
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt \
    2> >(grep -v "^WARNING: Location 'file:" >&2)
  echo "$wanted" > "$stamp"
fi

# Editable: the installed modules are this clone's files, so an edit needs no reinstall; a new
# top-level package or module (pyproject.toml) or a clone in another folder does. No dependencies (requirements.txt has
# them, pinned) and no build isolation (the pinned setuptools builds it): nothing to download.
stamp=.venv/project.sha256
wanted=$( (cat pyproject.toml; pwd) | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/gd-lecture ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "setup: installing this project into .venv (editable)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation \
    -e . 2> >(grep -v "^WARNING: Location 'file:" >&2)
  echo "$wanted" > "$stamp"
fi

# reveal.js for the browser deck (out/slides/), exactly as package-lock.json pins it.
stamp=node_modules/.package-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "setup: installing reveal.js into node_modules (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$wanted" > "$stamp"
fi
