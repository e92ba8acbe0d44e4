"""The language the window speaks: chosen once at start-up, before any window is
built (the person's setting, else the system's languages), with Qt's own texts
(standard buttons, file dialogs, context menus) in it and the layout right to left
where the language is written so. A change of the setting applies at the next
start (language_change offers to restart); nothing here waits for the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from ..core import i18n

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

# Qt's translators in use: kept referenced, or Qt would drop them.
_translators: list[QTranslator] = []


def chosen_language(
    wanted: str, ui_languages: Sequence[str], environ: dict[str, str] | None = None
) -> str:
    """The language to speak: the setting ("" follows the system) if it is shipped,
    else the first shipped one of the system's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG,
    then the desktop's own list), else English."""
    return i18n.choose_language(wanted, [*i18n.system_languages(environ), *ui_languages])


def use_language(wanted: str) -> str:
    """Speak the chosen language from now on, in our messages and in Qt's; returns
    its code. Called before any window is built."""
    system = QLocale.system()
    code = chosen_language(wanted, system.uiLanguages())
    formats = i18n.system_format_locale() or system.name()
    code = i18n.set_language(code, formats)
    # Qt's widgets (the calendar, time fields) write as the rest of the app does.
    QLocale.setDefault(QLocale(i18n.format_locale()))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        _install_qt_translations(app, code)
        right_to_left = i18n.is_right_to_left()
        if app.isRightToLeft() != right_to_left:
            # Reached through a value, not QtCore.Qt: building Qt's namespace costs
            # start-up some 50 ms, and left to right (the default) needs nothing.
            direction = type(app.layoutDirection())
            app.setLayoutDirection(
                direction.RightToLeft if right_to_left else direction.LeftToRight
            )
    return code


def _install_qt_translations(app: QApplication, code: str) -> None:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if code in (i18n.ENGLISH, i18n.PSEUDO):
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    # Qt looks for qtbase_pt_BR.qm, then qtbase_pt.qm, and so on.
    if translator.load(QLocale(code), "qtbase", "_", folder):
        app.installTranslator(translator)
        _translators.append(translator)


# -- a change of language: a restart ----------------------------------------------------

# Set when the person chose to restart: run_app starts the app again once this one
# has ended and let its lock go (a new one started earlier would only hand over).
restart_requested = False


def relaunch() -> bool:
    """Start the app again, with the same interpreter and its options, as a plain
    `backroutine`: the window in the new setting's language. None of the first start's
    own arguments: --language would ask for the old language, --background would
    leave the person without the window they were in, run --start would begin a
    session by itself, and --trace would empty a trace already written."""
    from PySide6.QtCore import QProcess

    arguments = list(getattr(sys, "orig_argv", sys.argv)[1:]) or list(sys.argv)
    ours = sys.argv[1:]  # the program's own arguments: the last ones of orig_argv
    if ours and arguments[-len(ours) :] == ours:
        arguments = arguments[: -len(ours)]
    started, _pid = QProcess.startDetached(sys.executable, arguments)
    return bool(started)
