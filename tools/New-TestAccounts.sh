#!/usr/bin/env bash
# The accounts the permission tests run as: a town's owner, as the Gas Town daemon's account, and two people in a
# team group that shares towns with it (the daemon's account is in the group too). Run as root; does nothing for what already exists.
# CI runs as root, where permission bits do not apply: these accounts are how the tests see what users see.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
    echo "New-TestAccounts.sh: run as root (useradd, groupadd)." >&2
    exit 1
fi
getent group gtdeacon-team >/dev/null || groupadd gtdeacon-team
for user in gtdeacon-town gtdeacon-ana gtdeacon-ben; do
    id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/sh "$user"
done
for member in gtdeacon-town gtdeacon-ana gtdeacon-ben; do
    id -nG "$member" | tr ' ' '\n' | grep -qx gtdeacon-team || usermod -aG gtdeacon-team "$member"
done
