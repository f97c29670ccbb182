#!/usr/bin/env bash
# Builds the Azure Functions app (.NET isolated worker, src/DriveSync.Functions) for Linux and zips it for
# `az functionapp deployment source config-zip` (or a run-from-package blob). The package holds host.json,
# worker.config.json, functions.metadata, extensions.json, the app's assemblies and the Durable extension
# payload under .azurefunctions/ — everything the Functions host needs, no extension bundle.
#   bash scripts/publish.sh [output-directory]      (default .artifacts/publish)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/.artifacts/publish}" && cd "${1:-$root/.artifacts/publish}" && pwd)"
package="$out/package"
zip="$out/drivesync-functions.zip"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rm -rf "$package" "$zip"
dotnet publish "$root/src/DriveSync.Functions/DriveSync.Functions.csproj" -c Release -r linux-x64 --self-contained false \
  -p:DebugType=none -o "$package" --nologo

for required in host.json worker.config.json functions.metadata extensions.json DriveSync.Functions.dll \
  .azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll; do
  [[ -f "$package/$required" ]] || { echo "publish: $required is missing from $package" >&2; exit 1; }
done
rm -f "$package"/*.xml

# Zip with paths relative to the package root (the layout config-zip and run-from-package expect), hidden folders included.
python3 - "$package" "$zip" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(source):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, source))
PY
functions="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$package/functions.metadata")"
echo "publish: $functions functions + host.json + Durable extension in $package"
echo "publish: zip package $zip"
