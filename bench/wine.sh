#!/usr/bin/env bash
# Times our venvlauncher.exe against CPython's own venvlauncher.exe under
# wine: two venvs made by a real Windows CPython 3.14 (fetched through the
# Go module proxy, see .ci/embedpy), one keeping CPython's redirector, one
# with ours installed, the base python.exe, and bench/floor (a bare Go
# spawn-and-wait) running it, interleaved in one loop by bench/winevenv. Everything (the wine prefix included) lives in a
# temporary directory, removed at the end. Extra arguments go to winevenv
# (e.g. -n 500, or -- -I -c pass).
set -euo pipefail
bench_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd -- "$bench_dir/.." && pwd)
version=${PY_BENCH_MODULE:-v0.0.0-3.14.6-20260610-1}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/py-winebench.XXXXXX")
export WINEPREFIX=$tmp/wine/prefix
cleanup() {
	wineserver -k 2>/dev/null || true
	rm -rf -- "$tmp"
}
trap cleanup EXIT

cd -- "$repo"
source .ci/wine-setup >/dev/null
echo "== building into $tmp"
go build -o "$tmp/embedpy" ./.ci/embedpy
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$tmp/bin/venvlauncher.exe" ./cmd/venvlauncher
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -trimpath -ldflags='-s -w -H=windowsgui' -o "$tmp/bin/venvwlauncher.exe" ./cmd/venvlauncher
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -trimpath -o "$tmp/bin/winevenv.exe" ./bench/winevenv
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$tmp/bin/floor.exe" ./bench/floor
(cd -- "$tmp" && ./embedpy -o "$tmp/py" "$version")
base=$(find "$tmp/py" -maxdepth 2 -name python.exe | head -1)

# A wineserver that stays (and whose output is not ours: a captured run
# would otherwise wait for it to exit).
wineserver -w # the one wine-setup started, which is not persistent
wineserver -p </dev/null >/dev/null 2>&1
wine wineboot </dev/null >/dev/null 2>&1 || true
unset PYTHONDONTWRITEBYTECODE PYTHONUNBUFFERED

# Two venvs from the same base. wine 8 lacks CopyFile2, which 3.14's venv
# calls: without it venv copies with shutil.
for v in cpython ours; do
	wine "$base" -c 'import _winapi; del _winapi.CopyFile2; import runpy; runpy.run_module("venv", run_name="__main__")' \
		--without-pip "$(winepath -w "$tmp/$v")" 2>&1 | cat
done
wine "$tmp/bin/venvlauncher.exe" install "$(winepath -w "$tmp/ours")" 2>&1 | cat
cmp -s "$tmp/cpython/Scripts/python.exe" "$(dirname "$base")/Lib/venv/scripts/nt/venvlauncher.exe" ||
	{ echo "wine.sh: the cpython venv's python.exe is not CPython's venvlauncher.exe" >&2; exit 1; }

echo "== $(wine "$base" -c 'import sys; print(sys.version)' 2>&1 | cat)"
echo "== venvlauncher.exe: ours $(wc -c <"$tmp/bin/venvlauncher.exe") bytes, CPython's $(wc -c <"$tmp/cpython/Scripts/python.exe") bytes"
wine "$tmp/bin/winevenv.exe" -cpython "$(winepath -w "$tmp/cpython/Scripts/python.exe")" \
	-ours "$(winepath -w "$tmp/ours/Scripts/python.exe")" -base "$(winepath -w "$base")" \
	-floor "$(winepath -w "$tmp/bin/floor.exe")" "$@" 2>&1 | cat
