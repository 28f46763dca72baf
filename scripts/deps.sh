#!/usr/bin/env bash
# Installs the system and Python packages the build and the tests need,
# and only those that are missing. Quiet when everything is present.
set -euo pipefail

APT_PACKAGES=(
  libssl-dev libpq-dev postgresql libcurl4-openssl-dev
  libprotobuf-c-dev protobuf-c-compiler protobuf-compiler libprotobuf-dev
  libcairo2-dev poppler-utils openssh-server
)
# module to import -> pip requirement
PIP_PACKAGES=(
  "aiosmtpd:aiosmtpd"
  "moto.server:moto[server]"
  "cryptography:cryptography"
  "pyarrow:pyarrow"
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "deps: need root to run: $*" >&2; exit 1
  fi
}

missing_apt=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing_apt+=("$pkg")
  fi
done
if [ "${#missing_apt[@]}" -gt 0 ]; then
  echo "deps: installing ${missing_apt[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null
fi

missing_pip=()
for entry in "${PIP_PACKAGES[@]}"; do
  module=${entry%%:*}
  requirement=${entry#*:}
  if ! python3 -c "import ${module}" >/dev/null 2>&1; then
    missing_pip+=("$requirement")
  fi
done
if [ "${#missing_pip[@]}" -gt 0 ]; then
  echo "deps: pip installing ${missing_pip[*]}"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "${missing_pip[@]}"
fi
