"""The command line: validate and list routines, or open the app."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .core.i18n import N_, _, language, ngettext, pgettext

if TYPE_CHECKING:
    import argparse

    from .core.discovery import Entry
    from .core.history import History
    from .core.history_records import SessionRecord
    from .core.model import Routine

# The commands import the routine core when they run, not here: with no command
# the app opens, and its window should not wait for modules it loads later.

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _problem_line(command: str, message: str) -> str:
    """A line on stderr: "backroutine COMMAND: MESSAGE" (the program's and the
    command's names are not translated; the message is)."""
    return f"backroutine {command}: {message}"


def _printable_streams() -> None:
    """A file name that is not valid UTF-8 reaches Python as text with stand-ins for
    its odd bytes; printing one must show them escaped, not fail."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _unusable_argument(args: argparse.Namespace) -> str | None:
    """Why a file named on the command line cannot be used (a NUL in it, say), as
    the line to print; None when every one can."""
    from .core.names import readable, usable_path

    given: list[Path] = []
    for name in ("paths", "trace", "output", "path"):
        value = getattr(args, name, None)
        given += value if isinstance(value, list) else [value] if value is not None else []
    if args.command == "run":
        given.append(Path(args.routine))
    for path in given:
        problem = usable_path(path)
        if problem:
            return _problem_line(args.command, f"{readable(path)}: {problem}")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments in ([], ["--background"]):
        # Straight to the window: no parser to build while a person waits for it.
        from .ui.app import run_app

        return run_app(background=bool(arguments))
    _printable_streams()
    from .cli_parser import asked_language, build_parser, use_language

    use_language(arguments)
    # The window follows an explicit --language; otherwise its own setting.
    window_language = language() if asked_language(arguments) else ""
    args = build_parser().parse_args(arguments)
    unusable = _unusable_argument(args)
    if unusable:
        print(unusable, file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.command == "validate":
            return cmd_validate(args.paths, sys.stdout, sys.stderr)
        if args.command == "list":
            return cmd_list(args.json, sys.stdout)
        if args.command == "run":
            return cmd_run(args.routine, args.start, args.trace, sys.stderr, window_language)
        if args.command == "history":
            return cmd_history(args.since, args.format, sys.stdout, sys.stderr, args.pretty)
        if args.command == "export":
            return cmd_export(
                args.format, args.output, args.since, sys.stdout, sys.stderr, args.pretty
            )
        if args.command == "import":
            return cmd_import(args.path, args.language, sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into something like `head` that stopped reading.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    from .ui.app import run_app

    return run_app(language_asked=window_language)


def cmd_validate(paths: list[Path], out: TextIO, err: TextIO) -> int:
    from .core.discovery import discover, known_routines
    from .core.names import readable
    from .core.problems import Problem

    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            said = _("{path}: no such file or folder").format(path=readable(path))
            print(_problem_line("validate", said), file=err)
        return EXIT_USAGE
    if paths:
        library = discover(bundled_dir=None, user_dir=None, paths=paths)
        if not library.entries:
            shown = ", ".join(readable(p) for p in paths)
            said = _("no routine files (*.yaml, *.yml) in {paths}").format(paths=shown)
            print(_problem_line("validate", said), file=err)
            return EXIT_USAGE
    else:
        library = known_routines()
    problems: list[Problem] = library.problems
    for problem in problems:
        print(problem, file=err)
    for entry in library.entries:
        if entry.path.suffix.lower() in (".json", ".xml") and not entry.runnable:
            said = _(
                "{path}: this looks like another break app's file; "
                "`backroutine import {path}` makes routines from it"
            ).format(path=readable(entry.path))
            print(said, file=err)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = len(library.entries)
    if not problems:
        checked = ngettext(
            "{count} file checked: no problems", "{count} files checked: no problems", files
        )
        print(checked.format(count=files), file=out)
    else:
        checked = ngettext("{count} file checked", "{count} files checked", files)
        # Translators: "3 files checked: 1 error, 2 warnings"; each part is counted
        # in its own message.
        summary = _("{checked}: {errors}, {warnings}").format(
            checked=checked.format(count=files),
            errors=_errors(errors),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(
                count=warnings
            ),
        )
        print(summary, file=out)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _errors(count: int) -> str:
    return ngettext("{count} error", "{count} errors", count).format(count=count)


def find_routine(name: str, err: TextIO) -> tuple[Routine | None, int]:
    """The routine a `run` argument names (a file, or an id), or why there is none."""
    from .core.discovery import discover, known_routines
    from .core.names import readable

    path = Path(name)
    shown = readable(path)
    if path.is_dir():
        said = _(
            "{path} is a folder; give one routine file, or an id (`backroutine list` shows them)"
        ).format(path=shown)
        print(_problem_line("run", said), file=err)
        return None, EXIT_USAGE
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        if not path.exists():
            print(_problem_line("run", _("{path}: no such file").format(path=shown)), file=err)
            return None, EXIT_USAGE
        entries = discover(bundled_dir=None, user_dir=None, paths=[path]).entries
        if not entries:
            said = _("{path} is not a routine file (*.yaml, *.yml)").format(path=shown)
            print(_problem_line("run", said), file=err)
            return None, EXIT_USAGE
        entry: Entry | None = entries[0]
    else:
        entry = known_routines().find(name)
        if entry is None:
            said = _("no routine with the id {id!r}; `backroutine list` shows the ids")
            print(_problem_line("run", said.format(id=shown)), file=err)
            return None, EXIT_USAGE
    assert entry is not None
    if entry.result.routine is None:
        for problem in entry.problems:
            print(problem, file=err)
        said = _("{path} cannot run until these are fixed").format(path=readable(entry.path))
        print(_problem_line("run", said), file=err)
        return None, EXIT_PROBLEMS
    return entry.result.routine, EXIT_OK


def cmd_run(
    name: str, start: bool, trace_path: Path | None, err: TextIO, window_language: str = ""
) -> int:
    routine, status = find_routine(name, err)
    if routine is None:
        return status
    from .core.files import open_for_writing
    from .ui.app import run_app

    if trace_path is None:
        return run_app(routine, start=start, language_asked=window_language)
    from .core.names import readable

    try:
        # Checked now, emptied only once this instance plays: handed to one already
        # running, the trace is not written, and a file there keeps what it held.
        trace = open_for_writing(trace_path, empty=False)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        said = _("cannot write {path}: {reason}").format(path=readable(trace_path), reason=reason)
        print(_problem_line("run", said), file=err)
        return EXIT_USAGE
    try:
        return run_app(routine, start=start, trace=trace, language_asked=window_language)
    finally:
        try:
            trace.close()
        except OSError as exc:  # the player already said so in its window
            shown = readable(trace_path)
            said = _("the trace {path} is incomplete: {reason}").format(path=shown, reason=exc)
            print(_problem_line("run", said), file=err)


def describe(entry: Entry) -> dict[str, object]:
    """What `list --json` says about a routine."""
    from .core.names import readable

    routine = entry.result.routine
    timeline = entry.timeline()
    return {
        "id": entry.id,
        "name": entry.result.name,
        "summary": routine.summary if routine else "",
        "tags": list(routine.tags) if routine else [],
        "total_seconds": timeline.total_seconds if timeline else None,
        "untimed_reps": timeline.untimed_reps if timeline else None,
        "source": entry.source.value,
        "overrides_bundled": entry.overrides_bundled,
        "path": readable(entry.path),
        "problems": [p.as_dict() for p in entry.problems],
    }


def cmd_import(path: Path, language: str | None, out: TextIO, err: TextIO) -> int:
    from .core.discovery import known_routines
    from .core.import_plan import plan_import
    from .core.importers import ImportFailed, import_path, write_imported
    from .core.names import readable
    from .core.paths import user_paths

    folder = user_paths().routines_dir
    try:
        skipped: list[str] = []
        items = import_path(path, language, skipped)
        wanted = [item.routine_id for item in items]
        library = known_routines().entries
        plans = []
        planned: dict[str, str] = {}  # id -> name, of this import's routines so far
        for item in items:
            plan = plan_import(
                item.routine_id, str(item.draft.get("name")), path, folder, library, planned
            )
            if plan.alike and plan.keep_both is not None and plan.keep_both.name:
                item.draft.values["name"] = plan.keep_both.name  # told apart in the list
            planned[item.routine_id] = str(item.draft.get("name"))
            plans.append(plan)
        written = write_imported(items, folder, {entry.id for entry in library})
    except ImportFailed as exc:
        print(str(exc), file=err)
        print(_("Nothing was imported."), file=err)
        return EXIT_PROBLEMS
    except OSError as exc:
        reason = exc.strerror or exc
        said = _("cannot write to {path}: {reason}").format(path=readable(folder), reason=reason)
        print(_problem_line("import", said), file=err)
        return EXIT_PROBLEMS
    for item, target, first_choice, plan in zip(items, written, wanted, plans, strict=True):
        steps = len(item.draft.steps)
        name = item.draft.get("name")
        imported = ngettext(
            "Imported {name!r} ({count} exercise) as {path}",
            "Imported {name!r} ({count} exercises) as {path}",
            steps,
        )
        print(imported.format(name=name, count=steps, path=readable(target)), file=out)
        if item.routine_id != first_choice:
            taken = _("  ({wanted} was taken, so its id is {id})")
            print(taken.format(wanted=first_choice, id=item.routine_id), file=out)
        if plan.alike:
            alike = _(
                "  note: {other} has this name already, so this one is named {name!r}; "
                "rename either in the editor, or move the one you do not want to the "
                "trash in the app"
            )
            print(alike.format(other=plan.alike, name=name), file=out)
        for note in item.notes:
            print(_("  note: {note}").format(note=readable(note)), file=out)
        for warning in item.warnings:
            print(_("  warning: {warning}").format(warning=readable(warning)), file=out)
    for reason in skipped:
        print(_("Passed over: {reason}").format(reason=readable(reason)), file=out)
    print(_("Open BackRoutine to edit them, or check them with `backroutine validate`."), file=out)
    return EXIT_OK


def cmd_list(as_json: bool, out: TextIO) -> int:
    from .core.discovery import known_routines
    from .core.durations import format_clock
    from .core.names import padded, readable, shown_width
    from .core.paths import user_paths

    library = known_routines()
    if as_json:
        import json

        json.dump([describe(e) for e in library.entries], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    # The headings of the table, each with a context (a translator sees it).
    heading = (
        pgettext("list heading", "ID"),
        pgettext("list heading", "NAME"),
        pgettext("list heading", "TIME"),
        pgettext("list heading", "SOURCE"),
        pgettext("list heading", "PROBLEMS"),
    )
    rows = [heading]
    for entry in library.entries:
        timeline = entry.timeline()
        if timeline is None:
            time = "-"
        else:
            time = format_clock(timeline.total_seconds)
            if not timeline.is_exact:
                untimed = timeline.untimed_reps
                # Translators: a total time, then the reps that are not timed ("~2:30
                # +10 reps"); a rep is one repetition of an exercise.
                time = ngettext("~{time} +{count} rep", "~{time} +{count} reps", untimed).format(
                    time=time, count=untimed
                )
        source = _(_SOURCES[entry.source.value])
        if entry.overrides_bundled:
            # Translators: a routine of the person's that replaces a bundled one.
            source = _("{source} (customised)").format(source=source)
        errors = sum(p.is_error for p in entry.problems)
        warnings = len(entry.problems) - errors
        if errors:
            status = ngettext(
                "{count} error: not runnable", "{count} errors: not runnable", errors
            ).format(count=errors)
        elif warnings:
            status = ngettext("{count} warning", "{count} warnings", warnings)
            status = status.format(count=warnings)
        else:
            status = ""
        rows.append((entry.id, readable(entry.result.name), time, source, status))
    # In columns of a terminal: a Chinese or Japanese character takes two.
    widths = [max(shown_width(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [padded(cell, width) for cell, width in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
    user_folder = user_paths().routines_dir
    print("\n" + _("Your routines folder: {path}").format(path=readable(user_folder)), file=out)
    return EXIT_OK


# Where a routine comes from, as `backroutine list` says it (list --json keeps the
# English values: it is for programs).
_SOURCES = {
    # Translators: a routine that comes with the app.
    "bundled": N_("bundled"),
    # Translators: a routine in the person's own folder.
    "user": N_("user"),
    # Translators: a routine file named on the command line.
    "path": N_("path"),
}


def _open_history(err: TextIO, command: str) -> tuple[bool, History | None]:
    """The history, opened without changing the file: (True, it), (True, None) when
    there is none yet, or (False, None) when it cannot be read (said on err). A
    damaged file gives what can be read of it, and says how much that is."""
    from .core.history import History, HistoryError, Notice
    from .core.paths import user_paths

    path = user_paths().history_file
    if not path.exists() and not path.is_symlink():
        return True, None
    notices: list[Notice] = []
    try:
        history = History.open_read_only(path, notices=notices)
    except HistoryError as exc:
        print(_problem_line(command, str(exc)), file=err)
        return False, None
    for notice in notices:  # a damaged file: what could be read of it, and how much
        print(_problem_line(command, notice.text), file=err)
    return True, history


def _stream(
    history: History | None, since: date | None, err: TextIO, command: str, periods: bool = True
) -> Iterator[SessionRecord]:
    """The sessions since a day, a batch at a time. Damage met partway (a large file
    is not read through when it is opened) switches to what can be read of the file,
    going on after the sessions already given."""
    import sqlite3

    from .core.history import History, HistoryError, Notice

    if history is None:
        return
    last: SessionRecord | None = None  # the last one given, not all: memory stays flat
    try:
        for session in history.iter_sessions(since, periods):
            last = session
            yield session
        return
    except HistoryError as exc:
        if not isinstance(exc.__cause__, sqlite3.DatabaseError):
            raise
        damage: Exception = exc.__cause__
    notices: list[Notice] = []
    salvaged = History.read_damaged(history.path, damage, notices=notices)
    try:
        for notice in notices:
            print(_problem_line(command, notice.text), file=err)
        yield from salvaged.iter_sessions(since, periods, after=last)
    finally:
        salvaged.close()


def cmd_history(
    since: date | None, form: str, out: TextIO, err: TextIO, pretty: bool = False
) -> int:
    from .core import export
    from .core.history import HistoryError
    from .core.i18n import format_date
    from .core.paths import user_paths

    readable, history = _open_history(err, "history")
    if not readable:
        return EXIT_PROBLEMS
    try:
        if form == "json":
            export.write_json(_stream(history, since, err, "history"), out, pretty)
        elif form == "csv":
            export.write_sessions_csv(_stream(history, since, err, "history"), out)
        else:
            # Read twice, without periods: once for the widths, once to print.
            rows = export.Counted(_stream(history, since, err, "history", periods=False))
            widths = export.table_widths(rows)
            if not rows.count:
                kept = user_paths().history_file
                if since:
                    none = _("No sessions since {date} yet. Your history is kept in {path}")
                    none = none.format(date=format_date(since), path=kept)
                else:
                    none = _("No sessions yet. Your history is kept in {path}").format(path=kept)
                print(none, file=out)
            else:
                quiet = io.StringIO()  # damage, if any, was said in the first reading
                sessions = _stream(history, since, quiet, "history", periods=False)
                for line in export.table_lines(sessions, widths):
                    print(line, file=out)
    except HistoryError as exc:
        print(_problem_line("history", str(exc)), file=err)
        return EXIT_PROBLEMS
    finally:
        if history is not None:
            history.close()
    return EXIT_OK


def cmd_export(
    form: str, output: Path, since: date | None, out: TextIO, err: TextIO, pretty: bool = False
) -> int:
    from .core import export
    from .core.history import HistoryError
    from .core.phrases import nothing_written

    if form == "pdf":
        return _export_pdf(output, since, out, err)

    readable, history = _open_history(err, "export")
    if not readable:
        return EXIT_PROBLEMS
    sessions = export.Counted(_stream(history, since, err, "export"))
    try:
        written = export.write_files(form, sessions, output, pretty=pretty)
    except HistoryError as exc:
        print(_problem_line("export", f"{exc} {nothing_written(str(output))}."), file=err)
        return EXIT_PROBLEMS
    except OSError as exc:
        said = _("cannot write {path}: {reason}")
        said = said.format(path=exc.filename or output, reason=exc.strerror or exc)
        print(_problem_line("export", said), file=err)
        return EXIT_PROBLEMS
    finally:
        if history is not None:
            history.close()
    count = sessions.count
    if len(written) == 1:
        said = ngettext(
            "{count} session written to {path}", "{count} sessions written to {path}", count
        )
    else:
        said = ngettext(
            "{count} session written to {path} and {other}",
            "{count} sessions written to {path} and {other}",
            count,
        )
    shown = [str(path) for path in written] + [""]
    print(said.format(count=count, path=shown[0], other=shown[1]), file=out)
    return EXIT_OK


def _export_pdf(output: Path, since: date | None, out: TextIO, err: TextIO) -> int:
    from .core.history import HistoryError, Notice
    from .ui.report_pdf import make_report_pdf

    notices: list[Notice] = []  # a damaged history: what could be read of it, and how much
    try:
        count = make_report_pdf(output, since, notices)
    except HistoryError as exc:
        print(_problem_line("export", str(exc)), file=err)
        return EXIT_PROBLEMS
    except OSError as exc:
        said = _("cannot write {path}: {reason}").format(path=output, reason=exc.strerror or exc)
        print(_problem_line("export", said), file=err)
        return EXIT_PROBLEMS
    finally:
        for notice in notices:
            print(_problem_line("export", notice.text), file=err)
    said = ngettext(
        "A report of {count} session written to {path}",
        "A report of {count} sessions written to {path}",
        count,
    )
    print(said.format(count=count, path=output), file=out)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
