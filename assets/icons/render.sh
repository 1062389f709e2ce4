#!/bin/sh
# Renders the application icon's PNGs from skillbase.svg, at the sizes desktops look for
# (hicolor theme). Run from anywhere after changing the SVG; needs rsvg-convert
# (Debian: librsvg2-bin). The Debian package installs them (Cargo.toml,
# [package.metadata.deb] assets) as /usr/share/icons/hicolor/NxN/apps/cn.skillbase.SkillBase.png.
set -eu
here=$(dirname "$0")
for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" "$here/skillbase.svg" --output "$here/skillbase-$size.png"
done
