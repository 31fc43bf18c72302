#!/usr/bin/env bash
# release/deb-test.sh DEB [--no-extra] — installs py's .deb on this Debian
# machine, uses it, and removes it, checking that it leaves nothing behind.
# For CI (as root; needs python3 and man-db). --no-extra: the .deb was
# built without the man pages and completions (release/build.sh -no-extra),
# so they are not looked for.
#
# It refuses to run where py is installed, or where any file of the
# package exists already: dpkg would overwrite it, and dpkg -r remove it.
set -euo pipefail
deb=${1:?usage: release/deb-test.sh DEB [--no-extra]}
extra=yes
[ "${2:-}" = --no-extra ] && extra=no
fail() { echo "deb-test: FAIL: $*" >&2; exit 1; }
step() { echo "deb-test: $*"; }

version=$(dpkg-deb -f "$deb" Version)
step "$deb: py $version"
if dpkg -s py >/dev/null 2>&1; then
	fail "the package py is installed already: dpkg -r py first"
fi
# The package's files (not its directories), as the .deb lists them.
mapfile -t files < <(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep -v '/$' | sed 's|^\./|/|')
[ "${#files[@]}" -gt 0 ] || fail "the .deb holds no files"
for f in "${files[@]}"; do
	[ -e "$f" ] && fail "$f exists already; it would be overwritten, then removed"
done
# Its directories that are not there yet: dpkg -r must remove them again.
mapfile -t newdirs < <(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep '/$' | sed 's|^\./|/|; s|/$||' | while read -r d; do [ -e "$d" ] || echo "$d"; done)

step "dpkg -i"
dpkg -i "$deb" >/dev/null
# dpkg -L lists what dpkg installed: every file of the .deb, each there.
mapfile -t listed < <(dpkg -L py)
for f in "${files[@]}"; do
	printf '%s\n' "${listed[@]}" | grep -qxF "$f" || fail "dpkg -L py does not list $f"
	[ -f "$f" ] || fail "$f is not installed"
done
step "${#files[@]} files installed, each listed by dpkg -L"

step "py --list"
[ "$(command -v py)" = /usr/bin/py ] || fail "py on PATH is $(command -v py), not /usr/bin/py"
py --list || fail "py --list failed"

# The programs say the release's version (the .deb's, in Go's spelling).
first=$(py help | head -1)
case $first in
"Python launcher v"*) ;;
*) fail "py help says \"$first\"" ;;
esac
stamp=${first#Python launcher }
[ "$stamp" != vdevel ] || fail "py is not stamped with a version"
step "py help: $first"
py -c 'import sys; print("py runs", sys.executable, sys.version.split()[0])'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# venvlauncher in a real venv: its trace names the version.
python3 -m venv --without-pip "$tmp/venv"
venvlauncher install "$tmp/venv" >/dev/null
out=$(PYLAUNCHER_DEBUG=1 "$tmp/venv/bin/python" -c 'import sys; print(sys.prefix)' 2>"$tmp/trace")
[ "$out" = "$tmp/venv" ] || fail "the venv's python (venvlauncher) gives sys.prefix $out"
grep -q "^# venvlauncher $stamp: " "$tmp/trace" || fail "venvlauncher's trace does not say $stamp: $(cat "$tmp/trace")"
step "venvlauncher: $(head -1 "$tmp/trace")"
# mkentrypoint finds the template in /usr/lib/py; the launcher's trace
# names the version.
printf 'import sys\nprint("hello from", sys.argv[1])\n' >"$tmp/hello.py"
mkentrypoint -python /usr/bin/python3 -script "$tmp/hello.py" -o "$tmp/hello"
out=$(PYLAUNCHER_DEBUG=1 "$tmp/hello" world 2>"$tmp/trace")
[ "$out" = "hello from world" ] || fail "the launcher mkentrypoint made printed \"$out\""
grep -q "^# entrypoint $stamp: $tmp/hello\$" "$tmp/trace" || fail "the entrypoint's trace does not say $stamp: $(cat "$tmp/trace")"
step "entrypoint: $(head -1 "$tmp/trace")"
for arch in amd64 arm64; do
	mkentrypoint -python 'C:\Python\python.exe' -template /usr/lib/py/windows-$arch/entrypoint.exe -o "$tmp/tool-$arch.exe" tool:main
done
step "mkentrypoint made Windows launchers from /usr/lib/py/windows-{amd64,arm64}"

if [ $extra = yes ]; then
	step "man -w py: $(man -w py)"
	[ "$(man -w py)" = /usr/share/man/man1/py.1.gz ] || fail "man -w py gives $(man -w py)"
	for page in venvlauncher mkentrypoint; do
		man -w $page >/dev/null || fail "no man page for $page"
	done
	man py | grep -qF "$stamp" || fail "the man page does not name $stamp"
	for f in /usr/share/bash-completion/completions/py /usr/share/zsh/vendor-completions/_py /usr/share/fish/vendor_completions.d/py.fish; do
		[ -s "$f" ] || fail "no completion $f"
	done
	step "the man pages name $stamp; the completions are there"
else
	step "--no-extra: no man pages or completions looked for"
fi

step "dpkg -r"
dpkg -r py >/dev/null
if dpkg -s py 2>/dev/null | grep -q '^Status: install'; then
	fail "py is still installed"
fi
for f in "${files[@]}" ${newdirs[@]+"${newdirs[@]}"}; do
	[ -e "$f" ] && fail "$f is left after dpkg -r"
done
step "removed: none of its ${#files[@]} files is left, nor the ${#newdirs[@]} directories it made (${newdirs[*]})"
echo "deb-test: ok"
