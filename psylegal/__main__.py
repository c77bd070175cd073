"""Allow `python -m psylegal`."""

from psylegal.cli import main

if __name__ == "__main__":
    main()
