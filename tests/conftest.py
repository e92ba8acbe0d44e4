"""Shared fixtures: a private BACKROUTINE_HOME, routines written inline, a fake clock."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from backroutine.core import i18n

from .clocks import FakeClock

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty BACKROUTINE_HOME, so no test reads the real user's data."""
    folder = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BACKROUTINE_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English with the C locale's formats, whatever the machine
    is set to (child processes inherit the same environment); a test that changes
    the language gets English back afterwards."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language(i18n.ENGLISH)
    yield
    i18n.set_language(i18n.ENGLISH)


WriteRoutine = Callable[..., Path]


@pytest.fixture
def write_routine(tmp_path: Path) -> WriteRoutine:
    """write_routine(text, name, folder) writes dedented YAML and returns its path."""

    def write(text: str, name: str = "routine.yaml", folder: Path | None = None) -> Path:
        target = (folder or tmp_path) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    return write


@pytest.fixture
def clock() -> FakeClock:
    """A monotonic clock that moves only when the test moves it."""
    return FakeClock()
