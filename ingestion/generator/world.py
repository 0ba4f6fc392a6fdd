"""One world, two views: a synthetic shop's Olist files and its clickstream, written side by side.

    OUT_DIR/olist/   the 9 Olist CSV files (Kaggle names)
    OUT_DIR/events/  events_YYYY-MM.csv, one canonical events file per month

The layout is the landing folder's (`<landing>/<source>/`), so `generate_world(landing_dir)` lands a
whole shop for the loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingestion.generator.clickstream import (
    Clickstream,
    build_clickstream,
    default_event_count,
    validate_clickstream_arguments,
    write_clickstream,
)
from ingestion.generator.event_files import write_month_files
from ingestion.generator.shop import Shop, build_shop, validate_arguments, write_shop

OLIST_FOLDER = "olist"
EVENTS_FOLDER = "events"


@dataclass(frozen=True)
class World:
    """What generate_world built and wrote."""

    shop: Shop
    olist_files: dict[str, Path]
    event_files: list[Path]
    clickstream: Clickstream | None  # None when no events were asked for


def generate_world(out_dir: Path, *, scale: float = 1.0, seed: int = 42, events: int | None = None) -> World:
    """Build a shop and its clickstream (`events` events; default proportional to the scale, 0 for
    none) and write them under `out_dir`. The Olist files are written first, then the events."""
    validate_arguments(scale, seed)
    events = default_event_count(scale) if events is None else events
    validate_clickstream_arguments(events, seed, "")
    out_dir = Path(out_dir)
    shop = build_shop(scale=scale, seed=seed)
    olist_files = write_shop(shop, out_dir / OLIST_FOLDER)
    events_dir = out_dir / EVENTS_FOLDER
    if events == 0:
        # No clickstream in this world: an earlier one in the folder would belong to another shop.
        if events_dir.is_dir():
            write_month_files(events_dir, {}, "")
        return World(shop, olist_files, [], None)
    clickstream = build_clickstream(shop, events=events)
    return World(shop, olist_files, write_clickstream(clickstream, events_dir), clickstream)
