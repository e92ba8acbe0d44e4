"""Take the README's player screenshots in a real window: DISPLAY=:99 python scripts/screenshots.py

Drives the player with a stand-in clock, so each screen is exactly the moment wanted;
then fills a history with six weeks of made-up sessions (scripts/demo_history.py)
for the history view and the first page of the clinician's PDF report, and takes
the settings dialog and the routine editor. (The tray menu and notification need a tray: they were
taken with `trayer` running beside the app.)
--dark and --large take them in the dark theme or with large text, into --out DIR
(by default docs/screenshots, where the dark ones are saved with a "-dark" suffix).
--language CODE takes them all in that language, saved with a "-CODE" suffix
(library-de.png, player-hold-ar.png, editor-ja.png, report-page-1-ja.png, ...).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from backroutine.core.settings import Settings
from backroutine.ui.main_window import MainWindow
from backroutine.ui.theme import apply_appearance

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


class Clock:
    now = 1000.0

    def __call__(self) -> float:
        return self.now


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--dark", action="store_true")
    options.add_argument("--large", action="store_true")
    options.add_argument("--out", type=Path, default=OUT)
    options.add_argument("--language", default="")
    args = options.parse_args()
    suffix = ("-dark" if args.dark else "") + ("-large" if args.large else "")
    suffix += f"-{args.language}" if args.language else ""
    os.environ["BACKROUTINE_HOME"] = tempfile.mkdtemp()
    app = QApplication(sys.argv)
    if args.language:
        from backroutine.ui.language import use_language

        use_language(args.language)
    clock = Clock()
    settings = Settings(
        safety_notice_seen=True,
        theme="dark" if args.dark else "system",
        text_size="large" if args.large else "normal",
    )
    apply_appearance(settings)
    window = MainWindow(settings=settings, clock=clock)
    window.resize(1100, 740)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(args.out / f"library{suffix}.png"))
    entry = window.library.find("low-back-basics")
    assert entry is not None and entry.result.routine is not None
    player = window.play(entry.result.routine)

    def at(seconds: float, name: str) -> None:
        target = clock.now + seconds
        while clock.now < target:  # wake each second, as the real timer does
            clock.now = min(target, clock.now + 1)
            player.wake()
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(args.out / name.replace(".png", f"{suffix}.png")))

    player.pain_before.choose(3)
    player.start()
    at(7.6, "player-hold.png")  # 2.6 s into the first pelvic tilt hold
    at(4.0, "player-rest.png")  # the rest between reps
    for _ in range(60):  # a minute more, woken each second
        clock.now += 1
        player.wake()
    player.skip()
    player.stop()
    player.pain_after.choose(2)
    player.effort.choose(4)
    at(0, "player-summary.png")
    window.close()
    if not args.dark and not args.large:
        history_shots(app, args.out, suffix)
        settings_shot(app, args.out, suffix)
        editor_shot(app, args.out, suffix)


def settings_shot(app: QApplication, out: Path, suffix: str = "") -> None:
    window = MainWindow(settings=Settings(safety_notice_seen=True))
    window.show()
    for _ in range(5):
        app.processEvents()

    def grab(dialog: QDialog) -> None:
        def take() -> None:
            dialog.grab().save(str(out / f"settings{suffix}.png"))
            dialog.reject()

        QTimer.singleShot(300, take)  # once the dialog runs and is drawn

    window.menus.settings_dialog_opened = grab
    window.menus.show_settings()
    window.quit()


def editor_shot(app: QApplication, out: Path, suffix: str = "") -> None:
    """The editor on a copy of a bundled routine, with a hold typed wrongly."""
    window = MainWindow(settings=Settings(safety_notice_seen=True))
    window.show()
    entry = window.library.find("low-back-basics")
    assert entry is not None
    editor = window.routine_actions.edit(entry)
    assert editor is not None
    editor.resize(1180, 740)
    editor.step_list.setCurrentRow(1)
    hold = editor.step_fields["hold"]
    hold.setFocus()
    hold.selectAll()
    for key in "20 secs each":
        QTest.keyClick(hold, key)
    editor.check()
    for _ in range(5):
        app.processEvents()
    editor.grab().save(str(out / f"editor{suffix}.png"))
    editor.answer_unsaved = lambda box: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    editor.close()
    window.quit()


def history_shots(app: QApplication, out: Path, suffix: str = "") -> None:
    from datetime import date

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from demo_history import fill

    home = Path(tempfile.mkdtemp())
    os.environ["BACKROUTINE_HOME"] = str(home)
    fill(home, days=42, hourly=False, end=date.today())
    window = MainWindow(settings=Settings(safety_notice_seen=True))
    window.resize(1100, 740)
    window.show()
    page = window.history_view.show()
    assert page is not None
    for tab, name in ((0, "history.png"), (2, "history-charts.png")):
        page.tabs.setCurrentIndex(tab)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / name.replace(".png", f"{suffix}.png")))
    report = home / "report.pdf"
    window.history_view.write_export("pdf", report)
    window.close()
    document = QPdfDocument()
    document.load(str(report))
    size = document.pagePointSize(0).toSize() * 1.5
    page_image = document.render(0, size)
    sheet = QImage(size, QImage.Format.Format_RGB32)
    sheet.fill(Qt.GlobalColor.white)  # the page is drawn on a transparent image
    painter = QPainter(sheet)
    painter.drawImage(0, 0, page_image)
    painter.end()
    sheet.save(str(out / f"report-page-1{suffix}.png"))


if __name__ == "__main__":
    main()
