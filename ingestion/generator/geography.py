"""Zip-code geography: Brazilian CEP blocks, the shop's zip prefixes and the geolocation table.

A zip prefix is the first 5 digits of a CEP; its first 3 digits (a block) fix the state (the official
CEP ranges below) and here also the city and an approximate position. Blocks seen in the real sample
keep their real city and position (geography_blocks.py); the others get a Faker city name and a
position near the state's nearest known block.
"""

from __future__ import annotations

import io
import unicodedata

import numpy as np
import pandas as pd
from faker import Faker

from ingestion.generator import calibration as cal
from ingestion.generator.geography_blocks import BLOCKS_CSV
from ingestion.generator.sampling import quirk_mask, spread_counts

# Official CEP ranges, as 3-digit blocks (inclusive).
STATE_BLOCK_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "SP": ((10, 199),), "RJ": ((200, 289),), "ES": ((290, 299),), "MG": ((300, 399),),
    "BA": ((400, 489),), "SE": ((490, 499),), "PE": ((500, 569),), "AL": ((570, 579),),
    "PB": ((580, 589),), "RN": ((590, 599),), "CE": ((600, 639),), "PI": ((640, 649),),
    "MA": ((650, 659),), "PA": ((660, 688),), "AP": ((689, 689),), "AM": ((690, 692), (694, 698)),
    "RR": ((693, 693),), "AC": ((699, 699),), "DF": ((700, 727), (730, 736)),
    "GO": ((728, 729), (737, 767)), "RO": ((768, 769),), "TO": ((770, 779),), "MT": ((780, 788),),
    "MS": ((790, 799),), "PR": ((800, 879),), "SC": ((880, 899),), "RS": ((900, 999),),
}  # fmt: skip

UNKNOWN_BLOCK_WEIGHT = 0.4  # a block the sample never shows is small and rural
PREFIX_SPREAD_DEG = 0.03  # how far a prefix's centre lies from its block's centre
ROW_SPREAD_DEG = 0.004  # how far a geolocation point lies from its prefix's centre
UNKNOWN_BLOCK_SPREAD_DEG = 0.6


def plain_city(name: str) -> str:
    """Olist's usual spelling of a city: lower case, accents dropped."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def _block_states() -> pd.Series:
    rows = [
        (block, state)
        for state, ranges in STATE_BLOCK_RANGES.items()
        for lo, hi in ranges
        for block in range(lo, hi + 1)
    ]
    return pd.Series(dict(rows)).sort_index()


def build_blocks(rng: np.random.Generator, faker: Faker) -> pd.DataFrame:
    """Every 3-digit CEP block of Brazil: state, city (plain and accented), centre, weight."""
    known = pd.read_csv(io.StringIO(BLOCKS_CSV), dtype={"block": int, "accented": str}).set_index("block")
    states = _block_states()
    blocks = pd.DataFrame({"state": states})
    blocks = blocks.join(known.drop(columns="state"))
    blocks["known"] = blocks["city"].notna()
    unknown = ~blocks["known"].to_numpy()
    # Unknown blocks borrow the position of the nearest known block of their state.
    for _, group in blocks.groupby("state"):
        seen = group[group["known"]]
        missing = group.index[~group["known"]]
        if len(missing) == 0 or len(seen) == 0:
            continue
        nearest = seen.index.to_numpy()[
            np.abs(missing.to_numpy()[:, None] - seen.index.to_numpy()[None, :]).argmin(axis=1)
        ]
        blocks.loc[missing, ["lat", "lng"]] = seen.loc[nearest, ["lat", "lng"]].to_numpy()
    n_unknown = int(unknown.sum())
    blocks.loc[unknown, "lat"] += rng.normal(0, UNKNOWN_BLOCK_SPREAD_DEG, n_unknown)
    blocks.loc[unknown, "lng"] += rng.normal(0, UNKNOWN_BLOCK_SPREAD_DEG, n_unknown)
    accented = [faker.city().lower() for _ in range(n_unknown)]
    blocks.loc[unknown, "city"] = [plain_city(name) for name in accented]
    blocks.loc[unknown, "accented"] = [a if a != plain_city(a) else "" for a in accented]
    blocks["accented"] = blocks["accented"].fillna("")
    blocks["weight"] = blocks["prefixes"].fillna(UNKNOWN_BLOCK_WEIGHT).astype(float)
    return blocks.drop(columns="prefixes")


def build_places(rng: np.random.Generator, blocks: pd.DataFrame, n_prefixes: int) -> pd.DataFrame:
    """The zip prefixes of the shop's world (those the geolocation table covers), one row each.

    Prefixes are drawn without replacement, weighted by their block (Gumbel top-k), and every state
    gets at least one so that any customer state can be placed.
    """
    block_of = np.repeat(blocks.index.to_numpy(), 100)
    codes = block_of * 100 + np.tile(np.arange(100), len(blocks))
    weight = np.repeat(blocks["weight"].to_numpy(), 100)
    keys = np.log(weight) + rng.gumbel(size=len(codes))
    n_prefixes = min(n_prefixes, len(codes))
    chosen = np.argpartition(-keys, n_prefixes - 1)[:n_prefixes]
    chosen_states = set(blocks.loc[np.unique(block_of[chosen]), "state"])
    for state in sorted(set(STATE_BLOCK_RANGES) - chosen_states):
        in_state = np.flatnonzero(np.repeat(blocks["state"].to_numpy() == state, 100))
        chosen = np.append(chosen, in_state[np.argmax(keys[in_state])])
    chosen = np.sort(chosen)
    places = blocks.loc[block_of[chosen], ["state", "city", "accented", "lat", "lng", "weight"]]
    places = places.reset_index(drop=True)
    places.insert(0, "zip_code_prefix", pd.Series(codes[chosen]).map("{:05d}".format).to_numpy())
    places["lat"] += rng.normal(0, PREFIX_SPREAD_DEG, len(places))
    places["lng"] += rng.normal(0, PREFIX_SPREAD_DEG, len(places))
    return places


def place_addresses(
    rng: np.random.Generator, places: pd.DataFrame, states: np.ndarray, missing_share: float
) -> pd.DataFrame:
    """A zip prefix, city and state for each of `states`; a few get a prefix absent from geolocation."""
    prefix = np.empty(len(states), dtype=object)
    for state in np.unique(states):
        rows = np.flatnonzero(states == state)
        candidates = places[places["state"] == state]
        p = candidates["weight"].to_numpy() / candidates["weight"].sum()
        prefix[rows] = candidates["zip_code_prefix"].to_numpy()[rng.choice(len(candidates), len(rows), p=p)]
    by_prefix = places.set_index("zip_code_prefix")
    out = pd.DataFrame(
        {
            "zip_code_prefix": prefix,
            "city": by_prefix.loc[prefix, "city"].to_numpy(),
            "state": states,
        }
    )
    # Olist's geolocation misses some prefixes its customers and sellers use: pick the same block,
    # another suffix that the geolocation table does not list.
    missing = quirk_mask(rng, np.ones(len(out), dtype=bool), missing_share)
    known = set(places["zip_code_prefix"])
    for row in np.flatnonzero(missing):
        block = out.at[row, "zip_code_prefix"][:3]
        free = [f"{block}{s:02d}" for s in range(100) if f"{block}{s:02d}" not in known]
        if free:
            out.at[row, "zip_code_prefix"] = free[int(rng.integers(len(free)))]
    return out


def build_geolocation(rng: np.random.Generator, places: pd.DataFrame, n_rows: int) -> pd.DataFrame:
    """The geolocation table: many points per prefix, exact duplicates, spelling variants, outliers."""
    n_rows = max(n_rows, len(places))
    per_prefix = 1 + spread_counts(rng, places["weight"].to_numpy(), n_rows - len(places))
    idx = np.repeat(np.arange(len(places)), per_prefix)
    lat = places["lat"].to_numpy()[idx] + rng.normal(0, ROW_SPREAD_DEG, n_rows)
    lng = places["lng"].to_numpy()[idx] + rng.normal(0, ROW_SPREAD_DEG, n_rows)
    city = places["city"].to_numpy()[idx].astype(object)
    accented = places["accented"].to_numpy()[idx]
    # Several spellings of a city: with accents where the city has them, else upper or title case.
    variant = quirk_mask(rng, np.ones(n_rows, dtype=bool), cal.GEO_SPELLING_VARIANT_SHARE)
    has_accent = accented != ""
    city[variant & has_accent] = accented[variant & has_accent]
    plain_variant = np.flatnonzero(variant & ~has_accent)
    city[plain_variant] = np.where(
        rng.random(len(plain_variant)) < 0.5,
        pd.Series(city[plain_variant], dtype=object).str.upper().to_numpy(),
        pd.Series(city[plain_variant], dtype=object).str.title().to_numpy(),
    )
    # A few points outside Brazil (Olist has some in Europe and the Atlantic).
    n_outside = max(1, round(cal.GEO_OUTSIDE_BRAZIL_AT_SCALE_1 * n_rows / cal.GEOLOCATION_ROWS_AT_SCALE_1))
    outside = rng.choice(n_rows, size=min(n_outside, n_rows), replace=False)
    lat[outside] = rng.uniform(38.0, 43.0, len(outside))
    lng[outside] = rng.uniform(-9.0, -1.0, len(outside))
    # Exact duplicates: a row repeats the previous point of the same prefix.
    same_prefix_as_previous = np.r_[False, idx[1:] == idx[:-1]]
    dup = np.flatnonzero(quirk_mask(rng, same_prefix_as_previous, cal.GEO_DUPLICATE_SHARE))
    # Chains of duplicates resolve left to right, so copy in order.
    for start in _duplicate_layers(dup):
        lat[start] = lat[start - 1]
        lng[start] = lng[start - 1]
        city[start] = city[start - 1]
    return pd.DataFrame(
        {
            "geolocation_zip_code_prefix": places["zip_code_prefix"].to_numpy()[idx],
            "geolocation_lat": lat,
            "geolocation_lng": lng,
            "geolocation_city": city,
            "geolocation_state": places["state"].to_numpy()[idx],
        }
    )


def _duplicate_layers(rows: np.ndarray) -> list[np.ndarray]:
    """Split sorted row numbers into layers so that each layer copies from rows already final.

    Row r copies row r-1; when r-1 is itself a copy, it must be copied first. Layer k holds the rows
    that are the k-th in a run of consecutive duplicates, so applying layers in order is exact.
    """
    if len(rows) == 0:
        return []
    starts_run = np.r_[True, np.diff(rows) != 1]
    run_id = np.cumsum(starts_run) - 1
    position = np.arange(len(rows)) - np.flatnonzero(starts_run)[run_id]
    return [rows[position == k] for k in range(int(position.max()) + 1)]
