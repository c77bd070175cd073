"""Shell completion of place and therapy names, asked for by the shell while you type.

Typer's own `--install-completion` options are left off: setting them up detects the shell on every
start, which cost 40–60 ms of each lookup here. Instead `psylegal completion SHELL` prints the script
(Typer's), and completion classes are registered only when a shell asks for completions.
"""

from __future__ import annotations

from pathlib import Path

COMPLETE_VAR = "_PSYLEGAL_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def script(shell: str) -> str:
    """The script that makes `shell` ask psylegal for completions."""
    from typer._completion_shared import get_completion_script

    from psylegal.errors import UsageError

    if shell not in SHELLS:
        raise UsageError(f"shell must be one of {', '.join(SHELLS)}; got '{shell}'")
    return get_completion_script(prog_name="psylegal", complete_var=COMPLETE_VAR, shell=shell)


def place_names(incomplete: str, data_dir: Path | None = None) -> list[str]:
    """Ids and names of places starting with what has been typed (case- and accent-insensitively)."""
    from psylegal.data.catalog import Catalog, locate_data_dir
    from psylegal.errors import PsylegalError
    from psylegal.law.names import normalise

    try:
        catalog = Catalog.load(locate_data_dir(data_dir))
    except PsylegalError:
        return []  # a completion must never print an error into the command line being typed
    typed = normalise(incomplete)
    found: dict[str, None] = {}
    for ident, summary in sorted(catalog.places.items()):
        for name in (ident, summary["name"]):
            if normalise(name).startswith(typed):
                found[_as_typed(name, incomplete)] = None
    return list(found)


def therapy_names(incomplete: str, data_dir: Path | None = None) -> list[str]:
    """Ids and names of therapies starting with what has been typed."""
    from psylegal.data.catalog import Catalog, locate_data_dir
    from psylegal.errors import PsylegalError
    from psylegal.law.names import normalise

    try:
        therapies = Catalog.load(locate_data_dir(data_dir)).therapies()
    except PsylegalError:
        return []
    typed = normalise(incomplete)
    found = {
        _as_typed(name, incomplete): None
        for therapy in therapies
        for name in (therapy.id, therapy.name, *therapy.aliases)
        if normalise(name).startswith(typed)
    }
    return list(found)


def _as_typed(name: str, incomplete: str) -> str:
    """`name` beginning exactly as typed ("col" → "colorado"), since shells keep only exact prefixes."""
    return name if name.startswith(incomplete) else incomplete + name[len(incomplete) :]
