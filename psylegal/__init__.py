"""psylegal: where psychedelic-assisted therapies are legally available, with sources."""

__version__ = "0.1.0"
