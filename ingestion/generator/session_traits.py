"""The dimensions of users and sessions: device, OS and browser, region, traffic source, campaign,
referrer and landing page.

Conversion differs by dimension because buyers' sessions are drawn with probability share x lift
(clickstream_calibration), everyone else's with the plain share. Device, OS and browser come as
coherent combinations (Safari on Apple systems, Samsung Internet on Android) and stay with the user;
so does the region, which for a buyer is the state of their Olist customer address.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ingestion.generator import calibration as cal
from ingestion.generator import clickstream_calibration as ccal
from ingestion.generator.special_days import seasonal_calendar
from ingestion.generator.visitors import DAY, POST, PURCHASE, RECALL, SessionPlan

TECH = np.array([p[:3] for p in ccal.TECH_PROFILES], dtype=object)  # rows: device, os, browser
STATES = np.array(list(cal.CUSTOMER_STATE_COUNTS), dtype=object)
SOURCES = np.array(list(ccal.TRAFFIC_SOURCES), dtype=object)
SEASONAL_CAMPAIGNS = tuple(ccal.SPECIAL_DAY_WINDOWS)
CAMPAIGNS = np.array(
    sorted({c for by_source in ccal.CAMPAIGNS.values() for c in by_source} | set(SEASONAL_CAMPAIGNS)),
    dtype=object,
)
REFERRERS = np.array(sorted({r for by_source in ccal.REFERRERS.values() for r in by_source}), dtype=object)
# Landing pages, in the order of clickstream_calibration.LANDING_SHARES, then the account page.
LANDINGS = ("home", "category", "search", "product", "account")
ACCOUNT_LANDING = LANDINGS.index("account")


def draw_rows(rng: np.random.Generator, weights: np.ndarray, group: np.ndarray) -> np.ndarray:
    """For each row, a column index of `weights[group[row]]` drawn with probability proportional to it.

    Each group's cumulative probabilities are laid end to end in [group, group + 1), so one
    searchsorted serves every group at once.
    """
    n_groups, n_columns = weights.shape
    cumulative = np.cumsum(weights, axis=1)
    totals = cumulative[:, -1:]
    cumulative = np.divide(cumulative, totals, out=np.ones_like(cumulative), where=totals > 0)
    flat = (cumulative + np.arange(n_groups)[:, None]).ravel()
    found = np.searchsorted(flat, group + rng.random(len(group)), side="right")
    return np.minimum(found - group * n_columns, n_columns - 1)


def _tech_weights(lifted: bool) -> np.ndarray:
    return np.array(
        [
            share * (ccal.DEVICE_LIFT[d] * ccal.OS_LIFT[o] * ccal.BROWSER_LIFT[b] if lifted else 1.0)
            for d, o, b, share in ccal.TECH_PROFILES
        ]
    )


@dataclass(frozen=True)
class UserTraits:
    tech: np.ndarray  # index into TECH
    region: np.ndarray  # index into STATES


def buyer_traits(rng: np.random.Generator, states: np.ndarray) -> UserTraits:
    """Buyers: a device chosen with its lift, and the state of their customer address."""
    region = pd.Index(STATES).get_indexer(states)  # -1 for a state Olist never had: no region
    return UserTraits(draw_rows(rng, _tech_weights(True)[None, :], np.zeros(len(states), dtype=int)), region)


def visitor_traits(rng: np.random.Generator, n: int) -> UserTraits:
    """Visitors: devices by plain share; regions like the customers', tilted by the region lift."""
    region_weights = np.array(
        [
            count / ccal.REGION_LIFT.get(s, ccal.DEFAULT_REGION_LIFT)
            for s, count in cal.CUSTOMER_STATE_COUNTS.items()
        ]
    )
    zeros = np.zeros(n, dtype=int)
    return UserTraits(
        draw_rows(rng, _tech_weights(False)[None, :], zeros), draw_rows(rng, region_weights[None, :], zeros)
    )


@dataclass(frozen=True)
class SessionTraits:
    source: np.ndarray  # index into SOURCES
    campaign: np.ndarray  # index into CAMPAIGNS
    referrer: np.ndarray  # index into REFERRERS
    landing: np.ndarray  # index into LANDINGS


def _source_weights() -> np.ndarray:
    """Rows: (bought, returning) as 2 * bought + returning; columns: SOURCES."""
    rows = []
    for bought in (False, True):
        for returning in (False, True):
            rows.append(
                [
                    share
                    * (lift if bought else 1.0)
                    * (ccal.RETURNING_SOURCE_TILT.get(source, 1.0) if returning else 1.0)
                    for source, (share, lift) in ccal.TRAFFIC_SOURCES.items()
                ]
            )
    return np.array(rows)


def _campaign_weights() -> np.ndarray:
    """Rows: 2 * source + bought; columns: CAMPAIGNS."""
    position = {c: i for i, c in enumerate(CAMPAIGNS)}
    weights = np.zeros((2 * len(SOURCES), len(CAMPAIGNS)))
    for s, source in enumerate(SOURCES):
        for campaign, (share, lift) in ccal.CAMPAIGNS[source].items():
            weights[2 * s, position[campaign]] = share
            weights[2 * s + 1, position[campaign]] = share * lift
    return weights


def _seasonal_campaigns(
    rng: np.random.Generator, planned_local: np.ndarray, source: np.ndarray
) -> np.ndarray:
    """Index into CAMPAIGNS of the season's campaign where it replaces the session's own, else -1."""
    days = planned_local // DAY
    first, last = (int(days.min()), int(days.max())) if len(days) else (0, 0)
    season = seasonal_calendar(pd.date_range(pd.Timestamp(first * DAY, unit="s"), periods=last - first + 1))
    season_code = pd.Index(CAMPAIGNS).get_indexer(season["campaign"].to_numpy())
    code = np.where(season["campaign"].to_numpy() == "", -1, season_code)[days - first]
    eligible = np.isin(SOURCES[source], ccal.SEASONAL_CAMPAIGN_SOURCES)
    replaced = eligible & (code >= 0) & (rng.random(len(days)) < ccal.SEASONAL_CAMPAIGN_SHARE)
    return np.where(replaced, code, -1)


def session_traits(rng: np.random.Generator, plan: SessionPlan, returning: np.ndarray) -> SessionTraits:
    """Source, campaign, referrer and landing page of every planned session."""
    bought = plan.role == PURCHASE
    source = draw_rows(rng, _source_weights(), 2 * bought + returning)
    post = plan.role == POST  # back to follow an order: typed the address or clicked the shop's e-mail
    source[post] = np.where(rng.random(int(post.sum())) < 0.7, 0, list(SOURCES).index("email"))
    recall = plan.role == RECALL  # a loyal buyer back to browse: mostly the shop's e-mail, else direct
    email = rng.random(int(recall.sum())) < ccal.RECALL_EMAIL_SHARE
    source[recall] = np.where(email, list(SOURCES).index("email"), 0)

    campaign = draw_rows(rng, _campaign_weights(), 2 * source + bought)
    seasonal = _seasonal_campaigns(rng, plan.planned_local, source)
    campaign = np.where(seasonal >= 0, seasonal, campaign)

    referrer_weights = np.array([[ccal.REFERRERS[s].get(r, 0.0) for r in REFERRERS] for s in SOURCES])
    referrer = draw_rows(rng, referrer_weights, source)
    for name, site in ccal.CAMPAIGN_REFERRER.items():
        referrer[campaign == list(CAMPAIGNS).index(name)] = list(REFERRERS).index(site)
    landing_weights = np.array([ccal.LANDING_SHARES[s] for s in SOURCES])
    landing = draw_rows(rng, landing_weights, source)
    landing[post] = ACCOUNT_LANDING
    return SessionTraits(source, campaign, referrer, landing)
