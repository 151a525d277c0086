"""The ``copydesk`` command installed by the wheel: the same CLI as the binary."""

import sys

from . import _copydesk


def main() -> None:
    """Runs ``copydesk`` with this process's arguments and exits with its code."""
    sys.stdout.flush()
    sys.exit(_copydesk.run_cli(["copydesk", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
