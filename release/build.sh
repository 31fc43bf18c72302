#!/bin/sh
# release/build.sh [flags] — builds py's release into release/dist: the
# archives, the .debs, SHA256SUMS and the package managers' manifests.
# release/build.sh -check builds it twice and compares every byte.
# release/build.sh -h lists the flags; release/README.md says more.
set -e
cd "$(dirname "$0")"
exec go run . "$@"
