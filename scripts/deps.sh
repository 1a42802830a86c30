#!/usr/bin/env bash
# Installs the Debian 12 / Ubuntu packages Earmark needs to build, run and test.
# Idempotent: asks apt only for what is missing. Uses sudo when not root.
set -euo pipefail

PACKAGES=(
    # toolchain
    cmake ninja-build g++ pkg-config git python3
    # Qt 6
    qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-qpa-plugins qt6-svg-dev libqt6opengl6-dev
    # crypto, storage, keychain
    libsqlcipher-dev libsqlite3-0 libsodium-dev qtkeychain-qt6-dev libzxcvbn-dev
    # audio, speech, phone numbers
    libsndfile1-dev libsamplerate0-dev libsoundtouch-dev libespeak-ng-dev espeak-ng-data libphonenumber-dev
    # tests and benchmarks: private D-Bus + keyring, null audio sink, X server for screenshots
    dbus dbus-bin gnome-keyring pulseaudio libbenchmark-dev xvfb xauth imagemagick
    # training packs as one zip file
    libzip-dev
    # PDF exports (evaluations, subject-access cover letters; earmark-cli draws them offscreen) need a font, and are
    # checked by reading their text back
    fonts-dejavu-core poppler-utils
    # signatures (certificates, evidence packs) are checked with the tools a recipient has; the destruction tests
    # decrypt database pages with OpenSSL
    minisign libssl-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "earmark: installing ${#missing[@]} missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
