"""Before the window opens: can Qt's platform plugin load on this machine?

On a fresh desktop Linux, PySide6 installs fine but its "xcb" plugin needs system libraries that
stock Ubuntu and Debian lack (libxcb-cursor0) or minimal installs lack (libxcb-icccm4,
libxkbcommon-x11-0 ...); Qt then aborts with "Could not load the Qt platform plugin" and tells
the user to reinstall the application. This module finds the missing libraries without loading
Qt (ldd on the plugin; its own process when ldd is absent) and names the exact install command
for the system's package manager. `python -m annotator.qtcheck` checks; `--install` (make
system-deps) installs what is missing where it can. Pure Python: no Qt import.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# shared library -> package (apt, dnf, pacman). The xcb plugin's needs (Qt's "X11 requirements").
PACKAGES: dict[str, tuple[str, str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb"),
    "libSM.so.6": ("libsm6", "libSM", "libsm"),
    "libICE.so.6": ("libice6", "libICE", "libice"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl", "libglvnd"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype", "freetype2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs", "dbus"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
}
for _ext, _version in (("shape", 0), ("xinerama", 0), ("randr", 0), ("xkb", 1), ("sync", 1), ("xfixes", 0),
                       ("shm", 0), ("render", 0), ("glx", 0), ("xinput", 0)):  # parts of libxcb itself
    PACKAGES[f"libxcb-{_ext}.so.{_version}"] = (f"libxcb-{_ext}{_version}", "libxcb", "libxcb")

MANAGERS = {  # os-release ID or ID_LIKE word -> (index in PACKAGES values, name, install command)
    "debian": (0, "apt", "sudo apt-get install -y"),
    "ubuntu": (0, "apt", "sudo apt-get install -y"),
    "fedora": (1, "dnf", "sudo dnf install -y"),
    "rhel": (1, "dnf", "sudo dnf install -y"),
    "centos": (1, "dnf", "sudo dnf install -y"),
    "arch": (2, "pacman", "sudo pacman -S --needed"),
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def platform_plugin(env: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """The platform plugin Qt will load here, or None when no check is needed."""
    if not sys.platform.startswith("linux"):
        return None  # Windows and macOS wheels carry what their plugins need
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen if chosen == "xcb" else None  # offscreen, minimal, vnc...: nothing to install
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return None  # Qt picks its wayland plugin there
    return "xcb"


def plugin_file(name: str) -> Path | None:
    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / f"libq{name}.so"
    return path if path.exists() else None


def missing_libraries(plugin: Path, ldd_output: str | None = None) -> list[str]:
    """Shared libraries the plugin needs that the system does not have (ldd's "not found")."""
    if ldd_output is None:
        ldd_output = _ldd(plugin)
    return sorted(set(_NOT_FOUND.findall(ldd_output)))


def _ldd(plugin: Path) -> str:
    ldd = shutil.which("ldd")
    if ldd:
        done = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=30)
        return done.stdout + done.stderr
    # No ldd: load the plugin in a process of its own; the loader names the first missing library.
    probe = f"import ctypes; ctypes.CDLL({str(plugin)!r})"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=30)
    found = re.search(r"(lib[\w.+-]+\.so[.\d]*): cannot open shared object file", done.stderr)
    return f"\t{found.group(1)} => not found\n" if found else ""


def package_manager(os_release: str | None = None) -> tuple[int, str, str] | None:
    """(column in PACKAGES, manager name, install command) for this system, or None."""
    if os_release is None:
        try:
            os_release = Path("/etc/os-release").read_text(encoding="utf-8")
        except OSError:
            return None
    words: list[str] = []
    for key in ("ID", "ID_LIKE"):
        m = re.search(rf"^{key}=\"?([^\"\n]*)\"?$", os_release, re.MULTILINE)
        if m:
            words.extend(m.group(1).split())
    return next((MANAGERS[w] for w in words if w in MANAGERS), None)


def install_command(missing: list[str], manager: tuple[int, str, str] | None) -> str | None:
    if manager is None:
        return None
    column, _, command = manager
    packages = sorted({PACKAGES[lib][column] for lib in missing if lib in PACKAGES})
    return f"{command} {' '.join(packages)}" if packages else None


def explain(missing: list[str], plugin: str, manager: tuple[int, str, str] | None) -> str:
    lines = [f"The window cannot open: Qt's \"{plugin}\" platform plugin needs system libraries this "
             f"machine does not have: {', '.join(missing)}."]
    command = install_command(missing, manager)
    if command:
        lines.append(f"Install them ({manager[1] if manager else ''}):  {command}")
        lines.append("or run `make system-deps` in the Annotator folder, then start Annotator again.")
    else:
        lines.append("Install the packages that provide them with your system's package manager, then start again.")
    lines.append("The command-line tools (annotator import, tag, export ...) work without them.")
    return "\n".join(lines)


def problem(env: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """None when the window can open; otherwise what is missing and how to install it."""
    name = platform_plugin(env)
    plugin = plugin_file(name) if name else None
    if plugin is None:
        return None
    missing = missing_libraries(plugin)
    return explain(missing, name or "", package_manager()) if missing else None


def install() -> int:
    """make system-deps: install what the plugin misses, where the package manager is known."""
    plugin = plugin_file("xcb")
    if plugin is None:
        print("No Qt xcb plugin to check (not Linux, or PySide6 not installed): nothing to do.")
        return 0
    missing = missing_libraries(plugin)
    if not missing:
        print("Qt's xcb plugin has every system library it needs.")
        return 0
    manager = package_manager()
    command = install_command(missing, manager)
    if command is None:
        print(explain(missing, "xcb", manager), file=sys.stderr)
        return 1
    args = command.split()
    if os.geteuid() == 0:
        args = args[1:]  # already root: no sudo
    print("+", " ".join(args))
    return subprocess.call(args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--install" in argv:
        return install()
    message = problem()
    if message:
        print(message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
