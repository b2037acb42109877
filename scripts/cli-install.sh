#!/usr/bin/env bash
# npm run cli:install — the real Pulumi CLI, built from Go modules (tools/pulumi-cli/go.mod pins
# the version), into .tools/pulumi/bin/ together with the dynamic-provider launcher that ships in
# @pulumi/pulumi. Idempotent: skips when the pinned binary is there; copies from a machine-level
# cache when another clone on this machine built it already. Network: the Go module proxy only.
#
# The Node.js language host (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
# is not built: the module proxy here does not serve it (403 "not available" for every version,
# including the v3.248.0 release commit's pseudo-version). Programs run as Automation API inline
# programs instead (the CLI's --client talks to the language runtime the host process starts).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module_dir="$root/tools/pulumi-cli"
bin="$root/.tools/pulumi/bin"
version="$(sed -n 's#^require github.com/pulumi/pulumi/pkg/v3 \(v[0-9.]*\)$#\1#p; s#^[[:space:]]*github.com/pulumi/pulumi/pkg/v3 \(v[0-9.]*\)$#\1#p' "$module_dir/go.mod" | head -1)"
[ -n "$version" ] || { echo "cli:install: no github.com/pulumi/pulumi/pkg/v3 version in $module_dir/go.mod" >&2; exit 1; }
cache="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-diskops/pulumi-cli/$version"
launcher_src="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

has_version() { [ -x "$1/pulumi" ] && [ "$(PULUMI_SKIP_UPDATE_CHECK=1 "$1/pulumi" version 2>/dev/null)" = "$version" ]; }

install_launcher() {
  [ -f "$launcher_src" ] || { echo "cli:install: $launcher_src missing: run npm ci first" >&2; exit 1; }
  install -m 0755 "$launcher_src" "$bin/pulumi-resource-pulumi-nodejs"
}

report() {
  echo "cli:install: Pulumi CLI $version ($1)"
  echo "  $bin/pulumi"
  echo "  $bin/pulumi-resource-pulumi-nodejs (dynamic-provider launcher from @pulumi/pulumi)"
  echo "  language host: none built (the Go proxy does not serve it); programs run as Automation API inline programs"
}

mkdir -p "$bin"
if has_version "$bin"; then
  install_launcher
  report "already installed"
  exit 0
fi
if has_version "$cache"; then
  install -m 0755 "$cache/pulumi" "$bin/pulumi"
  install_launcher
  report "copied from the machine cache $cache"
  exit 0
fi
command -v go >/dev/null || { echo "cli:install: go is not installed (needed to build the Pulumi CLI)" >&2; exit 2; }
echo "cli:install: building Pulumi CLI $version with $(go version) (first build: several minutes)"
start=$(date +%s)
mkdir -p "$cache"
tmp="$cache/pulumi.partial.$$"
( cd "$module_dir" && go build \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi ) || { rm -f "$tmp"; echo "cli:install: go build failed" >&2; exit 3; }
mv -f "$tmp" "$cache/pulumi"
install -m 0755 "$cache/pulumi" "$bin/pulumi"
install_launcher
has_version "$bin" || { echo "cli:install: the built binary does not report $version" >&2; exit 3; }
report "built in $(( $(date +%s) - start )) s"
