"""``python -m iloshell.sim``: the same as the ``iloshell-sim`` console script."""

import sys

from iloshell.sim.cli import main

sys.exit(main())
