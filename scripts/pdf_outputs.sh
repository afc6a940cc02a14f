#!/usr/bin/env bash
# Writes every PDF the product makes for the benchmark fixture, with fixed dates, into OUTDIR:
# each export mode and option that changes the imposition, both reports, and the PDFs of a
# publish archive. Run it with the binaries of two commits and compare the folders
# (`scripts/pdf_outputs.sh BIN_A A && scripts/pdf_outputs.sh BIN_B B && diff -r A B`) to show a
# refactor changed no byte of any PDF.
#
# Usage: scripts/pdf_outputs.sh GONGKAI_BINARY OUTDIR
set -euo pipefail
bin=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
fixture="$here/tests/fixtures/qinghe.gongkai.json"
mkdir -p "$out"
out=$(realpath "$out")
date=2026-03-01

export_as() {
  local name=$1
  shift
  "$bin" export "$fixture" --date "$date" "$@" -o "$out/$name.pdf" >/dev/null
}
export_as board --mode board
export_as board-marks-bleed-cmyk --mode board --marks --bleed 5 --cmyk-black
export_as board-scale10 --mode board --scale 10
export_as tiles-a4 --mode tiles
export_as tiles-a3-overlap20 --mode tiles --paper A3 --overlap 20 --marks
export_as register --mode register
export_as register-internal --mode register --internal
export_as cards --mode cards
export_as cards-a3-marks-nobacks --mode cards --paper A3 --marks --no-backs
"$bin" report "$fixture" --kind self-check --today "$date" -o "$out/report-self-check.pdf" >/dev/null
"$bin" report "$fixture" --kind catalog --today "$date" -o "$out/report-catalog.pdf" >/dev/null

# A publish archive: edit one item of a copy of the fixture (publish archives only a change),
# publish it on a fixed day, keep the archive's PDFs.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$fixture" "$work/qinghe.gongkai.json" <<'PY'
import json, sys
project = json.load(open(sys.argv[1], encoding="utf-8"))
project["items"][0]["title"] += "（更新）"
project["items"][0]["disclosure"]["changed_on"] = "2026-08-20"
json.dump(project, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
"$bin" publish "$work/qinghe.gongkai.json" --today 2026-09-01 >/dev/null || true
find "$work" -name '*.pdf' | sort | while read -r pdf; do
  relative=${pdf#"$work/"}
  cp "$pdf" "$out/archive-${relative//\//_}"
done
ls "$out" | wc -l | xargs echo "PDFs written:"
