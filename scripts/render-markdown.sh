#!/usr/bin/env bash
# Renders a Markdown report (isolation-audit scan -f markdown) to HTML the way GitHub shows a
# pull-request comment, and takes a screenshot of it with headless Chromium, to look at a
# comment before a bot posts it.
#
#   scripts/render-markdown.sh REPORT.md OUT.png
#
# Needs node/npm and Chromium (Debian: apt-get install -y chromium). The converter (marked, with
# GitHub's alert syntax) and GitHub's stylesheet (github-markdown-css) are installed from npm into
# a cache directory on first use; nothing is written into the repository. Environment:
#   OPEN=1        expand every <details> section (default: collapsed, as GitHub first shows them)
#   WIDTH=1000    viewport width in pixels;  HEIGHT=1600 viewport height in pixels
#   HTML=FILE     also keep the HTML page there
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.md OUT.png" >&2
  exit 2
fi
report=$(realpath "$1")
out=$(realpath -m "$2")
width=${WIDTH:-1000}
height=${HEIGHT:-1600}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/isolation-audit/render-markdown
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chromium" ]; then
  echo "$0: Chromium not found (Debian: apt-get install -y chromium)" >&2
  exit 2
fi

if [ ! -f "$cache/node_modules/marked/package.json" ] \
  || [ ! -f "$cache/node_modules/marked-alert/package.json" ] \
  || [ ! -f "$cache/node_modules/github-markdown-css/package.json" ]; then
  mkdir -p "$cache"
  npm install --silent --no-audit --no-fund --prefix "$cache" \
    marked@18 marked-alert@2 github-markdown-css@5 >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page=${HTML:-$work/report.html}

cat > "$work/render.mjs" <<'JS'
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
const [cache, report, page, open] = process.argv.slice(2);
const require = createRequire(cache + "/");
const { marked } = await import(require.resolve("marked"));
const markedAlert = (await import(require.resolve("marked-alert"))).default;
marked.use({ gfm: true }, markedAlert());
let body = marked.parse(readFileSync(report, "utf8"));
if (open === "1") body = body.replaceAll("<details>", "<details open>");
const css = readFileSync(require.resolve("github-markdown-css/github-markdown-light.css"), "utf8");
writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; max-width: 980px; margin: 0 auto; padding: 24px 32px;
  border: 1px solid #d0d7de; border-radius: 6px; }
.markdown-alert { padding: 0.5rem 1rem; margin-bottom: 16px; border-left: .25em solid #0969da; }
.markdown-alert-title { font-weight: 500; color: #0969da; }
</style></head><body><article class="markdown-body">${body}</article></body></html>`);
JS
node "$work/render.mjs" "$cache" "$report" "$page" "${OPEN:-0}"

"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size="$width,$height" \
  --screenshot="$out" "file://$page" >/dev/null 2>&1
echo "wrote $out" >&2
