#!/usr/bin/env bash
# Installs the Debian packages the build needs, when any is missing.
# GSL (quadrature and root finding), SLEEF (vectorised math), OpenBLAS
# (matrix products of the deep-network check) and pkg-config, which the
# Swift package manager uses to find them.
set -euo pipefail

packages=(libgsl-dev libsleef-dev libopenblas-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "installing system packages: ${missing[*]}" >&2
sudo_prefix=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_prefix=(sudo)
fi
"${sudo_prefix[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq "${missing[@]}"
