# build-aux/packages.sh: the Debian 12 packages the project needs, and the
# function that installs the missing ones. Sourced by build-aux/test and
# build-aux/run.

CONTRIBUTORS_PACKAGES=(
  # build
  meson ninja-build pkg-config gcc python3 gettext
  libglib2.0-dev libglib2.0-bin libsoup-3.0-dev libjson-glib-dev
  libgtk-4-dev libadwaita-1-dev libsecret-1-dev glib-networking
  # tests: a display, a session bus, a keyring and synthetic input for the
  # window tests,
  # the desktop-file validators, and valgrind for the memcheck setup
  xvfb xauth dbus gnome-keyring xdotool
  desktop-file-utils appstream
  valgrind
  # build-aux/fuzz and the fuzz suite of a -Dfuzzing=true build: clang and
  # its libFuzzer and sanitizer runtimes
  clang libclang-rt-14-dev
)

install_missing_packages () {
  local missing=() pkg
  for pkg in "${CONTRIBUTORS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "Missing packages (${missing[*]}) and no root or sudo to install them" >&2
      return 1
    fi
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}
