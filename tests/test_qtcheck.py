"""Fresh machine: before the window opens, a missing system library of Qt's platform plugin is
named with the command that installs it (simulated here: ldd's output and os-release are given)."""

from __future__ import annotations

import pytest

from annotator import qtcheck
from annotator.cli import main

LDD_MISSING = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f01)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f02)
"""
UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\n'
MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\nVERSION_ID=41\n'
ARCH = 'NAME="Arch Linux"\nID=arch\n'


def test_missing_libraries_are_read_from_ldd():
    assert qtcheck.missing_libraries(None, LDD_MISSING) == [
        "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"]
    assert qtcheck.missing_libraries(None, "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


@pytest.mark.parametrize("release, command", [
    (UBUNTU, "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0"),
    (MINT, "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0"),
    (FEDORA, "sudo dnf install -y libxkbcommon-x11 xcb-util-cursor xcb-util-wm"),
    (ARCH, "sudo pacman -S --needed libxkbcommon-x11 xcb-util-cursor xcb-util-wm"),
])
def test_the_install_command_fits_the_system(release, command):
    missing = qtcheck.missing_libraries(None, LDD_MISSING)
    assert qtcheck.install_command(missing, qtcheck.package_manager(release)) == command


def test_an_unknown_system_gets_the_library_names():
    missing = ["libxcb-cursor.so.0"]
    text = qtcheck.explain(missing, "xcb", qtcheck.package_manager('ID=someos\n'))
    assert "libxcb-cursor.so.0" in text and "sudo" not in text and "reinstall" not in text


def test_only_the_xcb_plugin_on_linux_is_checked(monkeypatch):
    monkeypatch.setattr(qtcheck.sys, "platform", "linux")
    assert qtcheck.platform_plugin({}) == "xcb"
    assert qtcheck.platform_plugin({"QT_QPA_PLATFORM": "xcb"}) == "xcb"
    assert qtcheck.platform_plugin({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert qtcheck.platform_plugin({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}) is None
    monkeypatch.setattr(qtcheck.sys, "platform", "win32")
    assert qtcheck.platform_plugin({}) is None


def test_the_real_plugin_is_found_and_checked():
    plugin = qtcheck.plugin_file("xcb")
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert qtcheck.missing_libraries(plugin) == []  # this machine has them (xvfb is installed)


def test_annotator_names_the_missing_library_instead_of_opening(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qtcheck, "missing_libraries", lambda plugin, ldd_output=None: ["libxcb-cursor.so.0"])
    ubuntu = qtcheck.package_manager(UBUNTU)
    monkeypatch.setattr(qtcheck, "package_manager", lambda os_release=None: ubuntu)
    opened = []
    monkeypatch.setattr("annotator.ui.app.run", lambda **kw: opened.append(kw) or 0)
    assert main(["gui", "--db", str(tmp_path / "s.db")]) == 1
    err = capsys.readouterr().err
    assert "libxcb-cursor.so.0" in err and "sudo apt-get install -y libxcb-cursor0" in err
    assert "make system-deps" in err and not opened


def test_system_deps_installs_only_what_is_missing(monkeypatch, capsys):
    monkeypatch.setattr(qtcheck, "missing_libraries", lambda plugin, ldd_output=None: ["libxcb-cursor.so.0"])
    fedora = qtcheck.package_manager(FEDORA)
    monkeypatch.setattr(qtcheck, "package_manager", lambda os_release=None: fedora)
    monkeypatch.setattr(qtcheck.os, "geteuid", lambda: 0)
    ran = []
    monkeypatch.setattr(qtcheck.subprocess, "call", lambda args: ran.append(args) or 0)
    assert qtcheck.main(["--install"]) == 0
    assert ran == [["dnf", "install", "-y", "xcb-util-cursor"]]
