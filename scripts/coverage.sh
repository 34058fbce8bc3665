#!/usr/bin/env bash
# Line coverage of src/ by the spec-vector suite alone (tests/spec_vectors.rs, which runs every
# file of spec-vectors/ through the cors-vectors/1 runner).
#
# Installs what it needs: LLVM 22's llvm-profdata and llvm-cov (the LLVM the stable rustc is built
# on) from Debian's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v llvm-profdata-22 >/dev/null || ! command -v llvm-cov-22 >/dev/null; then
  apt-get update -qq && apt-get install -y -qq llvm-22 >/dev/null
fi
target=target/coverage
rm -rf "$target/profiles"
mkdir -p "$target/profiles"
export RUSTFLAGS="-C instrument-coverage"
export LLVM_PROFILE_FILE="$PWD/$target/profiles/%p-%m.profraw"
test_binary=$(cargo test --features vectors --test spec_vectors --target-dir "$target" --no-run \
  --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "spec_vectors" \
            and message.get("executable"):
        print(message["executable"])')
"$test_binary" >/dev/null
llvm-profdata-22 merge -sparse "$target"/profiles/*.profraw -o "$target/spec_vectors.profdata"
llvm-cov-22 report "$test_binary" --instr-profile="$target/spec_vectors.profdata" \
  --ignore-filename-regex='(/\.cargo/|/rustc/|tests/)' "$@"
