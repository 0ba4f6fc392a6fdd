"""The asset graph (keys, groups, checks, dependencies) against a committed snapshot.

A change to the graph shows up in review as a diff of snapshots/asset_graph.json. After an
intended change (a new model, test or dependency), regenerate it and commit it:

    SHOPLENS_UPDATE_SNAPSHOTS=1 uv run pytest tests/orchestration/test_asset_graph_snapshot.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from dagster import Definitions

SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.json"
UPDATE_ENV = "SHOPLENS_UPDATE_SNAPSHOTS"


def asset_graph_snapshot(defs: Definitions) -> dict[str, Any]:
    """Every asset with its group, kind of asset, upstream keys and check names, sorted."""
    graph = defs.resolve_asset_graph()
    checks: dict[str, list[str]] = {}
    for check_key in graph.asset_check_keys:
        checks.setdefault(check_key.asset_key.to_user_string(), []).append(check_key.name)
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        name = key.to_user_string()
        assets[name] = {
            "group": node.group_name,
            "materializable": node.is_materializable,
            "deps": sorted(parent.to_user_string() for parent in node.parent_keys),
            "checks": sorted(checks.get(name, [])),
        }
    return {"assets": assets}


def graph_changes(committed: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """A short, readable list of what differs, for the failure message."""
    old, new = committed["assets"], current["assets"]
    changes = [f"+ {key}" for key in sorted(new.keys() - old.keys())]
    changes += [f"- {key}" for key in sorted(old.keys() - new.keys())]
    changes += [f"~ {key}" for key in sorted(old.keys() & new.keys()) if old[key] != new[key]]
    return changes


def test_asset_graph_matches_committed_snapshot(shoplens_defs: Definitions) -> None:
    current = asset_graph_snapshot(shoplens_defs)
    if os.environ.get(UPDATE_ENV) == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
    assert SNAPSHOT.exists(), f"no snapshot yet: run with {UPDATE_ENV}=1 to write {SNAPSHOT}"
    committed = json.loads(SNAPSHOT.read_text())
    changes = "\n".join(graph_changes(committed, current))
    assert current == committed, (
        f"The asset graph changed:\n{changes}\nIf intended, regenerate the snapshot with "
        f"{UPDATE_ENV}=1 uv run pytest tests/orchestration/test_asset_graph_snapshot.py"
    )
