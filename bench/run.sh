#!/usr/bin/env bash
# Builds py, the floor and the compare driver into a temporary directory and
# measures py's start-up overhead against the floor (see bench/README.md).
# Works from any directory. Extra arguments go to compare (e.g. -n 1000).
set -euo pipefail

bench_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd -- "$bench_dir/.." && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/py-bench.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT

echo "== building into $tmp"
(
	cd -- "$repo"
	go build -trimpath -ldflags='-s -w' -o "$tmp/py" ./cmd/py
	go build -trimpath -ldflags='-s -w' -o "$tmp/floor" ./bench/floor
	go build -trimpath -o "$tmp/compare" ./bench/compare
	go build -trimpath -ldflags='-s -w' -o "$tmp/entrypoint" ./cmd/entrypoint
	go build -trimpath -o "$tmp/mkentrypoint" ./cmd/mkentrypoint
)
for f in py floor entrypoint; do
	printf '   %-6s %9d bytes\n' "$f" "$(wc -c <"$tmp/$f")"
done

# A private, empty cache: the first py run starts cold, the rest are warm.
export XDG_CACHE_HOME="$tmp/cache"
mkdir -p -- "$XDG_CACHE_HOME"

python=${PYTHON:-${PYENV_ROOT:-$HOME/.pyenv}/versions/3.12.1/bin/python3.12}

# A console-script launcher whose payload does nothing (like "-c pass").
printf 'pass\n' >"$tmp/pass.py"
"$tmp/mkentrypoint" -template "$tmp/entrypoint" -python "$python" -script "$tmp/pass.py" -o "$tmp/launcher"

echo "== $(go version); $(uname -sr)"
"$tmp/compare" -py "$tmp/py" -floor "$tmp/floor" -python "$python" \
	-request -3.12 -n 300 -warmup 30 -list -count-queries -entrypoint "$tmp/launcher" "$@"
