#!/usr/bin/env bash
# npm run cli:install — the real Pulumi CLI and a Node.js language host, built from Go modules,
# into .tools/pulumi/bin/ together with the dynamic-provider launcher that ships in @pulumi/pulumi.
# With the three side by side, `PATH=.tools/pulumi/bin:$PATH pulumi up` runs a program in its own
# folder as a Pulumi release would.
#   - CLI: tools/pulumi-cli/go.mod pins github.com/pulumi/pulumi/pkg/v3.
#   - Language host: tools/pulumi-language-nodejs/go.mod pins github.com/pulumi/pulumi/sdk/v3. The
#     standalone host module (sdk/nodejs/cmd/pulumi-language-nodejs/v3) is refused by the Go module
#     proxy here (403); sdk/v3 up to v3.68.0 still holds nodejs/cmd/pulumi-language-nodejs, so the
#     host is older than the CLI (the skew and what it affects: docs/pulumi-cli.md).
# When the host cannot be built, the CLI is installed anyway and this says so: programs then run as
# Automation API inline programs through the CLI's --client (examples/demo/inline-program-host.ts).
# Idempotent: skips what is installed at the pinned version; copies from a machine-level cache
# (~/.cache/pulumi-alicloud-diskops) when another clone on this machine built it already.
# Network: the Go module proxy only.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.tools/pulumi/bin"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-alicloud-diskops"
launcher_src="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

# The version a wrapper module requires of a module: pinned_version DIR MODULE.
pinned_version() {
  sed -n "s#^require $2 \(v[0-9.]*\)\$#\1#p; s#^[[:space:]]*$2 \(v[0-9.]*\)\$#\1#p" "$1/go.mod" | head -1
}
cli_module="$root/tools/pulumi-cli"
host_module="$root/tools/pulumi-language-nodejs"
version="$(pinned_version "$cli_module" github.com/pulumi/pulumi/pkg/v3)"
[ -n "$version" ] || { echo "cli:install: no github.com/pulumi/pulumi/pkg/v3 version in $cli_module/go.mod" >&2; exit 1; }
host_version="$(pinned_version "$host_module" github.com/pulumi/pulumi/sdk/v3)"
[ -n "$host_version" ] || { echo "cli:install: no github.com/pulumi/pulumi/sdk/v3 version in $host_module/go.mod" >&2; exit 1; }
cli_cache="$cache_root/pulumi-cli/$version"
host_cache="$cache_root/pulumi-language-nodejs/$host_version"

has_cli() { [ -x "$1/pulumi" ] && [ "$(PULUMI_SKIP_UPDATE_CHECK=1 "$1/pulumi" version 2>/dev/null)" = "$version" ]; }
# The host has no version flag: a stamp file beside it records the version it was built from.
has_host() { [ -x "$1/pulumi-language-nodejs" ] && [ "$(cat "$1/.pulumi-language-nodejs.version" 2>/dev/null)" = "$host_version" ]; }

# go_build MODULE_DIR PACKAGE OUT VERSION: builds into OUT atomically (a partial file never counts).
go_build() {
  local tmp="$3.partial.$$"
  mkdir -p "$(dirname "$3")"
  if ( cd "$1" && go build -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$4" -o "$tmp" "$2" ); then
    mv -f "$tmp" "$3"
  else
    rm -f "$tmp"
    return 1
  fi
}

mkdir -p "$bin"
[ -f "$launcher_src" ] || { echo "cli:install: $launcher_src missing: run npm ci first" >&2; exit 1; }

# 1. The CLI (required).
if has_cli "$bin"; then
  cli_how="already installed"
elif has_cli "$cli_cache"; then
  install -m 0755 "$cli_cache/pulumi" "$bin/pulumi"
  cli_how="copied from the machine cache $cli_cache"
else
  command -v go >/dev/null || { echo "cli:install: go is not installed (needed to build the Pulumi CLI)" >&2; exit 2; }
  echo "cli:install: building Pulumi CLI $version with $(go version) (first build: several minutes)"
  start=$(date +%s)
  go_build "$cli_module" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$cli_cache/pulumi" "$version" || { echo "cli:install: go build of the CLI failed" >&2; exit 3; }
  install -m 0755 "$cli_cache/pulumi" "$bin/pulumi"
  cli_how="built in $(( $(date +%s) - start )) s"
fi
has_cli "$bin" || { echo "cli:install: the installed binary does not report $version" >&2; exit 3; }

# 2. The dynamic-provider launcher of the project's @pulumi/pulumi.
install -m 0755 "$launcher_src" "$bin/pulumi-resource-pulumi-nodejs"

# 3. The Node.js language host (optional: the inline route is the fallback).
host_note=""
install_host() {
  install -m 0755 "$1/pulumi-language-nodejs" "$bin/pulumi-language-nodejs"
  echo "$host_version" > "$bin/.pulumi-language-nodejs.version"
}
if [ -n "${DISKOPS_NO_LANGUAGE_HOST:-}" ]; then
  rm -f "$bin/pulumi-language-nodejs" "$bin/.pulumi-language-nodejs.version"
  host_note="not installed (DISKOPS_NO_LANGUAGE_HOST is set)"
elif has_host "$bin"; then
  host_how="already installed"
elif [ -x "$host_cache/pulumi-language-nodejs" ]; then
  install_host "$host_cache"
  host_how="copied from the machine cache $host_cache"
elif ! command -v go >/dev/null; then
  host_note="not built: go is not installed"
else
  echo "cli:install: building the Node.js language host $host_version (first build: about 2 minutes)"
  start=$(date +%s)
  if go_build "$host_module" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs "$host_cache/pulumi-language-nodejs" "$host_version"; then
    install_host "$host_cache"
    host_how="built in $(( $(date +%s) - start )) s"
  else
    host_note="not built: go build failed (output above)"
  fi
fi
if [ -z "$host_note" ] && ! has_host "$bin"; then host_note="not installed: the copy in $bin does not check out"; fi
if [ -n "$host_note" ]; then rm -f "$bin/pulumi-language-nodejs" "$bin/.pulumi-language-nodejs.version"; fi

echo "cli:install: Pulumi CLI $version ($cli_how)"
echo "  $bin/pulumi"
echo "  $bin/pulumi-resource-pulumi-nodejs (dynamic-provider launcher from @pulumi/pulumi)"
if [ -z "$host_note" ]; then
  echo "  $bin/pulumi-language-nodejs (Node.js language host $host_version, $host_how)"
  echo "  Run programs in their own folders: export PATH=\"$bin:\$PATH\"; pulumi up"
else
  echo "cli:install: Node.js language host $host_version $host_note." >&2
  echo "  Fallback: programs run as Automation API inline programs through the CLI's --client" >&2
  echo "  (examples/demo/inline-program-host.ts); plain \`pulumi up\` in a project folder needs a host." >&2
fi
