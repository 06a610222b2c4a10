#!/usr/bin/env bash
# Debian's nginx, for the reverse proxy in front of several Streamlit processes (deploy/nginx/,
# docs/deployment.md) and for the test that runs that set-up (tests/e2e/test_processes_behind_nginx.py).
# Installing does not start Debian's own nginx service: the tests start their own on a free port,
# and a production machine enables the service once the site is configured.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
echo "Installing nginx ..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
# Keep the package's scripts from starting the service on port 80 (policy-rc.d: 101 = not allowed).
created_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ -n "$created_policy" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
