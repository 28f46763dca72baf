#!/usr/bin/env bash
# Regenerates the Swift code for proto/ into Sources/Protos/Generated:
# messages with protoc-gen-swift (swift-protobuf 1.39.0, built from the local
# package mirror) and ARPC stubs with protoc-gen-arpc (Tools/protoc-gen-arpc).
#   scripts/generate-protos.sh            write the generated files
#   scripts/generate-protos.sh --check    fail if the committed files are stale
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS=$ROOT/.build-tools
OUT=$ROOT/Sources/Protos/Generated

build_tools() {
  if [ ! -x "$TOOLS/protoc-gen-swift" ]; then
    rm -rf "$TOOLS/swift-protobuf"
    git clone -q --branch 1.39.0 https://github.com/apple/swift-protobuf.git "$TOOLS/swift-protobuf" 2>/dev/null
    swift build -c release --package-path "$TOOLS/swift-protobuf" --product protoc-gen-swift >/dev/null
    cp "$TOOLS/swift-protobuf/.build/release/protoc-gen-swift" "$TOOLS/protoc-gen-swift"
  fi
  swift build -c release --package-path "$ROOT/Tools/protoc-gen-arpc" \
    --scratch-path "$TOOLS/protoc-gen-arpc" >/dev/null
}

generate() {
  local out=$1
  mkdir -p "$out"
  local protos
  protos=$(cd "$ROOT/proto" && find . -name '*.proto' | sed 's#^\./##' | sort)
  # shellcheck disable=SC2086
  (cd "$ROOT/proto" && protoc --plugin=protoc-gen-swift="$TOOLS/protoc-gen-swift" \
    --plugin=protoc-gen-arpc="$TOOLS/protoc-gen-arpc/release/protoc-gen-arpc" \
    --swift_out="$out" --swift_opt=Visibility=Public --swift_opt=FileNaming=PathToUnderscores --swift_opt=UseAccessLevelOnImports=true \
    --arpc_out="$out" $protos)
  # protoc-gen-arpc names files by path; flatten them the same way as protoc-gen-swift.
  find "$out" -name '*.arpc.swift' -path '*/*/*' | while read -r file; do
    relative=${file#"$out"/}
    mv "$file" "$out/${relative//\//_}"
  done
  find "$out" -mindepth 1 -type d -empty -delete
}

build_tools
if [ "${1:-}" = "--check" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  generate "$scratch"
  if ! diff -r "$scratch" "$OUT" >/dev/null; then
    echo "generate-protos: Sources/Protos/Generated is stale; run scripts/generate-protos.sh" >&2
    diff -r "$scratch" "$OUT" | head -20 >&2
    exit 1
  fi
else
  rm -rf "$OUT"
  generate "$OUT"
fi
