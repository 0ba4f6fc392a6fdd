"""A small generated shop, built once per test session, in memory and as files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ingestion.generator import Shop, build_shop, write_shop

# 5 % of Olist (~5,000 orders): big enough for shares to settle, small enough to build in a second.
TEST_SCALE = 0.05
TEST_SEED = 7


@pytest.fixture(scope="session")
def shop() -> Shop:
    return build_shop(scale=TEST_SCALE, seed=TEST_SEED)


@pytest.fixture(scope="session")
def shop_files(shop: Shop, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_shop(shop, tmp_path_factory.mktemp("generated_shop"))


def read_as_text(path: Path) -> pd.DataFrame:
    """A generated file read back independently of the generator: every value as text, empty stays empty."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture(scope="session")
def shop_read_back(shop_files: dict[str, Path]) -> dict[str, pd.DataFrame]:
    """The written files parsed with pandas: what a loader would see."""
    return {table: read_as_text(path) for table, path in shop_files.items()}


# The clickstream of a small world: 50,000 events on a 5 % shop (~14k sessions, a few hundred orders).
TEST_EVENTS = 50_000


@pytest.fixture(scope="session")
def world_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole generated world on disk: OUT/olist and OUT/events, as `shoplens generate` writes it."""
    from ingestion.generator import generate_world

    out = tmp_path_factory.mktemp("generated_world")
    generate_world(out, scale=TEST_SCALE, seed=TEST_SEED, events=TEST_EVENTS)
    return out


@pytest.fixture(scope="session")
def events(world_dir: Path) -> pd.DataFrame:
    """Every event of the world's files, as text (missing values are ""), in file order, with the
    file each came from."""
    frames = [
        read_as_text(path).assign(file=path.name) for path in sorted((world_dir / "events").glob("*.csv"))
    ]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="session")
def world_olist(world_dir: Path) -> dict[str, pd.DataFrame]:
    files = {
        "orders": "olist_orders_dataset.csv",
        "items": "olist_order_items_dataset.csv",
        "customers": "olist_customers_dataset.csv",
        "products": "olist_products_dataset.csv",
        "translation": "product_category_name_translation.csv",
    }
    return {name: read_as_text(world_dir / "olist" / file) for name, file in files.items()}


@pytest.fixture(scope="session")
def sessions(events: pd.DataFrame) -> pd.DataFrame:
    """One row per session, computed here with pandas: its user, start, dimensions, whether it bought,
    and its visitor type as a warehouse derives it (a user's first session is new, later ones return)."""
    by_session = events.groupby("session_id", sort=False)
    frame = by_session.agg(
        user_id=("user_id", "first"),
        started=("event_time", "min"),
        ended=("event_time", "max"),
        n_events=("event_id", "size"),
        device_type=("device_type", "first"),
        browser=("browser", "first"),
        os=("os", "first"),
        region=("region", "first"),
        traffic_source=("traffic_source", "first"),
        utm_campaign=("utm_campaign", "first"),
    )
    frame["converted"] = events["event_type"].eq("purchase").groupby(events["session_id"], sort=False).any()
    frame = frame.sort_values(["started", "session_id"])
    frame["visitor_type"] = frame["user_id"].duplicated().map({False: "new", True: "returning"})
    return frame
