#!/usr/bin/env bash
# Build the Debian package of Dealmodel from what make build left in build/bin:
#
#   tools/package-deb.sh VERSION OUTDIR
#
# It installs the command line (/usr/bin/dealmodel, pure Go, the lean build that
# runs /usr/lib/dealmodel/dealmodel-full for what it does not do), the desktop app
# (/usr/bin/dealmodel-desktop), the desktop entry, the icon in the hicolor theme at
# the usual sizes, manual pages, and the copyright file with the licences of every
# bundled library and font. The dependencies are what dpkg-shlibdeps finds the
# desktop app linked against (GTK 3, WebKitGTK 4.1, GLib, libc). Built with
# dpkg-deb, owned by root, files dated by SOURCE_DATE_EPOCH (default: the commit).
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: tools/package-deb.sh VERSION OUTDIR}
outdir=${2:?usage: tools/package-deb.sh VERSION OUTDIR}
arch=$(dpkg --print-architecture)
pkg=dealmodel
maintainer="Dealmodel authors <dealmodel@users.noreply.github.com>"
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

for f in build/bin/dealmodel build/bin/dealmodel-full build/bin/dealmodel-desktop frontend/dist/licences.json; do
  [[ -e $f ]] || { echo "package-deb: $f is missing: run make build first" >&2; exit 1; }
done
# ImageMagick's own binary, not whatever else is called convert on PATH.
convert=$(command -v convert-im6.q16 || command -v magick || command -v convert || true)
[[ -n $convert ]] || { echo "package-deb: ImageMagick is missing (make dist installs it)" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps gzip; do
  command -v "$tool" >/dev/null || { echo "package-deb: $tool is missing (make dist installs it)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/DEBIAN"

install -D -m 0755 build/bin/dealmodel "$root/usr/bin/dealmodel"
install -D -m 0755 build/bin/dealmodel-full "$root/usr/lib/dealmodel/dealmodel-full"
install -D -m 0755 build/bin/dealmodel-desktop "$root/usr/bin/dealmodel-desktop"
install -D -m 0644 build/linux/dealmodel.desktop "$root/usr/share/applications/dealmodel.desktop"
for size in 16 22 24 32 48 64 128 256 512; do
  dir=$root/usr/share/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  "$convert" build/appicon.png -resize "${size}x${size}" -strip -define png:exclude-chunks=date,time "PNG32:$dir/dealmodel.png"
done
for page in dealmodel.1 dealmodel-desktop.1; do
  install -D -m 0644 "build/linux/$page" "$root/usr/share/man/man1/$page"
  gzip -9n "$root/usr/share/man/man1/$page"
done
install -D -m 0644 build/linux/lintian-overrides "$root/usr/share/lintian/overrides/$pkg"
doc=$root/usr/share/doc/$pkg
mkdir -p "$doc"
go run ./tools/licences -copyright frontend/dist/licences.json >"$doc/copyright"
chmod 0644 "$doc/copyright"
{
  echo "$pkg ($version) unstable; urgency=medium"
  echo
  echo "  * Release $version: the desktop app, its browser mode and the command line."
  echo
  echo " -- $maintainer  $(date -u -R -d "@$epoch")"
} | gzip -9n >"$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"

# Dependencies: the shared libraries the desktop app links (the command line links
# none), as packages with their minimum versions.
mkdir -p "$work/src/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$pkg" "$pkg" >"$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/bin/dealmodel-desktop" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
for need in libgtk-3-0 libwebkit2gtk-4.1-0; do
  [[ $depends == *"$need "* || $depends == *"$need," || $depends == *"$need" ]] || { echo "package-deb: the desktop app does not depend on $need: $depends" >&2; exit 1; }
done

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: $pkg
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Recommends: xdg-utils, sensible-utils
Section: misc
Priority: optional
Description: model large technology deals: revenue shares, compute, stakes
 Dealmodel models large technology deals: revenue-share payments with a
 cumulative cap, multi-year compute commitments and equity stakes, computed
 in exact decimals with a source for every assumption. Pick a built-in
 scenario or write your own, edit its inputs and watch the charts, simulate
 the uncertain ones, compare scenarios and export a PDF briefing or CSV.
 .
 This package installs the desktop app (dealmodel-desktop, with its menu
 entry) and the command line (dealmodel), which needs no display.
CONTROL
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -type d -exec chmod 0755 {} +
find "$root" -exec touch -h -d "@$epoch" {} +

mkdir -p "$outdir"
deb=$outdir/${pkg}_${version}_${arch}.deb
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
