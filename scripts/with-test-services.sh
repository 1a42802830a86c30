#!/usr/bin/env bash
# Runs a command with the services Earmark's tests need, all private to this run:
#   - a D-Bus session bus (dbus-run-session), with gnome-keyring's Secret Service unlocked;
#   - a PulseAudio server with a null sink (steady timing on a headless machine);
#   - keyrings and runtime files in a temporary folder: the user's real keyring is never touched.
# Usage: scripts/with-test-services.sh COMMAND [ARGS...]
set -euo pipefail

if [ -z "${EARMARK_IN_TEST_SESSION:-}" ]; then
    tmp=$(mktemp -d /tmp/earmark-test-session.XXXXXX)
    chmod 700 "$tmp"
    mkdir -p "$tmp/data" "$tmp/runtime" "$tmp/config"
    chmod 700 "$tmp/runtime"
    trap 'rm -rf "$tmp"' EXIT
    status=0
    EARMARK_IN_TEST_SESSION=1 XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime" XDG_CONFIG_HOME="$tmp/config" \
        dbus-run-session -- "$0" "$@" || status=$?
    exit $status
fi

# Inside the private session bus.
printf '%s' "earmark-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || {
    echo "with-test-services: gnome-keyring-daemon failed to start" >&2
    exit 1
}
# The daemon claims org.freedesktop.secrets a moment after it returns; asking before that makes D-Bus start a
# second, locked daemon. Wait for the name (at most 5 s).
for _ in $(seq 50); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
        break
    fi
    sleep 0.1
done
if command -v pulseaudio >/dev/null 2>&1; then
    pulseaudio --daemonize=yes --exit-idle-time=-1 -n --load="module-null-sink norewinds=1" \
        --load=module-native-protocol-unix >/dev/null 2>&1 || echo "with-test-services: PulseAudio did not start" >&2
fi
status=0
"$@" || status=$?
if command -v pulseaudio >/dev/null 2>&1; then
    pulseaudio --kill >/dev/null 2>&1 || true
fi
exit $status
