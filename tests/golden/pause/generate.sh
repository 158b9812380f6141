#!/usr/bin/env bash
# Regenerates the pause golden files (write/, read/, write/modes.json) by running Gas Town's own Pause and IsPaused
# (../shared/reference/pause.go beside the repository) over write-cases.json and read-inputs/. Pause stamps
# time.Now(); the copy built here reads a settable clock instead, so that each case has a known paused_at. Nothing
# else in pause.go is changed. Needs Go (apt-get install -y golang-go); the tests themselves need neither Go nor ../shared.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reference=${PAUSE_REFERENCE:-$here/../../../../shared/reference/pause.go}
[ -f "$reference" ] || { echo "reference not found: $reference (set PAUSE_REFERENCE=...)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/go.mod" "$here/main.go" "$work/"
mkdir "$work/deacon"
sed 's/time\.Now()/Clock()/' "$reference" > "$work/deacon/pause.go"
[ "$(grep -c 'Clock()' "$work/deacon/pause.go")" -eq 1 ] || { echo "expected exactly one time.Now() in $reference" >&2; exit 1; }
cat > "$work/deacon/clock.go" <<'GO'
package deacon

import "time"

// Clock stands in for time.Now in Pause, so that the golden files have known timestamps.
var Clock = time.Now
GO
(cd "$work" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o pausegolden .)

rm -rf "$here/write" "$here/read"
mkdir -p "$here/write" "$here/read"
# The modes recorded are what Pause gives under the usual umask.
umask 022
TZ=UTC "$work/pausegolden" write "$here/write-cases.json" "$here/write"
TZ=UTC "$work/pausegolden" read "$here/read-inputs" "$here/read"
go version > "$here/GENERATED_BY"
echo "pause golden files written by $(cat "$here/GENERATED_BY")"
