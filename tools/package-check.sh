#!/usr/bin/env bash
# Packaging check: install the .deb into a scratch root (dpkg -x: this machine is
# not changed), check what it installs, run the installed command line, and open
# the installed app's window under Xvfb through its desktop entry's Exec line.
#
#   tools/package-check.sh DEB
#
# ARTIFACTS names the folder for the screenshot (default artifacts).
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:?usage: tools/package-check.sh DEB}
out=${ARTIFACTS:-artifacts}
for tool in dpkg-deb desktop-file-validate lintian; do
  command -v "$tool" >/dev/null || { echo "package check: $tool is missing (make test installs it)" >&2; exit 1; }
done

fail() { echo "package check: $*" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"

# The control fields.
depends=$(dpkg-deb -f "$deb" Depends)
for need in libgtk-3-0 libwebkit2gtk-4.1-0; do
  [[ $depends == *"$need"* ]] || fail "Depends lacks $need: $depends"
done
[[ $(dpkg-deb -f "$deb" Package) == dealmodel ]] || fail "the package is not named dealmodel"

# The installed files.
for f in usr/bin/dealmodel usr/lib/dealmodel/dealmodel-full usr/bin/dealmodel-desktop usr/share/applications/dealmodel.desktop \
  usr/share/doc/dealmodel/copyright usr/share/doc/dealmodel/changelog.gz \
  usr/share/man/man1/dealmodel.1.gz usr/share/man/man1/dealmodel-desktop.1.gz; do
  [[ -s $root/$f ]] || fail "$f is not installed"
done
for size in 16 22 24 32 48 64 128 256 512; do
  icon=$root/usr/share/icons/hicolor/${size}x${size}/apps/dealmodel.png
  [[ -s $icon ]] || fail "no ${size}x${size} icon"
  got=$(identify -format '%wx%h' "$icon")
  [[ $got == "${size}x${size}" ]] || fail "the ${size}x${size} icon is $got"
done
grep -q '^License: Apache-2.0 (echarts ' "$root/usr/share/doc/dealmodel/copyright" || fail "the copyright file does not list the bundled echarts"

# The desktop entry: valid, and it opens the installed app.
entry=$root/usr/share/applications/dealmodel.desktop
desktop-file-validate "$entry" || fail "desktop-file-validate refuses the desktop entry"
exec_line=$(sed -n 's/^Exec=//p' "$entry")
icon_name=$(sed -n 's/^Icon=//p' "$entry")
[[ -n $exec_line && $icon_name == dealmodel ]] || fail "desktop entry: Exec=$exec_line Icon=$icon_name"
app=$root/usr/bin/${exec_line%% *}
[[ -x $app ]] || fail "the desktop entry runs $exec_line, which the package does not install in /usr/bin"

# The command line: pure Go, and it works from where it is installed.
cli=$root/usr/bin/dealmodel
for prog in "$cli" "$root/usr/lib/dealmodel/dealmodel-full"; do
  if ldd "$prog" >/dev/null 2>&1; then
    libs=$(ldd "$prog" 2>&1 || true)
    if grep -Eq 'gtk|webkit' <<<"$libs"; then fail "$prog links the window system: $libs"; fi
  fi
done
ver=$("$cli" version)
grep -q "^Dealmodel $(dpkg-deb -f "$deb" Version)\$" <<<"$ver" || fail "dealmodel version says: $ver"
[[ $("$cli" --version) == "$ver" ]] || fail "--version differs from version"
scratch=$(mktemp -d)
trap 'rm -rf "$root" "$scratch"' EXIT
run=$(env -u DISPLAY -u WAYLAND_DISPLAY XDG_CONFIG_HOME="$scratch" "$cli" run briefing --period year)
grep -q 'quarter the cap binds' <<<"$run" || fail "dealmodel run briefing printed no summary: $run"
# What the lean dealmodel hands to /usr/lib/dealmodel/dealmodel-full: a stored scenario.
list=$(env -u DISPLAY -u WAYLAND_DISPLAY XDG_CONFIG_HOME="$scratch" "$cli" scenarios list)
grep -q '^NAME ' <<<"$list" || fail "dealmodel scenarios list, from the installed path, printed: $list"
# Without a display, dealmodel alone prints its usage rather than failing.
# (Read whole, not piped to grep -q, which may close the pipe while it writes.)
usage=$(env -u DISPLAY -u WAYLAND_DISPLAY "$cli")
grep -q '^Usage:' <<<"$usage" || fail "dealmodel without a display printed no usage: $usage"

lintian --fail-on error "$deb" >&2 || fail "lintian reports errors"

# The window, started as the desktop entry starts it.
ARTIFACTS=$out SMOKE_SHOT=package-smoke.png SMOKE_LOG=package-app.log tools/desktop-smoke.sh "$app"
echo "package check: $(basename "$deb") installs the app, its entry and icons, and a command line that runs; lintian reports no errors"
