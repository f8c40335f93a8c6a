#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (Playwright's own browser
# downloads are not reachable from our machines). Uses sudo when not root.
set -euo pipefail
if command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1; then
  echo "[setup-browser] chromium is installed: $("${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null || echo present)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "[setup-browser] installing chromium from Debian"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
