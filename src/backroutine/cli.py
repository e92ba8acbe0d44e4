"""The command line: validate and list routines, or open the app."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__

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


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="backroutine",
        description="Guided back-care exercise routines. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"backroutine {__version__}")
    parser.add_argument(
        "--background",
        action="store_true",
        help="start in the tray without the window (as at login); nothing if already running",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check routine files and report problems as PATH:LINE:COLUMN",
        description="Check routine files. With no PATH, checks every routine the app knows "
        "(bundled and your own). Exit status: 0 no errors (warnings allowed), "
        "1 errors found, 2 usage error.",
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="file or folder")
    listing = commands.add_parser("list", help="list the routines the app knows")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    run = commands.add_parser(
        "run",
        help="open the player on a routine",
        description="Open the player on a routine, by id (see `backroutine list`) or file.",
    )
    run.add_argument("routine", metavar="ROUTINE", help="a routine id or a routine file")
    run.add_argument("--start", action="store_true", help="begin at once")
    run.add_argument(
        "--trace",
        type=Path,
        metavar="FILE",
        help="write one JSON line per period change: period (its index), kind, due, handled "
        "(seconds on the session clock) and late_ms",
    )
    history = commands.add_parser(
        "history",
        help="the sessions you have done",
        description="The sessions kept in your history, oldest first. Exit status: 0, "
        "or 1 if the history cannot be read, 2 usage error.",
    )
    history.add_argument(
        "--since", type=_day, metavar="DATE", help="only sessions on or after DATE (YYYY-MM-DD)"
    )
    history.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="default: table. json is one list with one session a line; csv has one row "
        "per session",
    )
    history.add_argument("--pretty", action="store_true", help=PRETTY_HELP)
    export = commands.add_parser(
        "export",
        help="write your history to a file (for yourself, or your clinician)",
        description="Write the sessions in your history to FILE. csv writes FILE with one "
        "row per session and, beside it, FILE-periods.csv with one row per exercise period. "
        "pdf writes a report for your clinician: per routine, what was prescribed and what "
        "was done, adherence, pain and notes (the last 90 days unless --since says; it shows "
        "the newest 20 notes and ratings of each routine and cuts a long note short: csv and "
        "json keep them all, whole). json writes one list with "
        "one session a line. Each file is written whole, or not at all.",
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("--pretty", action="store_true", help=PRETTY_HELP)
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.add_argument(
        "--since", type=_day, metavar="DATE", help="only sessions on or after DATE (YYYY-MM-DD)"
    )
    importing = commands.add_parser(
        "import",
        help="make routines from another break app's exercises",
        description="Make routines from Workrave's exercises.xml, Stretchly's config.json "
        "or Safe Eyes' safeeyes.json (a file, or a folder holding them), and put them in your "
        "routines folder to edit. Nothing is replaced: a routine whose id is taken gets a new "
        "one. Exit status: 0 imported, 1 the file cannot be imported (nothing written), "
        "2 usage error.",
    )
    importing.add_argument("path", type=Path, metavar="FILE|DIR")
    importing.add_argument(
        "--language",
        metavar="CODE",
        help="for Workrave: the language of titles and descriptions (such as de); "
        "default: the system's, else English",
    )
    return parser


EXPORT_FORMATS = ("csv", "json", "pdf")
PRETTY_HELP = "json indented for reading (longer); the default is compact"


def _day(text: str) -> date:
    import argparse

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2026-11-01"
        ) from None


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
            return f"backroutine {args.command}: {readable(path)}: {problem}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments in ([], ["--background"]):
        # Straight to the window: no parser to build while a person waits for it.
        from .ui.app import run_app

        return run_app(background=bool(arguments))
    _printable_streams()
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
            return cmd_run(args.routine, args.start, args.trace, sys.stderr)
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

    return run_app()


def cmd_validate(paths: list[Path], out: TextIO, err: TextIO) -> int:
    from .core.discovery import discover, known_routines
    from .core.names import readable
    from .core.problems import Problem, counted

    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"backroutine validate: {readable(path)}: no such file or folder", file=err)
        return EXIT_USAGE
    if paths:
        library = discover(bundled_dir=None, user_dir=None, paths=paths)
        if not library.entries:
            shown = ", ".join(readable(p) for p in paths)
            print(f"backroutine validate: no routine files (*.yaml, *.yml) in {shown}", file=err)
            return EXIT_USAGE
    else:
        library = known_routines()
    problems: list[Problem] = library.problems
    for problem in problems:
        print(problem, file=err)
    for entry in library.entries:
        if entry.path.suffix.lower() in (".json", ".xml") and not entry.runnable:
            print(
                f"{readable(entry.path)}: this looks like another break app's file; "
                f"`backroutine import {readable(entry.path)}` makes routines from it",
                file=err,
            )
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    checked = counted(len(library.entries), "file")
    if not problems:
        print(f"{checked} checked: no problems", file=out)
    else:
        summary = f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
        print(f"{checked} checked: {summary}", file=out)
    return EXIT_PROBLEMS if errors else EXIT_OK


def find_routine(name: str, err: TextIO) -> tuple[Routine | None, int]:
    """The routine a `run` argument names (a file, or an id), or why there is none."""
    from .core.discovery import discover, known_routines
    from .core.names import readable

    path = Path(name)
    shown = readable(path)
    if path.is_dir():
        print(
            f"backroutine run: {shown} is a folder; give one routine file, or an id "
            "(`backroutine list` shows them)",
            file=err,
        )
        return None, EXIT_USAGE
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        if not path.exists():
            print(f"backroutine run: {shown}: no such file", file=err)
            return None, EXIT_USAGE
        entries = discover(bundled_dir=None, user_dir=None, paths=[path]).entries
        if not entries:
            print(f"backroutine run: {shown} is not a routine file (*.yaml, *.yml)", file=err)
            return None, EXIT_USAGE
        entry: Entry | None = entries[0]
    else:
        entry = known_routines().find(name)
        if entry is None:
            print(
                f"backroutine run: no routine with the id {shown!r}; "
                "`backroutine list` shows the ids",
                file=err,
            )
            return None, EXIT_USAGE
    assert entry is not None
    if entry.result.routine is None:
        for problem in entry.problems:
            print(problem, file=err)
        print(f"backroutine run: {readable(entry.path)} cannot run until these are fixed", file=err)
        return None, EXIT_PROBLEMS
    return entry.result.routine, EXIT_OK


def cmd_run(name: str, start: bool, trace_path: Path | None, err: TextIO) -> int:
    routine, status = find_routine(name, err)
    if routine is None:
        return status
    from .core.files import open_for_writing
    from .ui.app import run_app

    if trace_path is None:
        return run_app(routine, start=start)
    from .core.names import readable

    try:
        # Checked now, emptied only once this instance plays: handed to one already
        # running, the trace is not written, and a file there keeps what it held.
        trace = open_for_writing(trace_path, empty=False)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"backroutine run: cannot write {readable(trace_path)}: {reason}", file=err)
        return EXIT_USAGE
    try:
        return run_app(routine, start=start, trace=trace)
    finally:
        try:
            trace.close()
        except OSError as exc:  # the player already said so in its window
            shown = readable(trace_path)
            print(f"backroutine run: the trace {shown} is incomplete: {exc}", file=err)


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
    from .core.problems import counted

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
        print("Nothing was imported.", file=err)
        return EXIT_PROBLEMS
    except OSError as exc:
        reason = exc.strerror or exc
        print(f"backroutine import: cannot write to {readable(folder)}: {reason}", file=err)
        return EXIT_PROBLEMS
    for item, target, first_choice, plan in zip(items, written, wanted, plans, strict=True):
        steps = counted(len(item.draft.steps), "exercise")
        out.write(f"Imported {item.draft.get('name')!r} ({steps}) as {readable(target)}\n")
        if item.routine_id != first_choice:
            out.write(f"  ({first_choice} was taken, so its id is {item.routine_id})\n")
        if plan.alike:
            out.write(
                f"  note: {plan.alike} has this name already, so this one is named "
                f"{item.draft.get('name')!r}; rename either in the editor, "
                "or move the one you do not want to the trash in the app\n"
            )
        for note in item.notes:
            out.write(f"  note: {readable(note)}\n")
        for warning in item.warnings:
            out.write(f"  warning: {readable(warning)}\n")
    for reason in skipped:
        out.write(f"Passed over: {readable(reason)}\n")
    out.write("Open BackRoutine to edit them, or check them with `backroutine validate`.\n")
    return EXIT_OK


def cmd_list(as_json: bool, out: TextIO) -> int:
    from .core.discovery import known_routines
    from .core.durations import format_clock
    from .core.names import readable
    from .core.paths import user_paths
    from .core.problems import counted

    library = known_routines()
    if as_json:
        import json

        json.dump([describe(e) for e in library.entries], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    rows = [("ID", "NAME", "TIME", "SOURCE", "PROBLEMS")]
    for entry in library.entries:
        timeline = entry.timeline()
        if timeline is None:
            time = "-"
        else:
            time = format_clock(timeline.total_seconds)
            if not timeline.is_exact:
                time = f"~{time} +{timeline.untimed_reps} reps"
        source = entry.source.value
        if entry.overrides_bundled:
            source += " (customised)"
        errors = sum(p.is_error for p in entry.problems)
        warnings = len(entry.problems) - errors
        if errors:
            status = f"{counted(errors, 'error')}: not runnable"
        elif warnings:
            status = counted(warnings, "warning")
        else:
            status = ""
        rows.append((entry.id, readable(entry.result.name), time, source, status))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
    user_folder = user_paths().routines_dir
    out.write(f"\nYour routines folder: {readable(user_folder)}\n")
    return EXIT_OK


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
        print(f"backroutine {command}: {exc}", file=err)
        return False, None
    for notice in notices:  # a damaged file: what could be read of it, and how much
        print(f"backroutine {command}: {notice.text}", file=err)
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
            print(f"backroutine {command}: {notice.text}", file=err)
        yield from salvaged.iter_sessions(since, periods, after=last)
    finally:
        salvaged.close()


def cmd_history(
    since: date | None, form: str, out: TextIO, err: TextIO, pretty: bool = False
) -> int:
    from .core import export
    from .core.history import HistoryError
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
                where = f" since {since.isoformat()}" if since else ""
                kept = user_paths().history_file
                print(f"No sessions{where} yet. Your history is kept in {kept}", file=out)
            else:
                quiet = io.StringIO()  # damage, if any, was said in the first reading
                sessions = _stream(history, since, quiet, "history", periods=False)
                for line in export.table_lines(sessions, widths):
                    print(line, file=out)
    except HistoryError as exc:
        print(f"backroutine history: {exc}", file=err)
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
    from .core.problems import counted

    if form == "pdf":
        return _export_pdf(output, since, out, err)

    readable, history = _open_history(err, "export")
    if not readable:
        return EXIT_PROBLEMS
    sessions = export.Counted(_stream(history, since, err, "export"))
    try:
        written = export.write_files(form, sessions, output, pretty=pretty)
    except HistoryError as exc:
        print(f"backroutine export: {exc} {nothing_written(str(output))}.", file=err)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(
            f"backroutine export: cannot write {exc.filename or output}: {exc.strerror or exc}",
            file=err,
        )
        return EXIT_PROBLEMS
    finally:
        if history is not None:
            history.close()
    shown = " and ".join(str(path) for path in written)
    print(f"{counted(sessions.count, 'session')} written to {shown}", file=out)
    return EXIT_OK


def _export_pdf(output: Path, since: date | None, out: TextIO, err: TextIO) -> int:
    from .core.history import HistoryError, Notice
    from .core.problems import counted
    from .ui.report_pdf import make_report_pdf

    notices: list[Notice] = []  # a damaged history: what could be read of it, and how much
    try:
        count = make_report_pdf(output, since, notices)
    except HistoryError as exc:
        print(f"backroutine export: {exc}", file=err)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"backroutine export: cannot write {output}: {exc.strerror or exc}", file=err)
        return EXIT_PROBLEMS
    finally:
        for notice in notices:
            print(f"backroutine export: {notice.text}", file=err)
    print(f"A report of {counted(count, 'session')} written to {output}", file=out)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
