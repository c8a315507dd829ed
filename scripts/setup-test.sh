#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's Chromium for the browser tests.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Chromium from Debian packages (browser tests)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
chromium --version
