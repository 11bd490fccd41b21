#!/bin/sh
# Renders the README pictures (docs/images/briefing.png: the whole first sheet; docs/images/
# briefing-chart.png: a chart) from a fresh briefing through LibreOffice and poppler-utils.
# Usage: scripts/render-briefing-png.sh [template-id, default all] [chart id, default the first]
set -eu
cd "$(dirname "$0")/.."
exec npx tsx scripts/render-briefing.ts "$@"
