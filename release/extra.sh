#!/usr/bin/env bash
# release/extra.sh DIR — the hook that writes what the .deb installs beyond
# the programs into DIR. release/build.sh runs it from the repository's top,
# after the builds, with DIR emptied first. It must write:
#
#   DIR/man/py.1              py(1), roff          -> /usr/share/man/man1/py.1.gz
#   DIR/man/venvlauncher.1    venvlauncher(1)      -> /usr/share/man/man1/venvlauncher.1.gz
#   DIR/man/mkentrypoint.1    mkentrypoint(1)      -> /usr/share/man/man1/mkentrypoint.1.gz
#   DIR/completions/py.bash   bash completion      -> /usr/share/bash-completion/completions/py
#   DIR/completions/_py       zsh completion       -> /usr/share/zsh/vendor-completions/_py
#   DIR/completions/py.fish   fish completion      -> /usr/share/fish/vendor_completions.d/py.fish
#
# (the .deb gzips the man pages itself, reproducibly). Its environment has
#
#   PY_RELEASE_VERSION  the version stamped into the programs (for the man pages)
#   PY_RELEASE_BIN      a directory holding this machine's stamped programs (py,
#                       py-install, ...), when this machine's platform was built;
#                       else empty (use go run)
#   SOURCE_DATE_EPOCH   the release's time: a man page's date comes from it,
#                       never from the clock
#
# What it writes must depend only on these and the source: release/build.sh
# -check builds the release twice and compares every byte.
#
# The man pages are made by internal/manual/genman from package manual, the
# source py's help is made from too (so the two cannot drift); their date is
# SOURCE_DATE_EPOCH's day. The completions are py's own output
# (py --completion SHELL), made from package manual as well.
set -euo pipefail
dir=${1:?usage: release/extra.sh DIR}
: "${PY_RELEASE_VERSION:?release/extra.sh: PY_RELEASE_VERSION is not set}"
: "${SOURCE_DATE_EPOCH:?release/extra.sh: SOURCE_DATE_EPOCH is not set}"
mkdir -p "$dir/man" "$dir/completions"

# The man pages, from package manual (the source py's help is made from).
go run ./internal/manual/genman -version "$PY_RELEASE_VERSION" -o "$dir/man"

# The shell completions, written by py itself (py --completion SHELL, made
# from internal/manual too): this machine's stamped py, else go run.
if [[ -n ${PY_RELEASE_BIN:-} ]]; then py=("$PY_RELEASE_BIN/py"); else py=(go run ./cmd/py); fi
"${py[@]}" --completion bash >"$dir/completions/py.bash"
"${py[@]}" --completion zsh >"$dir/completions/_py"
"${py[@]}" --completion fish >"$dir/completions/py.fish"
