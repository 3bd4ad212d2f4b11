"""The stage on disk, one file per service, rewritten after every change.

So a crash, a dropped connection or a closed terminal loses nothing: the next interactive
connection to the same service finds the file and offers to keep or discard what it holds.
"""

from __future__ import annotations

import json
from pathlib import Path

from iloshell.staging.stage import Stage
from iloshell.storage import safe_name, state_dir, write_private


class StageStore:
    def __init__(self, service: str, folder: Path | None = None) -> None:
        self.path = (folder or state_dir() / "stage") / f"{safe_name(service)}.json"

    def load(self) -> Stage:
        """What an earlier session left; an unreadable file is kept aside, never deleted."""
        try:
            return Stage.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return Stage()
        except (ValueError, TypeError, KeyError, RecursionError):  # not UTF-8 JSON, or no stage
            self.path.replace(self.path.with_suffix(".corrupt"))
            return Stage()

    def save(self, stage: Stage) -> None:
        if not stage.changes and not stage.left:
            self.path.unlink(missing_ok=True)
            return
        write_private(self.path, json.dumps(stage.to_json(), indent=2, ensure_ascii=False))
