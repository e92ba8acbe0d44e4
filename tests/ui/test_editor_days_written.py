"""The days of a routine's home program: shown in the person's language, written to
the file in the routine format's words, whatever the language."""

from __future__ import annotations

from backroutine.core import i18n
from backroutine.core.draft import RoutineDraft
from backroutine.ui.editor_routine import RoutineForm


def test_days_chosen_in_japanese_are_written_as_the_format_says(qtbot):
    i18n.set_language("ja")
    form = RoutineForm()
    qtbot.addWidget(form)
    form.fill(RoutineDraft(values={"name": "首"}, schedule={"per_day": "1", "days": "mon, wed"}))
    edits: list[tuple[object, str, str]] = []
    form.edited.connect(lambda path, text, what: edits.append((path, text, what)))
    form.days["fri"].setChecked(True)
    assert form.days["fri"].text() == i18n.day_name(4, "abbreviated")  # shown in Japanese
    (path, text, _what), *_ = edits
    assert (path, text) == (("schedule", "days"), "mon, wed, fri")
