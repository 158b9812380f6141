#!/usr/bin/env bash
# Regenerates expected.json: Go's own time.ParseDuration over inputs.json. Needs Go (apt-get install -y golang-go);
# the tests themselves do not. inputs.json holds Go's own test table (src/time/time_test.go parseDurationTests and
# parseDurationErrorTests) and forms operators type.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
(cd "$here" && GOFLAGS=-mod=mod CGO_ENABLED=0 go run . inputs.json > expected.json)
go version > "$here/GENERATED_BY"
echo "durations written by $(cat "$here/GENERATED_BY")"
