#!/usr/bin/env bash
# Builds CRIU 4.2.1 from Debian's source package and caches the binary for Thaw.Sandbox.
#
# Why build it: Debian 12's criu (3.17.1) fails `criu check` on recent kernels (vDSO bounds), and 4.1.1 cannot
# dump TCP sockets on kernel 6.18 (SO_PASSCRED on inet sockets). Installing a binary criu from sid would drag in a
# newer libc, so only the *source* of sid is used (a deb-src-only entry), compiled against the machine's own libs.
#
# Idempotent and non-interactive; run as root on Debian 12. Prints the path of the criu binary on its last line.
# Environment: THAW_TOOLS_DIR (default ~/.cache/thaw/tools).
set -euo pipefail

readonly CRIU_VERSION=4.2.1
readonly CRIU_DEB_VERSION=4.2.1-1
readonly TOOLS_DIR="${THAW_TOOLS_DIR:-${HOME}/.cache/thaw/tools}"
readonly INSTALL_DIR="${TOOLS_DIR}/criu-${CRIU_VERSION}"
readonly CRIU_BIN="${INSTALL_DIR}/criu"
readonly SID_SOURCES=/etc/apt/sources.list.d/thaw-sid-src.sources

# Runtime needs of Thaw.Sandbox: ip (iproute2), unshare/nsenter/setsid/mount (util-linux, mount).
readonly RUNTIME_PACKAGES=(iproute2 util-linux mount procps)
readonly BUILD_PACKAGES=(build-essential pkgconf dpkg-dev xz-utils libbsd-dev libcap-dev libgnutls28-dev libnet1-dev
  libnftables-dev libnl-3-dev libprotobuf-c-dev libprotobuf-dev protobuf-c-compiler protobuf-compiler uuid-dev
  python3-protobuf)

log() { printf 'build-criu: %s\n' "$*" >&2; }

if [[ "$(id -u)" != 0 ]]; then
  log "must run as root (installs packages with apt-get)"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_update() {
  if [[ "${apt_updated}" == 0 ]]; then
    apt-get update -qq >&2
    apt_updated=1
  fi
}

missing_packages() {
  local p
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "${p}" 2>/dev/null | grep -q '^install ok installed$'; then
      printf '%s\n' "${p}"
    fi
  done
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  if ((${#missing[@]} > 0)); then
    apt_update
    log "installing ${missing[*]}"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

install_packages "${RUNTIME_PACKAGES[@]}"

# Fast path: a cached binary of the right version.
if [[ -x "${CRIU_BIN}" ]] && "${CRIU_BIN}" --version 2>/dev/null | grep -q "Version: ${CRIU_VERSION}\$"; then
  printf '%s\n' "${CRIU_BIN}"
  exit 0
fi

# deb-src for sid, with the host and keyring of the machine's main Debian entry.
if [[ ! -f "${SID_SOURCES}" ]]; then
  main_sources=/etc/apt/sources.list.d/debian.sources
  uri=http://deb.debian.org/debian
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  if [[ -f "${main_sources}" ]]; then
    # First stanza whose URI does not point at the security archive.
    read -r found_uri found_key < <(awk '
      /^[[:space:]]*$/ { if (u != "" && u !~ /security/) { print u, k; exit } u = ""; k = "" }
      /^URIs:/ { u = $2 }
      /^Signed-By:/ { k = $2 }
      END { if (u != "" && u !~ /security/) print u, k }' "${main_sources}" | head -n 1) || true
    uri="${found_uri:-${uri}}"
    keyring="${found_key:-${keyring}}"
  fi
  log "adding deb-src for sid (${uri})"
  cat >"${SID_SOURCES}" <<EOF
# Added by Thaw's scripts/build-criu.sh: source packages only (no binaries from sid are installed).
Types: deb-src
URIs: ${uri}
Suites: sid
Components: main
Signed-By: ${keyring}
EOF
  apt_updated=0
fi

install_packages "${BUILD_PACKAGES[@]}"
apt_update

work="$(mktemp -d "${TOOLS_DIR%/}/.criu-build.XXXXXX" 2>/dev/null || { mkdir -p "${TOOLS_DIR}" && mktemp -d "${TOOLS_DIR%/}/.criu-build.XXXXXX"; })"
trap 'rm -rf "${work}"' EXIT
cd "${work}"
log "fetching criu ${CRIU_DEB_VERSION} source into ${work}"
# The .debian.tar.xz has been seen answering 404 while the orig tarball is fine: judge by the tarball, not the exit code.
apt-get source --download-only -qq "criu=${CRIU_DEB_VERSION}" >&2 || true
orig="criu_${CRIU_VERSION}.orig.tar.xz"
if [[ ! -s "${orig}" ]]; then
  log "apt-get source did not fetch ${orig}"
  exit 1
fi
mkdir src
tar -xJf "${orig}" -C src --strip-components=1
log "building (make -j2 criu)"
make -C src -j2 criu >build.log 2>&1 || { tail -n 40 build.log >&2; exit 1; }
if ! src/criu/criu --version | grep -q "Version: ${CRIU_VERSION}\$"; then
  log "built binary does not report version ${CRIU_VERSION}"
  exit 1
fi

mkdir -p "${INSTALL_DIR}"
install -m 0755 src/criu/criu "${CRIU_BIN}.tmp"
mv -f "${CRIU_BIN}.tmp" "${CRIU_BIN}"
log "installed $("${CRIU_BIN}" --version | head -n 1)"
printf '%s\n' "${CRIU_BIN}"
