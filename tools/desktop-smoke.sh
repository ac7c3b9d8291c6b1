#!/usr/bin/env bash
# Desktop smoke test: start the built app under a virtual X server, wait until its UI
# reports that the first charts are drawn, take a screenshot, check that it is not
# blank and keep it.
#
#   tools/desktop-smoke.sh [BINARY]      (default build/bin/dealmodel)
#
# ARTIFACTS names the folder for the screenshot and the app's log (default
# artifacts), SMOKE_SHOT and SMOKE_LOG their file names (default desktop-smoke.png,
# desktop-app.log);
# SMOKE_TIMEOUT the seconds to wait for the first chart (default 60), SMOKE_PAINT
# the seconds to wait for the window to show it (default 20).
set -euo pipefail

bin=${1:-build/bin/dealmodel}
out=${ARTIFACTS:-artifacts}
timeout=${SMOKE_TIMEOUT:-60}
width=1280
height=800
drawn_colours=1500 # a window with its charts drawn; blank or "Loading..." has far fewer

for tool in Xvfb import identify; do
  command -v "$tool" >/dev/null || { echo "desktop smoke: $tool is missing (make test installs it)" >&2; exit 1; }
done
[[ -x $bin ]] || { echo "desktop smoke: no app at $bin (make build)" >&2; exit 1; }
mkdir -p "$out"
shot="$out/${SMOKE_SHOT:-desktop-smoke.png}"
log="$out/${SMOKE_LOG:-desktop-app.log}"
rm -f "$shot"

# A display nobody uses.
display=
for n in $(seq 99 160); do
  if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then display=$n; break; fi
done
[[ -n $display ]] || { echo "desktop smoke: no free X display in :99..:160" >&2; exit 1; }

work=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb ":$display" -screen 0 "${width}x${height}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do
  [[ -e /tmp/.X11-unix/X$display ]] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { cat "$work/xvfb.log" >&2; echo "desktop smoke: Xvfb did not start" >&2; exit 1; }
  sleep 0.1
done

ready="$work/ready"
start=$(date +%s%N)
# WebKitGTK's DMA-BUF renderer needs a GPU; a virtual display has none.
# A database of its own, so the test neither reads nor changes the user's scenarios.
DISPLAY=":$display" WEBKIT_DISABLE_DMABUF_RENDERER=1 DEALMODEL_READY_FILE="$ready" \
  DEALMODEL_DB="$work/dealmodel.db" XDG_CONFIG_HOME="$work/config" \
  "$bin" >"$log" 2>&1 </dev/null &
app_pid=$!

deadline=$((SECONDS + timeout))
until [[ -s $ready ]]; do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    app_pid=
    echo "desktop smoke: the app exited before drawing a chart; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    DISPLAY=":$display" import -window root "$shot" 2>/dev/null || true
    echo "desktop smoke: no chart drawn within ${timeout}s (screenshot: $shot); the app's log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
# From the file's own time of writing: the 0.1 s of polling does not count.
waited=$(( ($(date -r "$ready" +%s%N) - start) / 1000000 ))

# The charts have finished their first animation in the page, but the window may
# show it later: on a busy machine the X frame lags by a second or more (the page's
# "Loading..." has about 840 colours, the drawn window with its charts over 2,000).
# Take screenshots until one shows the drawn window, for up to SMOKE_PAINT seconds.
paint_deadline=$((SECONDS + ${SMOKE_PAINT:-20}))
while :; do
  sleep 0.5
  DISPLAY=":$display" import -window root "$shot"
  colours=$(identify -format '%k' "$shot")
  ((colours >= drawn_colours || SECONDS >= paint_deadline)) && break
done
size=$(identify -format '%wx%h' "$shot")
if ((colours < drawn_colours)); then
  echo "desktop smoke: the screenshot $shot ($size) has $colours colours: the window is blank or shows no charts (want >= $drawn_colours)" >&2
  exit 1
fi
echo "desktop smoke: window drew its charts ($(cat "$ready" | tr -d '\n') after UI load, ${waited}ms after launch); screenshot $shot: $size, $colours colours"
