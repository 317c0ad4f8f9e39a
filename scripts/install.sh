#!/usr/bin/env bash
# Installs the `tigerimport` command from this checkout as a .NET global tool (needs the .NET 10 SDK):
# packs src/TigerImport.Cli into .local/nupkg and installs (or updates, or downgrades) it from there, into ~/.dotnet/tools.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

rm -rf .local/nupkg
dotnet pack src/TigerImport.Cli -c Release -o .local/nupkg --nologo
package=$(basename .local/nupkg/TigerImport.Tool.*.nupkg .nupkg)
version=${package#TigerImport.Tool.}
# "update" installs when absent; --version takes the prerelease a tagless checkout builds (0.5.0-alpha.0.N), and
# --allow-downgrade lets an older checkout replace a newer install (else "update" refuses with exit 1).
dotnet tool update --global --add-source .local/nupkg TigerImport.Tool --version "$version" --allow-downgrade
# .NET puts global tools under $DOTNET_CLI_HOME when that is set, else under $HOME.
tools="${DOTNET_CLI_HOME:-$HOME}/.dotnet/tools"
case ":$PATH:" in
  *":$tools:"*) ;;
  *) echo "Add $tools to PATH: export PATH=\"\$PATH:$tools\"" >&2 ;;
esac
