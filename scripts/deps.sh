#!/usr/bin/env bash
# Installs the system and Python packages the build and the tests need,
# and only those that are missing. Quiet when everything is present.
set -euo pipefail

# openssl (the CLI), openssh-server and openssh-client (sshd, ssh-keygen):
# the tests' fixtures run them.
APT_PACKAGES=(
  libssl-dev libpq-dev postgresql libcurl4-openssl-dev
  libprotobuf-c-dev protobuf-c-compiler protobuf-compiler libprotobuf-dev
  libcairo2-dev poppler-utils openssl openssh-server openssh-client
)
# `scripts/deps.sh bench` (make bench) adds the gRPC C++ peer's build
# (Benchmarks/Peers/grpc-cpp): gRPC and its protoc plugin from Debian.
if [ "${1:-}" = bench ]; then
  APT_PACKAGES+=(libgrpc++-dev protobuf-compiler-grpc pkg-config)
fi
# module to import -> pip requirement: everything the Python fixtures import
# beyond the standard library.
PIP_PACKAGES=(
  "aiosmtpd:aiosmtpd"
  "moto.server:moto[server]"
  "boto3:boto3"
  "cryptography:cryptography"
  "pyarrow:pyarrow"
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "deps: need root to run: $*" >&2; exit 1
  fi
}

# python3 and pip from Debian only when there is none (a pyenv or other
# python3 on PATH is used as it is).
if ! command -v python3 >/dev/null 2>&1; then
  APT_PACKAGES+=(python3 python3-pip)
elif ! python3 -m pip --version >/dev/null 2>&1; then
  APT_PACKAGES+=(python3-pip)
fi

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
  pip_flags=(--quiet --disable-pip-version-check --root-user-action=ignore)
  # Debian's own python3 refuses pip installs (PEP 668) unless told otherwise.
  if python3 -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
    pip_flags+=(--break-system-packages)
  fi
  python3 -m pip install "${pip_flags[@]}" "${missing_pip[@]}"
fi
