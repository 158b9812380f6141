#!/usr/bin/env bash
# Regenerates the golden files under tests/golden/{write,read} and fold-table.json by running Gas Town's reference Go code
# (../shared/reference/heartbeat.go beside the repository) over write-cases.json and read-inputs/.
# Needs Go (Debian: apt-get install -y golang-go). The test suite itself needs neither Go nor ../shared.
# Debian's Go is 1.19; where a later Go behaves differently, the case lives in modern-go/ instead, with the Go
# source line that fixes its result, and not in write-cases.json or read-inputs/ (a 1.19 run would get it wrong).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reference=${REFERENCE:-$here/../../../shared/reference/heartbeat.go}
[ -f "$reference" ] || { echo "reference not found: $reference (set REFERENCE=...)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/generator/go.mod" "$here/generator/main.go" "$work/"
mkdir "$work/deacon"
cp "$reference" "$work/deacon/heartbeat.go"
(cd "$work" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o golden .)

rm -rf "$here/write" "$here/read"
mkdir -p "$here/write" "$here/read"
# UTC so Go attaches no local zone name to any offset it parses.
TZ=UTC "$work/golden" write "$here/write-cases.json" "$here/write"
TZ=UTC "$work/golden" read "$here/read-inputs" "$here/read"
"$work/golden" foldtable "$here/fold-table.json" -
"$here/durations/generate.sh"
"$here/pause/generate.sh"
go version > "$here/GENERATED_BY"
echo "golden files written by $(cat "$here/GENERATED_BY")"
