"""The figures the synthetic clickstream is calibrated to.

Olist publishes no clickstream, so these are industry-typical figures for a Brazilian marketplace in
2017-2018 (device and browser shares of StatCounter Brazil, funnel rates of e-commerce benchmarks),
chosen so that every breakdown of the dashboard shows a real, explainable difference. A *lift* is a
dimension value's conversion relative to the average: buyers' sessions are drawn with probability
share x lift, everyone else's with the plain share, so conversion by value comes out proportional to
the lift. tests/generator/ re-measures the effects on generated data.
"""

from __future__ import annotations

# Overall session conversion the generator aims at (purchase sessions / all sessions).
TARGET_CONVERSION = 0.03
# At most this share of the shop's orders (with items) gets a web session; the rest came through the
# app or the marketplaces. The share actually used follows from the event budget (see clickstream.py).
MAX_WEB_ORDER_SHARE = 0.9
# Default event budget: per unit of scale (scale 1.0 = Olist's ~99k orders).
EVENTS_PER_SCALE = 2_000_000
# Mean events and sessions of a buyer (a purchase session with the sessions before and after it) and
# mean events of a visitor's session, as generated; only used to size the purchase sessions before
# the real counts are drawn.
MEAN_EVENTS_PER_BUYER_GROUP = 14.2
MEAN_SESSIONS_PER_BUYER_GROUP = 2.3
MEAN_EVENTS_PER_VISITOR_SESSION = 3.35
# Two web orders of one person closer than this are not both web orders (their sessions could overlap).
MIN_HOURS_BETWEEN_WEB_ORDERS = 24

# (device_type, os, browser) combinations that exist, with their share of sessions.
TECH_PROFILES: tuple[tuple[str, str, str, float], ...] = (
    ("mobile", "Android", "Chrome", 33.0),
    ("mobile", "Android", "Samsung Internet", 6.0),
    ("mobile", "Android", "Opera", 1.0),
    ("mobile", "iOS", "Safari", 12.0),
    ("mobile", "iOS", "Chrome", 3.0),
    ("desktop", "Windows", "Chrome", 25.0),
    ("desktop", "Windows", "Firefox", 4.0),
    ("desktop", "Windows", "Edge", 3.0),
    ("desktop", "macOS", "Safari", 3.0),
    ("desktop", "macOS", "Chrome", 3.0),
    ("desktop", "Linux", "Firefox", 1.0),
    ("desktop", "Linux", "Chrome", 1.0),
    ("tablet", "iOS", "Safari", 3.0),
    ("tablet", "Android", "Chrome", 2.0),
)
# A profile's lift is the product of its device, OS and browser lifts.
DEVICE_LIFT: dict[str, float] = {"desktop": 1.5, "mobile": 0.7, "tablet": 1.05}
OS_LIFT: dict[str, float] = {"Windows": 1.0, "macOS": 1.3, "Linux": 0.7, "Android": 0.9, "iOS": 1.25}
BROWSER_LIFT: dict[str, float] = {
    "Chrome": 1.0, "Safari": 1.1, "Firefox": 0.85, "Edge": 0.9, "Samsung Internet": 0.6, "Opera": 0.7,
}  # fmt: skip

# Traffic sources: (share of visitors' sessions, lift). Returning visitors come back more directly.
TRAFFIC_SOURCES: dict[str, tuple[float, float]] = {
    "direct": (22.0, 1.3),
    "organic_search": (30.0, 1.0),
    "paid_search": (14.0, 1.4),
    "social": (16.0, 0.4),
    "email": (6.0, 2.2),
    "referral": (7.0, 0.8),
    "affiliate": (5.0, 1.6),
}
RETURNING_SOURCE_TILT: dict[str, float] = {"direct": 1.8, "email": 2.5, "paid_search": 0.7, "social": 0.8}
# Campaigns within a source: (share, lift). "" means no utm_campaign.
CAMPAIGNS: dict[str, dict[str, tuple[float, float]]] = {
    "direct": {"": (1.0, 1.0)},
    "organic_search": {"": (1.0, 1.0)},
    "paid_search": {"google_shopping": (0.5, 1.2), "brand_search": (0.2, 1.8), "generic_search": (0.3, 0.6)},
    "social": {"instagram_stories": (0.45, 0.8), "facebook_feed": (0.45, 1.2), "": (0.1, 0.8)},
    "email": {"newsletter": (0.7, 0.7), "cart_reminder": (0.3, 1.8)},
    "referral": {"": (1.0, 1.0)},
    "affiliate": {"cashback_partner": (0.6, 1.2), "coupon_site": (0.4, 0.7)},
}
# Near a special day, this share of paid, social and email sessions carries the season's campaign.
SEASONAL_CAMPAIGN_SOURCES: tuple[str, ...] = ("paid_search", "social", "email")
SEASONAL_CAMPAIGN_SHARE = 0.5
REFERRERS: dict[str, dict[str, float]] = {
    "direct": {"": 1.0},
    "organic_search": {"https://www.google.com.br/": 0.93, "https://www.bing.com/": 0.07},
    "paid_search": {"https://www.google.com.br/": 1.0},
    "social": {"https://www.instagram.com/": 0.5, "https://www.facebook.com/": 0.5},
    "email": {"": 0.6, "https://mail.google.com/": 0.4},
    "referral": {
        "https://www.buscape.com.br/": 0.4,
        "https://www.zoom.com.br/": 0.35,
        "https://www.reclameaqui.com.br/": 0.25,
    },  # fmt: skip
    "affiliate": {"https://www.meliuz.com.br/": 0.6, "https://www.cuponomia.com.br/": 0.4},
}
# Campaigns that come from one site only.
CAMPAIGN_REFERRER: dict[str, str] = {
    "instagram_stories": "https://www.instagram.com/",
    "facebook_feed": "https://www.facebook.com/",
    "cashback_partner": "https://www.meliuz.com.br/",
    "coupon_site": "https://www.cuponomia.com.br/",
}
# Where a session lands, by source: shares of (home, category, search, product).
LANDING_SHARES: dict[str, tuple[float, float, float, float]] = {
    "direct": (0.85, 0.05, 0.0, 0.10),
    "organic_search": (0.20, 0.35, 0.0, 0.45),
    "paid_search": (0.15, 0.15, 0.0, 0.70),
    "social": (0.40, 0.0, 0.0, 0.60),
    "email": (0.45, 0.15, 0.0, 0.40),
    "referral": (0.10, 0.20, 0.15, 0.55),
    "affiliate": (0.60, 0.10, 0.0, 0.30),
}

# Region: buyers live where the shop's customers live; the lift shapes everyone else's sessions
# (states where delivery is slow and freight dear browse more than they buy). Unlisted states: 0.75.
REGION_LIFT: dict[str, float] = {
    "SP": 1.3, "RJ": 0.95, "MG": 1.05, "RS": 1.0, "PR": 1.15, "SC": 1.1, "DF": 1.0, "GO": 0.9, "ES": 0.9,
}  # fmt: skip
DEFAULT_REGION_LIFT = 0.7

# Visitors who never buy: how many sessions each (1 for most; else 2 + a geometric count), and the
# days between their sessions.
SINGLE_SESSION_VISITOR_SHARE = 0.72
EXTRA_SESSIONS_GEOMETRIC_P = 0.45
DAYS_BETWEEN_VISITS_MEAN = 9.0
# Buyers: the share who looked around in earlier sessions before buying, how many (1 + geometric),
# over how many days; and the share who come back after buying (order tracking).
BUYER_PRIOR_SESSIONS_SHARE = 0.65
BUYER_PRIOR_SESSIONS_GEOMETRIC_P = 0.55
BUYER_PRIOR_DAYS_MEAN = 4.0
BUYER_POST_SESSION_SHARE = 0.25
BUYER_POST_DAYS_MEAN = 6.0

# Sessions that do not buy: the furthest funnel stage, new and returning visitors
# (bounce, browse, product view, add to cart, cart page, checkout).
STAGE_SHARES_NEW: tuple[float, ...] = (0.47, 0.14, 0.29, 0.05, 0.03, 0.02)
STAGE_SHARES_RETURNING: tuple[float, ...] = (0.30, 0.14, 0.36, 0.09, 0.06, 0.05)
# Bounce weight multipliers: mobile and social visitors leave after one page more often.
BOUNCE_FACTOR_DEVICE: dict[str, float] = {"mobile": 1.25, "desktop": 0.75, "tablet": 1.0}
BOUNCE_FACTOR_SOURCE: dict[str, float] = {"social": 1.4, "email": 0.8, "direct": 0.85, "paid_search": 1.1}
# Browsing steps before the cart: mean of a Poisson count (plus the landing page).
BROWSE_STEPS_MEAN = {"browse": 1.6, "product": 3.0, "cart": 2.2, "purchase": 1.8}
MAX_BROWSE_STEPS = 25
# Kinds of browsing steps: (category page, search, product view, home, help, account).
BROWSE_STEP_SHARES = (0.28, 0.14, 0.50, 0.04, 0.02, 0.02)
BROWSE_ONLY_STEP_SHARES = (0.55, 0.25, 0.0, 0.10, 0.05, 0.05)
# Product views and category pages stay in the session's category this often.
FOCUS_CATEGORY_SHARE = 0.75
# Extra products added to the cart besides the first (Poisson mean); visitors add 2 units sometimes.
EXTRA_ADDS_MEAN = 0.3
TWO_UNITS_SHARE = 0.08
# Buyers who also add a product they then remove; visitors at the cart who remove something.
BUYER_EXTRA_ADD_SHARE = 0.15
REMOVE_SHARE = 0.3

# Errors. 'Out of stock' on a product page: shares of product and cart sessions that meet it (ends a
# visitor's session). At checkout: the share of visitors' checkouts that fail, by message, the share
# that retry (and fail again or give up), and a help page after the error.
OUT_OF_STOCK_SHARE = {"product": 0.04, "cart": 0.05}
CHECKOUT_ERROR_SHARE = 0.55
CHECKOUT_ERROR_MESSAGES: dict[str, float] = {
    "Payment declined": 0.35,
    "Payment service unavailable": 0.20,
    "Address not found": 0.15,
    "Session expired": 0.15,
    "Out of stock": 0.15,
}
RETRY_AFTER_ERROR_SHARE = 0.35
HELP_AFTER_ERROR_SHARE = 0.15
# Buyers who met an error at checkout and bought on retry, and what the error said.
BUYER_ERROR_SHARE = 0.10
BUYER_ERROR_MESSAGES: dict[str, float] = {
    "Payment declined": 0.5,
    "Payment service unavailable": 0.3,
    "Address not found": 0.1,
    "Session expired": 0.1,
}

# Seconds before an event, by what it is: (median, log sd) of a lognormal; clipped so a session never
# holds a gap near the 30-minute inactivity limit.
DWELL_SECONDS: dict[str, tuple[float, float]] = {
    "category": (20, 0.8),
    "search": (12, 0.7),
    "search_results": (1, 0.3),
    "product": (35, 0.9),
    "add": (25, 0.8),
    "cart": (6, 0.6),
    "remove": (12, 0.7),
    "checkout": (15, 0.6),
    "retry": (20, 0.7),
    "error": (4, 0.5),
    "purchase": (90, 0.6),
    "confirmation": (2, 0.4),
    "home": (15, 0.8),
    "help": (20, 0.8),
    "account": (15, 0.8),
}
DWELL_DEVICE_FACTOR: dict[str, float] = {"mobile": 0.8, "desktop": 1.2, "tablet": 1.0}
MAX_GAP_SECONDS = 900

# Special days of Brazilian retail: traffic rises over the days before (window) by up to `boost`.
# Black Friday's own day is already in the order timeline (calibration.PEAK_DAY_FACTORS).
SPECIAL_DAY_WINDOWS: dict[str, tuple[int, float]] = {
    "dia_das_maes": (10, 0.6),
    "dia_dos_namorados": (10, 0.5),
    "dia_dos_pais": (10, 0.3),
    "dia_das_criancas": (10, 0.4),
    "black_friday": (7, 0.4),
    "natal": (20, 0.7),
}

# Loyal buyers come back to browse after an order, more and more often the more loyal they are, mostly
# through the shop's e-mails: Poisson(RECALL_SESSIONS_SCALE x loyalty^2) visits per web order, spaced by
# exponential gaps of RECALL_DAYS_MEAN days. A loyal person is also the one who orders again
# (calibration.LOYALTY_*), so recent e-mail visits announce a next order without being one.
RECALL_SESSIONS_SCALE = 3.0
RECALL_DAYS_MEAN = 20.0
RECALL_EMAIL_SHARE = 0.6
