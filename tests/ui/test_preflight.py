"""Without a display or Qt's X libraries, the app says what to do instead of aborting."""

from __future__ import annotations

import sys

import pytest

from backroutine.ui import preflight

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")


@linux_only
def test_no_display_is_explained():
    problem = preflight.window_problem({"QT_QPA_PLATFORM": "xcb"})
    assert problem is not None and "DISPLAY is not set" in problem


@linux_only
def test_missing_libraries_name_the_packages_to_install(monkeypatch):
    monkeypatch.setattr(preflight, "missing_packages", lambda: ["libxcb-cursor0"])
    problem = preflight.window_problem({"DISPLAY": ":0"})
    assert problem is not None
    assert problem.endswith("sudo apt-get install libxcb-cursor0")


def test_other_platforms_are_left_to_qt():
    assert preflight.window_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert preflight.window_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None


def test_the_app_prints_the_problem_and_exits_1(monkeypatch, capsys):
    from backroutine.cli import main

    monkeypatch.setattr(preflight, "window_problem", lambda: "no window here")
    assert main([]) == 1
    assert capsys.readouterr().err == "no window here\n"
