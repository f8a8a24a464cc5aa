#!/usr/bin/env bash
# The one restore + publish used by the Dockerfile and by CI (.ci/run), so CI proves what the image builds.
# Usage: build/publish.sh OUTPUT_DIR
set -euo pipefail

if [[ $# -ne 1 || -z "$1" ]]; then
    echo "usage: build/publish.sh OUTPUT_DIR" >&2
    exit 2
fi
# Resolve the output before changing directory, so a relative path means relative to the caller.
mkdir -p "$1"
output="$(cd "$1" && pwd)"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

project=QdnConsole/QdnConsole.csproj
# Restore separately: build/BlazorScript.targets needs the runtime pack it downloads before the build starts.
dotnet restore "$project"
dotnet publish "$project" -c Release --no-restore -o "$output"

# Without blazor.web.js the pages render but never become interactive: fail here, not in production.
# MapStaticAssets needs both the file and its route in the endpoints manifest.
script="$output/wwwroot/_framework/blazor.web.js"
manifest="$output/QdnConsole.staticwebassets.endpoints.json"
if [[ ! -s "$script" ]]; then
    echo "publish.sh: ERROR: $script is missing or empty;" >&2
    echo "publish.sh: the ExtractBlazorScript step in build/BlazorScript.targets did not run or was not published." >&2
    exit 1
fi
if ! grep -q '"Route": *"_framework/blazor\.web\.js"' "$manifest" 2>/dev/null; then
    echo "publish.sh: ERROR: $manifest does not route _framework/blazor.web.js, so MapStaticAssets would not serve it." >&2
    exit 1
fi
echo "publish.sh: published to $output (with _framework/blazor.web.js)"
