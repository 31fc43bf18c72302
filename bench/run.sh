#!/usr/bin/env bash
# Builds py, the floor and the compare driver into a temporary directory and
# measures py's start-up overhead against the floor (see bench/README.md),
# and against the Rust python-launcher when its build is found (PEER=…);
# then python3.12, a link to py (its argv[0] mode), against py -3.12.
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

# The peer: the Rust python-launcher (1.0.1), timed in the same loop. It only
# searches PATH for pythonX.Y, and pyenv's shims (on PATH here) exit 127 when
# no version is selected, so the interpreter's own directory goes first on
# PATH: the peer then runs the very file run directly, with no symlink in
# between. It reads every PATH directory on every run, so its cost depends
# on PATH: direct, the floor and py get the same PATH in that loop (the
# rest of the run keeps the real one).
peer=${PEER-$repo/../shared/peers/python-launcher/py}
peer_args=()
if [[ -n $peer && -x $peer ]]; then
	peer_args=(-peer "$peer" -path "$(dirname -- "$python"):$PATH")
	printf '   %-6s %9d bytes (%s)\n' peer "$(wc -c <"$peer")" "$peer"
else
	echo "== no peer launcher at '${peer}': skipped (PEER=/path/to/python-launcher/py to compare with one)"
fi

echo "== $(go version); $(uname -sr)"
"$tmp/compare" -py "$tmp/py" -floor "$tmp/floor" -python "$python" "${peer_args[@]}" \
	-request -3.12 -alias python3.12 -n 300 -warmup 30 -list -count-queries -entrypoint "$tmp/launcher" "$@"
