#!/usr/bin/env bash
# ime_check.sh: check that Chinese typed through a system input method (fcitx5 pinyin,
# over XIM) gets into a gongkai text field and into the saved project file.
#
# Usage:   ./ime_check.sh APP PROJECT.gongkai.json
#          e.g. scripts/ime_check.sh target/release/gongkai tests/fixtures/qinghe.gongkai.json
# Exit:    0 if the saved file has the committed hanzi (exactly once more than before, and no
#          stray pinyin letters); 1 if it does not; 2 on a setup error (missing tool, no window...).
#
# Installs nothing. Debian 12 (bookworm) packages it needs:
#   apt-get install -y --no-install-recommends \
#     xvfb xdotool imagemagick x11-utils dbus dbus-x11 \
#     fcitx5 fcitx5-chinese-addons fcitx5-pinyin fonts-noto-cjk jq
# (fonts-noto-cjk only makes fcitx5's candidate window readable in the screenshots; jq is
#  optional and only used to print the edited field; xauth is not needed: Xvfb runs without -auth.)
#
# What it does:
#   1. Xvfb on a free display (1600x1000), a private session D-Bus, and fcitx5 with a throwaway
#      profile (groups: keyboard-us + pinyin, ActiveByDefault=True, so pinyin is on at once).
#      The app and fcitx5 get HOME/XDG_* in a temp dir, so the user's settings are untouched.
#   2. Copies PROJECT to OUT_DIR/ime_check.gongkai.json and opens the copy with
#        XMODIFIERS=@im=fcitx LANG=C.UTF-8 LC_ALL=C.UTF-8  (see IME_APP_LOCALE below)
#   3. Selects the board in the outline (left) and clicks the 附注 (footer note) field of the
#      inspector (right), then types:  c e s h i Escape    (composition cancelled: nothing goes in)
#                                      n i h a o o BackSpace space   (=> commits 你好)
#      asserting that fcitx5's candidate window shows up while composing.
#   4. Ctrl+S, waits for the file to change, and compares it with the original.
# Screenshots go to OUT_DIR (default: /tmp/gongkai_ime_check).
#
# Knobs (environment):
#   OUT_DIR=dir            where screenshots and the edited copy go
#   IME_ONTHESPOT=1        fcitx5 XIM "UseOnTheSpot": the preedit is drawn inline by egui
#                          (default 0: Debian's default, fcitx5 draws the preedit in its own popup)
#   IME_APP_LOCALE=C       locale for the app (default C.UTF-8). In a non-UTF-8 or not generated
#                          locale (C, POSIX, zh_CN.UTF-8 when it is not generated) X hands the
#                          committed hanzi over as an empty string; the app restarts itself under
#                          LC_ALL=C.UTF-8 (src/ui/locale.rs), so this must pass too.
#   FIELD_X / FIELD_Y      window-relative point of the text field to type into (default 1347 415,
#                          the 附注 field for the app's 1500x920 window)
#   BOARD_X / BOARD_Y      window-relative point of the board's entry in the outline (default 92 123)
set -u

APP=${1:-}
PROJECT=${2:-}
if [[ -z "$APP" || -z "$PROJECT" ]]; then
    echo "usage: $0 APP PROJECT.gongkai.json" >&2
    exit 2
fi
APP=$(readlink -f "$APP")
PROJECT=$(readlink -f "$PROJECT")
HERE=$(cd "$(dirname "$0")" && pwd)
OUT_DIR=${OUT_DIR:-${TMPDIR:-/tmp}/gongkai_ime_check}
IME_ONTHESPOT=${IME_ONTHESPOT:-0}
IME_APP_LOCALE=${IME_APP_LOCALE:-C.UTF-8}
FIELD_X=${FIELD_X:-1347}
FIELD_Y=${FIELD_Y:-415}
BOARD_X=${BOARD_X:-92}
BOARD_Y=${BOARD_Y:-123}
WORD_PINYIN=nihao
WORD_HANZI=你好

say() { printf '[ime_check] %s\n' "$*"; }
die() { say "SETUP ERROR: $*"; exit 2; }

for tool in Xvfb xdotool import convert xprop dbus-daemon fcitx5; do
    command -v "$tool" >/dev/null || die "missing '$tool' (see the package list at the top of $0)"
done
[[ -x "$APP" ]] || die "app '$APP' is not executable"
[[ -f "$PROJECT" ]] || die "project '$PROJECT' not found"
[[ -d /usr/share/fcitx5/inputmethod && -f /usr/share/fcitx5/inputmethod/pinyin.conf ]] ||
    die "fcitx5 pinyin not installed (fcitx5-chinese-addons / fcitx5-pinyin)"

mkdir -p "$OUT_DIR"
TMP=$(mktemp -d /tmp/ime_check.XXXXXX)
PIDS=()
cleanup() {
    local pid
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        pid=${PIDS[i]}
        kill "$pid" 2>/dev/null
    done
    sleep 0.3
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT

shot() { # shot NAME: whole screen to OUT_DIR/NAME.png
    import -window root "$OUT_DIR/$1.png" 2>/dev/null && say "screenshot $OUT_DIR/$1.png"
}

wait_for() { # wait_for SECONDS COMMAND...: poll every 0.2 s
    local limit=$1; shift
    local end=$((SECONDS + limit))
    while ((SECONDS < end)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    return 1
}

# --- 1. X server ------------------------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$TMP/display" >"$TMP/xvfb.log" 2>&1 &
PIDS+=($!)
wait_for 10 test -s "$TMP/display" || die "Xvfb did not start ($(cat "$TMP/xvfb.log"))"
export DISPLAY=":$(head -1 "$TMP/display")"
say "Xvfb on $DISPLAY (pid ${PIDS[0]})"

# --- private environment for fcitx5 and the app ------------------------------------------------
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_DATA_HOME="$TMP/home/.local/share"
export XDG_CACHE_HOME="$TMP/home/.cache" XDG_RUNTIME_DIR="$TMP/run"
mkdir -p "$XDG_CONFIG_HOME/fcitx5/conf" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
cat >"$XDG_CONFIG_HOME/fcitx5/profile" <<'EOF'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
EOF
cat >"$XDG_CONFIG_HOME/fcitx5/config" <<'EOF'
[Hotkey/TriggerKeys]
0=Control+space

[Behavior]
ActiveByDefault=True
ShareInputState=No
ShowInputMethodInformation=False
EOF
if [[ "$IME_ONTHESPOT" == 1 ]]; then
    echo 'UseOnTheSpot=True' >"$XDG_CONFIG_HOME/fcitx5/conf/xim.conf"
fi
# fcitx5 itself runs in a UTF-8 locale whatever the app gets.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# --- D-Bus session -----------------------------------------------------------------------------
dbus-daemon --session --fork --nopidfile --print-address=4 --print-pid=5 \
    4>"$TMP/dbus.addr" 5>"$TMP/dbus.pid" || die "dbus-daemon did not start"
wait_for 5 test -s "$TMP/dbus.pid" || die "dbus-daemon gave no pid"
PIDS+=("$(cat "$TMP/dbus.pid")")
export DBUS_SESSION_BUS_ADDRESS
DBUS_SESSION_BUS_ADDRESS=$(head -1 "$TMP/dbus.addr")
say "D-Bus session bus $DBUS_SESSION_BUS_ADDRESS (pid ${PIDS[-1]})"

# --- 2. fcitx5 ---------------------------------------------------------------------------------
fcitx5 --disable=wayland,waylandim,kimpanel,notificationitem >"$TMP/fcitx5.log" 2>&1 &
PIDS+=($!)
say "fcitx5 pid ${PIDS[-1]} (pinyin active by default, on-the-spot=$IME_ONTHESPOT)"
xim_ready() { xprop -root XIM_SERVERS 2>/dev/null | grep -q '@server=fcitx'; }
wait_for 20 xim_ready || die "fcitx5 did not register its XIM server (log: $(tail -5 "$TMP/fcitx5.log"))"
say "fcitx5 XIM server registered on the root window (XIM_SERVERS has @server=fcitx)"

# --- 3. the app ----------------------------------------------------------------------------------
WORK="$OUT_DIR/ime_check.gongkai.json"
cp "$PROJECT" "$WORK"
count_word() { grep -o "$1" "$2" | wc -l; }
note_of() { command -v jq >/dev/null && jq -r '.boards[0].footer.note // empty' "$1" 2>/dev/null; }
BEFORE_HANZI=$(count_word "$WORD_HANZI" "$WORK")
BEFORE_LATIN=$(grep -o -E 'nihao|ceshi' "$WORK" | wc -l)
BEFORE_NOTE=$(note_of "$WORK")
BEFORE_SUM=$(md5sum <"$WORK")

say "starting: XMODIFIERS=@im=fcitx LANG=$IME_APP_LOCALE LC_ALL=$IME_APP_LOCALE $APP $WORK"
env -u LC_CTYPE XMODIFIERS=@im=fcitx LANG="$IME_APP_LOCALE" LC_ALL="$IME_APP_LOCALE" \
    "$APP" "$WORK" >"$OUT_DIR/app.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")

find_window() { xdotool search --onlyvisible --pid "$APP_PID" --class gongkai 2>/dev/null | head -1; }
have_window() { [[ -n "$(find_window)" ]]; }
wait_for 30 have_window || die "no gongkai window after 30 s (app log: $(tail -5 "$OUT_DIR/app.log"))"
WIN=$(find_window)
say "window $WIN: $(xdotool getwindowname "$WIN") $(xdotool getwindowgeometry "$WIN" | tr '\n' ' ')"
# Wait for the first real frame (a freshly mapped GL window is black).
painted() { [[ $(import -window "$WIN" -format '%[fx:mean>0.03]' info: 2>/dev/null) == 1 ]]; }
wait_for 30 painted || die "window never painted"
sleep 1
# There is no window manager under Xvfb: give the window the X input focus ourselves (without it
# winit gets no FocusIn, the XIM context is never focused and no key reaches the field).
xdotool windowfocus --sync "$WIN" || die "could not focus the window"
shot ime_check_1_started

say "selecting the board in the outline, clicking the text field at ($FIELD_X,$FIELD_Y)"
xdotool mousemove --window "$WIN" "$BOARD_X" "$BOARD_Y" click 1
sleep 0.5
xdotool mousemove --window "$WIN" "$FIELD_X" "$FIELD_Y" click 1
sleep 0.7
xdotool key End
shot ime_check_2_field_focused

candidate_visible() { xdotool search --onlyvisible --name 'Fcitx5 Input Window' >/dev/null 2>&1; }

say "typing 'ceshi' + Escape (composition must be cancelled, nothing inserted)"
xdotool type --delay 120 ceshi
if wait_for 3 candidate_visible; then
    say "fcitx5 candidate window is visible while composing"
else
    say "fcitx5 candidate window did NOT appear (IME not engaged?)"
fi
shot ime_check_3_composing_ceshi
xdotool key Escape
sleep 0.5

say "typing '${WORD_PINYIN}o' + BackSpace (edits the composition) + space (commits)"
xdotool type --delay 120 "${WORD_PINYIN}o"
sleep 0.3
xdotool key BackSpace
sleep 0.5
CAND=""
if wait_for 3 candidate_visible; then
    CW=$(xdotool search --onlyvisible --name 'Fcitx5 Input Window' | head -1)
    CAND=$(xdotool getwindowgeometry "$CW" | tr '\n' ' ')
    say "candidate window: $CAND"
fi
shot ime_check_4_composing_nihao
xdotool key space
sleep 0.8
shot ime_check_5_committed

say "saving with Ctrl+S"
xdotool key ctrl+s
saved() { [[ "$(md5sum <"$WORK")" != "$BEFORE_SUM" ]]; }
wait_for 10 saved || say "the file did not change after Ctrl+S"
sleep 0.5
shot ime_check_6_saved

AFTER_HANZI=$(count_word "$WORD_HANZI" "$WORK")
AFTER_LATIN=$(grep -o -E 'nihao|ceshi' "$WORK" | wc -l)
AFTER_NOTE=$(note_of "$WORK")
say "'$WORD_HANZI' in the file: before $BEFORE_HANZI, after $AFTER_HANZI; pinyin letters: before $BEFORE_LATIN, after $AFTER_LATIN"
if command -v jq >/dev/null; then
    say "boards[0].footer.note: before '$BEFORE_NOTE', after '$AFTER_NOTE'"
fi

status=0
if ((AFTER_HANZI != BEFORE_HANZI + 1)); then
    say "FAIL: expected exactly one more '$WORD_HANZI' in $WORK"
    status=1
fi
if ((AFTER_LATIN != BEFORE_LATIN)); then
    say "FAIL: stray pinyin letters reached the file"
    status=1
fi
if command -v jq >/dev/null && [[ "$AFTER_NOTE" != "$BEFORE_NOTE$WORD_HANZI" ]]; then
    say "FAIL: the field holds '$AFTER_NOTE', expected '$BEFORE_NOTE$WORD_HANZI'"
    status=1
fi
if ((status == 0)); then
    say "PASS: '$WORD_HANZI' typed through fcitx5 pinyin reached the field and the saved file $WORK"
fi
exit $status
