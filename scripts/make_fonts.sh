#!/usr/bin/env bash
# Rebuilds fonts/*.ttf from the upstream Noto SC fonts (see fonts/README.md).
# Needs: npm, python3 with `pip install fonttools`. Runs offline once the npm packages are cached.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
cd "$work"
npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 @expo-google-fonts/noto-serif-sc@0.4.3 >/dev/null
mkdir sans serif
tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz -C sans
tar xzf expo-google-fonts-noto-serif-sc-0.4.3.tgz -C serif
python3 "$top/scripts/font_unicodes.py" > unicodes.txt
subset() { # in out
  pyftsubset "$1" --unicodes-file=unicodes.txt --layout-features='' \
    --drop-tables+=GPOS,GSUB,GDEF,BASE,STAT,kern,vhea,vmtx,VORG --no-hinting --name-IDs='*' \
    --output-file="$top/fonts/$2"
}
subset sans/package/400Regular/NotoSansSC_400Regular.ttf NotoSansSC-Regular.ttf
subset sans/package/700Bold/NotoSansSC_700Bold.ttf NotoSansSC-Bold.ttf
subset serif/package/400Regular/NotoSerifSC_400Regular.ttf NotoSerifSC-Regular.ttf
subset serif/package/700Bold/NotoSerifSC_700Bold.ttf NotoSerifSC-Bold.ttf
cp sans/package/LICENSE_FONT "$top/fonts/OFL-NotoSansSC.txt"
cp serif/package/LICENSE_FONT "$top/fonts/OFL-NotoSerifSC.txt"
rm -rf "$work"
ls -l "$top/fonts"
