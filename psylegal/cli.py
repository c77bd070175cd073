"""The command line: parse arguments, call a command, turn errors into one line and an exit code.

Typer is set up without Rich help formatting or pretty tracebacks: both import Rich at start-up,
which would more than double the time a lookup takes (see the README's "Speed" section).
"""

import datetime
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from typer._click.core import Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from psylegal import __version__
from psylegal.errors import PsylegalError


class _Commands(typer.core.TyperGroup):
    """The command group, refusing a single-valued option given twice (`-t mdma -t lsd`): Click would
    silently keep the last one. Options that take several values say so in their help."""

    def invoke(self, ctx: Context) -> object:
        args = [*ctx._protected_args, *ctx.args]  # the command's name and arguments, not yet parsed
        command = self.get_command(ctx, args[0]) if args else None
        if command is None:  # no command, or an unknown one: Click says so
            return super().invoke(ctx)
        rest = args[1 : args.index("--")] if "--" in args else args[1:]
        for param in command.params:
            if not isinstance(param, typer.core.TyperOption) or param.multiple or param.is_flag or param.count:
                continue
            given = [token for token in rest for opt in param.opts if token == opt or token.startswith(opt + "=")]
            if len(given) > 1:
                name = "/".join(param.opts)
                # A context for the command itself (not parsed), so the message points to its help.
                command_ctx = Context(command, info_name=args[0], parent=ctx)
                raise UsageError(f"{name} was given {len(given)} times; give it once", command_ctx)
        return super().invoke(ctx)


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="psylegal",
        cls=_Commands,
        help="Which psychedelic-assisted therapies can I legally get here, and what must I check before I go?"
        " Information, not legal or medical advice.",
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
        no_args_is_help=True,
    )


app = _new_app()


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command this run names.

    Typer turns every registered command's signature into Click options before it parses anything
    (about 0.7 ms a command, 11 ms for all of them), and a lookup needs one. Help, completion, the
    version and an unknown name get the whole app, so that they list or suggest every command.
    """
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name is None or "_PSYLEGAL_COMPLETE" in os.environ:
        return app
    chosen = [
        info
        for info in app.registered_commands
        if info.callback is not None and (info.name or typer.main.get_command_name(info.callback.__name__)) == name
    ]
    if not chosen:
        return app
    narrow = _new_app()
    narrow.registered_callback = app.registered_callback
    narrow.registered_commands = chosen
    return narrow


DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="PATH",
        help="Use this jurisdictions/ directory (default: $PSYLEGAL_DATA, else the shipped data).",
        file_okay=False,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of text.")]
StatusFilter = Annotated[
    str | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="Only places where the therapy's effective status is STATUS, or the place's own law says it"
        " (marked 'own law'): available, unregulated, limited, research, pending, decriminalized, prohibited,"
        " unknown.",
    ),
]
RouteFilter = Annotated[
    str | None,
    typer.Option(
        "--route",
        metavar="ROUTE",
        help="Only places with an OPEN route of this kind: prescription, licensed-program, clinical-trial,"
        " expanded-access, special-access, authorised-prescriber, religious-exemption, retreat, personal-use,"
        " pilot.",
    ),
]
NoDiagnosis = Annotated[
    bool,
    typer.Option(
        "--no-diagnosis",
        help="Only places with an open route that the data states needs no diagnosis."
        " A route whose eligibility is not stated does not match.",
    ),
]
NonResident = Annotated[
    bool,
    typer.Option(
        "--non-resident",
        help="Only places with an open route that the data states is open to visitors (not residents only)."
        " A route whose eligibility is not stated does not match.",
    ),
]
NoPager = Annotated[
    bool, typer.Option("--no-pager", help="Never page long output (default: $PAGER, else less -FRX, on a terminal).")
]


def _complete_place(ctx: typer.Context, incomplete: str) -> list[str]:
    from psylegal.completion import place_names

    return place_names(incomplete, ctx.params.get("data_dir"))


def _complete_therapy(ctx: typer.Context, incomplete: str) -> list[str]:
    from psylegal.completion import therapy_names

    return therapy_names(incomplete, ctx.params.get("data_dir"))


# A historical answer; any view that answers from statuses can take it (see psylegal/law/history.py).
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Answer as the law stood at the end of DATE (YYYY-MM-DD; a year or month alone means its end).",
    ),
]


def _run(command: Callable[[], int]) -> None:
    """The one place errors become exit codes: a single line on stderr, never a traceback."""
    try:
        code = command()
    except PsylegalError as error:
        from psylegal.render.terminal import printable  # messages quote user input and data

        sys.stderr.write(f"psylegal: error: {printable(str(error))}\n")
        raise typer.Exit(error.exit_code) from None
    except BrokenPipeError:  # `psylegal list | head`: the reader left; that is not an error.
        sys.stderr.close()
        raise typer.Exit(0) from None
    raise typer.Exit(code)


def _today() -> datetime.date:
    """The one clock: read once per command here, and passed down to everything that judges dates."""
    return datetime.date.today()


def _format(as_json: bool) -> str:
    return "json" if as_json else "text"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"psylegal {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Which psychedelic-assisted therapies can I legally get here, and what must I check before I go?

    Information, not legal or medical advice.
    """


@app.command()
def where(
    place: Annotated[
        str,
        typer.Argument(
            metavar="PLACE", help="A place: name, alias, ISO code or id (colorado, CO, us-co, 'costa rica')."
        ),
    ],
    therapy: Annotated[
        str | None, typer.Option("--therapy", "-t", metavar="THERAPY", help="Only this therapy (id, name or alias).")
    ] = None,
    as_of: AsOf = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Add each therapy's detail (routes in every state, notes per layer, conflicts),"
            " the timeline and the numbered sources.",
        ),
    ] = False,
    as_json: Json = False,
    no_pager: NoPager = False,
    data_dir: DataDir = None,
) -> None:
    """Show every therapy's legal status in PLACE on one screen: how to get access, who may, what to check.

    --full adds the detail behind it: every route, notes per layer, conflicts, the timeline and sources.
    """
    from psylegal.commands import where as command

    today = _today()
    _run(
        lambda: command.run(
            place=place,
            therapy=therapy,
            output_format=_format(as_json),
            data_dir=data_dir,
            as_of=as_of,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
            pager=not no_pager,
            full=full,
        )
    )


@app.command("list")
def list_places(
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only places of this kind: country, state, province, territory, district, county, city.",
        ),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent", metavar="PLACE", help="Only places inside this one (e.g. us, 'united states', us-ca)."
        ),
    ] = None,
    therapy: Annotated[
        str | None, typer.Option("--therapy", "-t", metavar="THERAPY", help="Show only this therapy's column.")
    ] = None,
    status: StatusFilter = None,
    route: RouteFilter = None,
    no_diagnosis: NoDiagnosis = False,
    non_resident: NonResident = False,
    as_of: AsOf = None,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """List every place with a compact grid of effective statuses, one column per therapy.

    The filters combine: with --therapy, one therapy must meet them all; without it, any therapy may.
    """
    from psylegal.commands import listing as command

    today = _today()
    _run(
        lambda: command.run(
            kind=kind,
            parent=parent,
            therapy=therapy,
            status=status,
            route=route,
            no_diagnosis=no_diagnosis,
            non_resident=non_resident,
            output_format=_format(as_json),
            data_dir=data_dir,
            as_of=as_of,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@app.command()
def therapy(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="A therapy: id, name or alias ('magic mushrooms', KAP, ecstasy).")
    ],
    status: StatusFilter = None,
    route: RouteFilter = None,
    no_diagnosis: NoDiagnosis = False,
    non_resident: NonResident = False,
    as_of: AsOf = None,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """Show where one therapy stands everywhere, grouped by effective status. The filters combine."""
    from psylegal.commands import therapy as command

    today = _today()
    _run(
        lambda: command.run(
            name=name,
            status=status,
            route=route,
            no_diagnosis=no_diagnosis,
            non_resident=non_resident,
            output_format=_format(as_json),
            data_dir=data_dir,
            as_of=as_of,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@app.command()
def therapies(as_json: Json = False, data_dir: DataDir = None) -> None:
    """List the therapies psylegal covers, with the names people use for them."""
    from psylegal.commands import therapies as command

    today = _today()
    _run(lambda: command.run(output_format=_format(as_json), data_dir=data_dir, today=today, out=sys.stdout))


# -- law over time: changes, bills, stale (psylegal/tracking.py) ------------------------------------
@app.command()
def changes(
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only changes on or after DATE (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Only changes on or before DATE (YYYY[-MM[-DD]]).")
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", metavar="PLACE", help="Only this place and the places inside it.")
    ] = None,
    therapy: Annotated[
        str | None, typer.Option("--therapy", "-t", metavar="THERAPY", help="Only changes about this therapy.")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            help="Only this kind: status, event, route-opened, route-closed, route-expected, bill, recheck,"
            " or an event type such as rollback or ballot-passed.",
        ),
    ] = None,
    upcoming: Annotated[
        bool,
        typer.Option("--upcoming", help="What is coming instead: expected openings and recheck dates, soonest first."),
    ] = False,
    as_json: Json = False,
    output: Annotated[
        str | None, typer.Option("--format", metavar="FORMAT", help="text, json, or atom (an Atom 1.0 feed).")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """What changed, newest first and grouped by month: status changes (before → after), events, routes
    that opened or closed, bills; each with its place and a source."""
    from psylegal.commands import changes as command

    today = _today()
    _run(
        lambda: command.run(
            since=since,
            until=until,
            place=place,
            therapy=therapy,
            kind=kind,
            upcoming=upcoming,
            output_format=output,
            as_json=as_json,
            data_dir=data_dir,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@app.command()
def bills(
    place: Annotated[
        str | None, typer.Option("--place", metavar="PLACE", help="Only this place and the places inside it.")
    ] = None,
    therapy: Annotated[
        str | None, typer.Option("--therapy", "-t", metavar="THERAPY", help="Only bills about this therapy.")
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            help="Only bills at this stage: filed, passed-one-chamber, passed-both, signed, vetoed, failed,"
            " on-the-ballot, approved-by-voters.",
        ),
    ] = None,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """Bills and ballot measures with their stage and the therapies they concern, newest first."""
    from psylegal.commands import bills as command

    today = _today()
    _run(
        lambda: command.run(
            place=place,
            therapy=therapy,
            stage=stage,
            output_format=_format(as_json),
            data_dir=data_dir,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@app.command()
def stale(
    days: Annotated[
        int | None,
        typer.Option("--days", metavar="N", min=0, help="A review older than N days is stale (default 365)."),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only recheck, expected, review, unknown or undated-source items (repeat to combine).",
        ),
    ] = None,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """For maintainers: passed recheck dates, expected openings that have passed, stale reviews, unknown
    answers with what each is missing, and undated sources, oldest first, with counts."""
    from psylegal.commands import stale as command

    today = _today()
    _run(
        lambda: command.run(
            days=days,
            kinds=list(kind or []),
            output_format=_format(as_json),
            data_dir=data_dir,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...", help="Data files or jurisdictions/ directories (default: the data in use)."
        ),
    ] = None,
    output: Annotated[
        str, typer.Option("--format", metavar="FORMAT", help="text, json, or github (pull-request annotations).")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings (such as stale reviews) as errors.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Check data files and report every problem as file:line:col: key: message [rule]. Exit 1 on any error."""
    from psylegal.commands import validate as command

    today = _today()
    _run(
        lambda: command.run(
            paths=list(paths or []), data_dir=data_dir, output=output, strict=strict, out=sys.stdout, today=today
        )
    )


@app.command()
def new(
    ident: Annotated[str, typer.Argument(metavar="ID", help="The new id: 'de', 'us-co', 'us-co-boulder'.")],
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="Display name, e.g. 'Boulder'.")],
    kind: Annotated[
        str,
        typer.Option("--kind", metavar="KIND", help="country, state, province, territory, district, county or city."),
    ],
    parent: Annotated[
        str | None, typer.Option("--parent", metavar="ID", help="The id of the place it is in (not for countries).")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Write a commented scaffold for a new jurisdiction. Never overwrites; validate flags it until filled in."""
    from psylegal.commands import new as command

    _run(lambda: command.run(ident=ident, name=name, kind=kind, parent=parent, data_dir=data_dir, out=sys.stdout))


@app.command()
def schema(
    which: Annotated[
        str,
        typer.Argument(
            metavar="[WHICH]",
            help="jurisdiction or therapies (data files), or output (what --json prints).",
        ),
    ] = "jurisdiction",
) -> None:
    """Print a JSON Schema: for data files (the ones shipped in jurisdictions/schema/), or for --json output."""
    from psylegal.commands import schema as command

    _run(lambda: command.run(which=which, out=sys.stdout))


# --- export ---------------------------------------------------------------------------------
@app.command()
def export(
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="json, csv, markdown or html.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of standard output. A CSV gets datapackage.json beside it.",
        ),
    ] = None,
    therapy: Annotated[
        str | None, typer.Option("--therapy", "-t", metavar="THERAPY", help="Only this therapy (id, name or alias).")
    ] = None,
    as_of: AsOf = None,
    data_dir: DataDir = None,
) -> None:
    """Export the whole dataset: every place and therapy as JSON, CSV, a Markdown report or one HTML page.

    With --as-of, the law as it stood at the end of that day; every format says so.
    """
    from psylegal.commands import export as command

    today = _today()
    _run(
        lambda: command.run(
            output_format=output_format,
            output=output,
            therapy=therapy,
            data_dir=data_dir,
            as_of=as_of,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


# --- end of export -----------------------------------------------------------------------------


# -- trip planning: find, compare, check, map (issue #10) -------------------------------------
@app.command()
def find(
    therapy: Annotated[
        str, typer.Argument(metavar="THERAPY", help="A therapy: id, name or alias.", autocompletion=_complete_therapy)
    ],
    origin: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="PLACE",
            help="Rank by distance from this place or town (e.g. texas, austin).",
            autocompletion=_complete_place,
        ),
    ] = None,
    route: Annotated[
        list[str] | None,
        typer.Option("--route", metavar="ROUTE", help="Only this kind of route (repeat to allow several)."),
    ] = None,
    no_diagnosis: Annotated[
        bool, typer.Option("--no-diagnosis", help="Only routes known not to need a diagnosis.")
    ] = False,
    non_resident: Annotated[
        bool, typer.Option("--non-resident", help="Only routes known to admit visitors (non-residents).")
    ] = False,
    min_age: Annotated[
        int | None,
        typer.Option("--min-age", metavar="AGE", help="Your age: only routes whose known minimum age is at most AGE."),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="available, limited or research (repeat to combine; default: available and limited).",
        ),
    ] = None,
    as_of: AsOf = None,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """Places where THERAPY can be had now by such a person, nearest first, with how, who, and what is coming.

    A filter matches only routes whose data states the value it needs: unknown eligibility never fits.
    """
    from psylegal.commands import find as command

    today = _today()
    _run(
        lambda: command.run(
            therapy=therapy,
            origin=origin,
            routes=list(route or []),
            no_diagnosis=no_diagnosis,
            non_resident=non_resident,
            age=min_age,
            statuses=list(status or []),
            as_of=as_of,
            output_format=_format(as_json),
            data_dir=data_dir,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@app.command()
def compare(
    places: Annotated[
        list[str],
        typer.Argument(
            metavar="PLACE PLACE [PLACE]...", help="Two or more places or towns.", autocompletion=_complete_place
        ),
    ],
    therapy: Annotated[
        list[str] | None,
        typer.Option("--therapy", "-t", metavar="THERAPY", help="Only this therapy.", autocompletion=_complete_therapy),
    ] = None,
    as_of: AsOf = None,
    as_json: Json = False,
    data_dir: DataDir = None,
) -> None:
    """Places side by side, one column each; rows where they differ are marked."""
    from psylegal.commands import compare as command

    today = _today()
    _run(
        lambda: command.run(
            places=places,
            therapies=list(therapy or []),
            as_of=as_of,
            output_format=_format(as_json),
            data_dir=data_dir,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@app.command()
def check(
    place: Annotated[str, typer.Argument(metavar="PLACE", help="A place or town.", autocompletion=_complete_place)],
    therapy: Annotated[
        str, typer.Argument(metavar="THERAPY", help="A therapy: id, name or alias.", autocompletion=_complete_therapy)
    ],
    as_of: AsOf = None,
    data_dir: DataDir = None,
) -> None:
    """One line for scripts. Exit 0: available; 1: another known status (named); 2: unknown or bad input."""
    from psylegal.commands import check as command

    today = _today()
    _run(
        lambda: command.run(
            place=place,
            therapy=therapy,
            as_of=as_of,
            data_dir=data_dir,
            today=today,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@app.command("map")
def tile_map(
    therapy: Annotated[
        str,
        typer.Option(
            "--therapy", "-t", metavar="THERAPY", help="The therapy to colour by.", autocompletion=_complete_therapy
        ),
    ] = "psilocybin",
    as_of: AsOf = None,
    data_dir: DataDir = None,
) -> None:
    """A tile map of the US states and DC, coloured by THERAPY's effective status (letters without colour)."""
    from psylegal.commands import tilemap as command

    today = _today()
    _run(
        lambda: command.run(
            therapy=therapy, data_dir=data_dir, as_of=as_of, today=today, out=sys.stdout, err=sys.stderr
        )
    )


@app.command()
def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh, fish, powershell or pwsh.")],
) -> None:
    """Print the shell script that completes commands, places and therapies.

    bash: eval "$(psylegal completion bash)" in ~/.bashrc; zsh likewise in ~/.zshrc;
    fish: psylegal completion fish > ~/.config/fish/completions/psylegal.fish
    """
    from psylegal.completion import script

    def show() -> int:
        sys.stdout.write(script(shell) + "\n")
        return 0

    _run(show)


# -- end of trip planning ---------------------------------------------------------------------


def main() -> None:
    """The console script: run the app, and turn usage errors into one line on stderr."""
    # Never crash on a terminal that cannot show a character: print a replacement instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    if "_PSYLEGAL_COMPLETE" in os.environ:  # a shell asking for completions (see psylegal.completion)
        from typer._completion_classes import completion_init

        completion_init()
    try:
        code = _app_for(sys.argv[1:])(standalone_mode=False)
    except typer.Abort:
        sys.stderr.write("psylegal: aborted\n")
        sys.exit(1)
    except NoArgsIsHelpError as error:  # bare `psylegal`: the message is the help
        sys.stdout.write(error.format_message() + "\n")
        sys.exit(0)
    except UsageError as error:  # a bad option or argument, found by Typer (its vendored Click)
        command = error.ctx.command_path if error.ctx is not None else "psylegal"
        sys.stderr.write(f"psylegal: error: {error.format_message()} (see '{command} --help')\n")
        sys.exit(error.exit_code)
    except typer.TyperException as error:  # any other error Typer reports itself
        sys.stderr.write(f"psylegal: error: {error.format_message()}\n")
        sys.exit(error.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
