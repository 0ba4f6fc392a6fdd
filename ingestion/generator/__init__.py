"""A synthetic Olist shop and its clickstream: one world, written as the Olist CSV files (format and
quirks kept) and as canonical events files.

    from ingestion.generator import generate_world
    world = generate_world(Path("data/landing"), scale=0.1, seed=7)   # olist/ and events/ folders

`build_shop` returns the shop as DataFrames, `build_clickstream` its events as an Arrow table;
`generate_extra_events` adds another batch of events to a folder (e.g. 1 % more for a benchmark).
"""

from ingestion.generator.clickstream import (
    Clickstream,
    build_clickstream,
    default_event_count,
    generate_clickstream,
    generate_extra_events,
    write_clickstream,
)
from ingestion.generator.shop import GeneratorArgumentError, Shop, build_shop, generate_shop, write_shop
from ingestion.generator.world import World, generate_world

__all__ = [
    "Clickstream",
    "GeneratorArgumentError",
    "Shop",
    "World",
    "build_clickstream",
    "build_shop",
    "default_event_count",
    "generate_clickstream",
    "generate_extra_events",
    "generate_shop",
    "generate_world",
    "write_clickstream",
    "write_shop",
]
