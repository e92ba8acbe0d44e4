"""The command line's words: its language (--language, else the environment, else
English), its options and help, and argparse's own texts through the translation
layer."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from . import __version__
from .core import i18n
from .core.i18n import N_, _, ngettext
from .core.problems import shorten

# argparse looks its own texts up through the `_` and `ngettext` it imported from
# gettext. These are its messages, exactly as Python 3.10 to 3.14 write them, marked
# so that they land in our catalogue; route_argparse() sends the look-ups to our layer.
ARGPARSE_MESSAGES = (
    # Translators: argparse's heading of the help; keep the space at the end.
    N_("usage: "),
    # Translators: argparse's heading of the list of options in --help.
    N_("options"),
    N_("positional arguments"),
    N_("subcommands"),
    # Translators: argparse's heading of a section of --help ("options:").
    N_("%(heading)s:"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("%(prog)s: warning: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("unexpected option string: %s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("option '%(option)s' is deprecated"),
    N_("argument '%(argument_name)s' is deprecated"),
    N_("command '%(parser_name)s' is deprecated"),
)
ARGPARSE_PLURALS = (
    (N_("expected %s argument"), N_("expected %s arguments")),
    (N_("conflicting option string: %s"), N_("conflicting option strings: %s")),
)

_PERCENT = re.compile(r"%(?:\([^)]*\))?[a-z%]")


def _keeps_placeholders(message: str, translated: str) -> bool:
    return sorted(_PERCENT.findall(message)) == sorted(_PERCENT.findall(translated))


def _argparse_gettext(message: str) -> str:
    """argparse's look-up: ours, or its English text where a translation lost one of
    its %-placeholders (argparse would fail on it with a traceback)."""
    translated = _(message)
    return translated if _keeps_placeholders(message, translated) else message


def _argparse_ngettext(singular: str, plural: str, count: int) -> str:
    translated = ngettext(singular, plural, count)
    english = singular if count == 1 else plural
    return translated if _keeps_placeholders(english, translated) else english


def route_argparse() -> None:
    """Send argparse's look-ups of its own texts to our layer (it calls the module
    globals `_` and `ngettext` each time, on every Python we support)."""
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


# --- the language ------------------------------------------------------------------

LANGUAGE_CODES = (*i18n.SHIPPED, i18n.PSEUDO)


def language_code(text: str) -> str:
    """A --language value as the code it names ("pt-br" -> "pt_BR", "de_DE.UTF-8" as
    LANG writes it -> "de"); an ArgumentTypeError naming the choices when it is none
    of them."""
    code = i18n.shipped_match(text) if i18n.normalise(text) else ""
    if code in LANGUAGE_CODES:
        return code
    raise argparse.ArgumentTypeError(
        _("{code!r} is not a language BackRoutine speaks; choose one of {choices}").format(
            code=shorten(text), choices=", ".join(i18n.SHIPPED)
        )
    )


def asked_language(arguments: Sequence[str]) -> str:
    """The code given to the global --language (or an abbreviation of it, as argparse
    takes), before the command's name; "" when none is; the last one when it is given
    twice, as argparse reads it. Read before the parser is built, so that the help it
    writes is in that language."""
    found = [value for _at, _length, value in _language_options(arguments)]
    return found[-1] if found else ""


def _language_options(arguments: Sequence[str]) -> list[tuple[int, int, str]]:
    """Where each global --language stands before the command: (index, how many
    arguments it takes, its value)."""
    found: list[tuple[int, int, str]] = []
    index = 0
    while index < len(arguments):
        token = arguments[index]
        option, equals, value = token.partition("=")
        if len(option) >= 3 and "--language".startswith(option):
            if equals:
                found.append((index, 1, value))
                index += 1
            else:
                given = arguments[index + 1] if index + 1 < len(arguments) else ""
                found.append((index, 2, given))
                index += 2
            continue
        if not token.startswith("-"):
            break
        index += 1
    return found


def use_language(arguments: Sequence[str]) -> str:
    """Speak the language --language asks for, else the environment's (LANGUAGE,
    LC_ALL, LC_MESSAGES, LANG), else English; dates as LC_TIME says. Returns it."""
    try:
        wanted = language_code(asked_language(arguments)) if asked_language(arguments) else ""
    except argparse.ArgumentTypeError:
        wanted = ""  # the parser says why, in the environment's language
    code = wanted or i18n.choose_language("", i18n.system_languages())
    route_argparse()
    return i18n.set_language(code, i18n.system_format_locale())


# --- the options -------------------------------------------------------------------

EXPORT_FORMATS = ("csv", "json", "pdf")
# Translators: "json" is a format's name; keep it as it is.
PRETTY_HELP = N_("json indented for reading (longer); the default is compact")
# Translators: "YYYY-MM-DD" shows how to write a date; keep it as it is.
SINCE_HELP = N_("only sessions on or after DATE (YYYY-MM-DD)")


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            # Translators: keep YYYY-MM-DD and the example date as they are.
            _("{text!r} is not a date; write it as YYYY-MM-DD, for example 2026-11-01").format(
                text=text
            )
        ) from None


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser, in the language chosen by use_language()."""
    parser = argparse.ArgumentParser(
        prog="backroutine",
        description=_(
            "Guided back-care exercise routines. With no command, opens the app. "
            "Messages follow --language, else the system's language (LANGUAGE, LC_ALL, "
            "LC_MESSAGES, LANG), else English."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"backroutine {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help=_("start in the tray without the window (as at login); nothing if already running"),
    )
    parser.add_argument(
        "--language",
        dest="ui_language",
        type=language_code,
        metavar="CODE",
        # The pseudo-language is accepted too, but it is a tool for translators
        # (docs/translating.md), not a language to offer.
        help=_("the language of messages: {codes}").format(codes=", ".join(i18n.SHIPPED)),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_validate(commands)
    listing = commands.add_parser("list", help=_("list the routines the app knows"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    _add_run(commands)
    _add_history(commands)
    _add_export(commands)
    _add_import(commands)
    return parser


def _add_validate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser(
        "validate",
        help=_("check routine files and report problems as PATH:LINE:COLUMN"),
        description=_(
            "Check routine files. With no PATH, checks every routine the app knows "
            "(bundled and your own). Exit status: 0 no errors (warnings allowed), "
            "1 errors found, 2 usage error."
        ),
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=_("file or folder"))


def _add_run(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "run",
        help=_("open the player on a routine"),
        description=_("Open the player on a routine, by id (see `backroutine list`) or file."),
    )
    run.add_argument("routine", metavar="ROUTINE", help=_("a routine id or a routine file"))
    run.add_argument("--start", action="store_true", help=_("begin at once"))
    run.add_argument(
        "--trace",
        type=Path,
        metavar="FILE",
        # Translators: period, kind, due, handled and late_ms are names of JSON
        # fields; keep them in English.
        help=_(
            "write one JSON line per period change: period (its index), kind, due, handled "
            "(seconds on the session clock) and late_ms"
        ),
    )


def _add_history(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    history = commands.add_parser(
        "history",
        help=_("the sessions you have done"),
        description=_(
            "The sessions kept in your history, oldest first. Exit status: 0, "
            "or 1 if the history cannot be read, 2 usage error."
        ),
    )
    history.add_argument("--since", type=day, metavar="DATE", help=_(SINCE_HELP))
    history.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        # Translators: table, csv and json are the option's values; keep them as they are.
        help=_(
            "default: table. json is one list with one session a line; csv has one row per session"
        ),
    )
    history.add_argument("--pretty", action="store_true", help=_(PRETTY_HELP))


def _add_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help=_("write your history to a file (for yourself, or your clinician)"),
        # Translators: csv, pdf, json, FILE, FILE-periods.csv and --since stay as they are.
        description=_(
            "Write the sessions in your history to FILE. csv writes FILE with one "
            "row per session and, beside it, FILE-periods.csv with one row per exercise "
            "period. pdf writes a report for your clinician: per routine, what was "
            "prescribed and what was done, adherence, pain and notes (the last 90 days "
            "unless --since says; it shows the newest 20 notes and ratings of each routine "
            "and cuts a long note short: csv and json keep them all, whole). json writes "
            "one list with one session a line. Each file is written whole, or not at all."
        ),
    )
    export.add_argument(
        "--format", choices=EXPORT_FORMATS, required=True, help=_("the kind of file to write")
    )
    export.add_argument("--pretty", action="store_true", help=_(PRETTY_HELP))
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help=_("the file to write")
    )
    export.add_argument("--since", type=day, metavar="DATE", help=_(SINCE_HELP))


def _add_import(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = commands.add_parser(
        "import",
        help=_("make routines from another break app's exercises"),
        # Translators: exercises.xml, config.json and safeeyes.json are file names.
        description=_(
            "Make routines from Workrave's exercises.xml, Stretchly's config.json "
            "or Safe Eyes' safeeyes.json (a file, or a folder holding them), and put them "
            "in your routines folder to edit. Nothing is replaced: a routine whose id is "
            "taken gets a new one. Exit status: 0 imported, 1 the file cannot be imported "
            "(nothing written), 2 usage error."
        ),
    )
    importing.add_argument(
        "path", type=Path, metavar="FILE|DIR", help=_("the file or folder to import")
    )
    importing.add_argument(
        "--language",
        metavar="CODE",
        help=_(
            "for Workrave: the language of titles and descriptions (such as de); "
            "default: the system's, else English"
        ),
    )
