#!/bin/sh
# Renders the README picture: `chokepoint brief` → .xlsx → PDF (LibreOffice, headless, private profile,
# showing the cached results because LibreOffice cannot evaluate CHOKEPOINT functions) → PNG of the
# first page (pdftoppm) at docs/images/briefing.png.
# Usage: scripts/render-briefing-png.sh [template-id, default all] [output png]
set -eu
cd "$(dirname "$0")/.."
template="${1:-all}"
png="${2:-docs/images/briefing.png}"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "render-briefing-png: $tool not found (Debian: libreoffice-calc, poppler-utils)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npx chokepoint brief --template "$template" --out "$work/briefing.xlsx" >/dev/null
mkdir -p "$work/profile/user"
cat > "$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>1</value></prop></item>
</oor:items>
XCU
soffice "-env:UserInstallation=file://$work/profile" --headless --norestore --convert-to pdf --outdir "$work" "$work/briefing.xlsx" >/dev/null 2>&1
mkdir -p "$(dirname "$png")"
# the first page is the Stage comparison sheet; keep its summary, heat map and notes
pdftoppm -png -r 110 -f 1 -l 1 -x 70 -y 70 -W 1130 -H 400 -singlefile "$work/briefing.pdf" "${png%.png}"
echo "wrote $png"
