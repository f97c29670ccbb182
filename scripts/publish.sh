#!/usr/bin/env bash
# Builds the Azure Functions custom-handler package: the self-contained linux-x64 `drivesync`
# executable, host.json and one folder per function (each with its function.json), as a folder
# and as a zip ready for `az functionapp deployment source config-zip` or run-from-package.
#   bash scripts/publish.sh [output-directory]      (default .artifacts/publish)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/.artifacts/publish}" && cd "${1:-$root/.artifacts/publish}" && pwd)"
package="$out/package"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rm -rf "$package" "$out/drivesync-functions.zip"
mkdir -p "$package"
dotnet publish "$root/src/DriveSync.Host/DriveSync.Host.csproj" -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none \
  -o "$package" --nologo

rm -f "$package"/*.pdb "$package"/*.xml "$package"/*.staticwebassets.endpoints.json
cp "$root/host.json" "$package/"
functions=0
for definition in "$root"/*/function.json; do
  name="$(basename "$(dirname "$definition")")"
  mkdir -p "$package/$name"
  cp "$definition" "$package/$name/function.json"
  functions=$((functions + 1))
done
chmod +x "$package/drivesync"

python3 - "$package" "$out/drivesync-functions.zip" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(source):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, source))  # keeps the executable bit
PY
echo "publish: $functions functions + host.json + drivesync in $package"
echo "publish: zip package $out/drivesync-functions.zip"
