"""The figures the synthetic shop is calibrated to.

Shares and distribution parameters were measured on the real Olist sample
(../shared/data/samples/olist/, 2,000 orders); sizes, monthly volumes and the repeat-purchase rate
are those of the full Kaggle dataset, which the sample is too small to show. They are embedded here
because a fresh clone has no samples; tests/generator/ re-measures the sample and compares.
"""

from __future__ import annotations

import datetime as dt

# Rows of the full Kaggle dataset: the size of a scale-1.0 shop.
ORDERS_AT_SCALE_1 = 99_441
PRODUCTS_AT_SCALE_1 = 32_951
SELLERS_AT_SCALE_1 = 3_095
GEOLOCATION_ROWS_AT_SCALE_1 = 1_000_163
ZIP_PREFIXES_AT_SCALE_1 = 19_015

# Order statuses in the sample (counts). 'approved' is absent from the sample but is one of Olist's
# 8 statuses (2 orders in the full data), so it gets a tiny weight.
STATUS_COUNTS: dict[str, float] = {
    "delivered": 1261,
    "shipped": 288,
    "unavailable": 140,
    "canceled": 137,
    "invoiced": 94,
    "processing": 78,
    "created": 2,
    "approved": 0.05,
}

# Share of orders of each status that have no items (sample: 139/140 unavailable, 39/137 canceled, 2/2
# created); every other status always has items.
ITEMLESS_SHARE_BY_STATUS: dict[str, float] = {"unavailable": 0.993, "canceled": 0.285, "created": 1.0}

# Canceled orders stop at various steps: share with an approval, a carrier date, a delivery date.
CANCELED_APPROVED_SHARE = 0.74
CANCELED_CARRIER_SHARE = 0.12
CANCELED_DELIVERED_SHARE = 0.01

# Items per order, for orders with items (sample counts of orders with 1..8 items).
ITEMS_PER_ORDER_COUNTS: dict[int, int] = {1: 1643, 2: 137, 3: 23, 4: 6, 5: 3, 6: 5, 7: 2, 8: 1}
# In a multi-item order, the share where every item is the same product (a quantity > 1).
SAME_PRODUCT_SHARE = 0.72

# Item price: lognormal in reais (sample: mean log 4.33, sd 0.97; min price 0.85 in the full data).
PRICE_LOG_MEAN = 4.36  # a touch above the sample: list prices are rounded down to .90/.99 endings
PRICE_LOG_SD = 0.97
PRICE_MIN = 0.85
# Freight: lognormal, correlated with the price (sample: median 16.18, mean 20.6, corr(log) 0.42).
FREIGHT_LOG_MEAN = 2.80
FREIGHT_LOG_SD = 0.62
FREIGHT_PRICE_ELASTICITY = 0.20
FREE_FREIGHT_SHARE = 0.002

# Payments: the type of an order's main payment. Vouchers also come as extra rows of other orders
# (VOUCHER_TOPUP_SHARE), so the row shares come out as in the sample
# (credit_card 70.9 %, boleto 19.1 %, voucher 8.7 %, debit_card 1.3 %).
MAIN_PAYMENT_SHARES: dict[str, float] = {
    "credit_card": 0.7465,
    "boleto": 0.2050,
    "voucher": 0.0345,
    "debit_card": 0.0140,
}
VOUCHER_TOPUP_SHARE = 0.028
# Extra voucher rows of an order paid with vouchers (0 extra for most; a few orders have 10+).
EXTRA_VOUCHER_ROWS_COUNTS: dict[int, float] = {0: 86, 1: 7, 2: 2, 3: 1, 5: 1.5, 10: 1.5, 13: 1}
# A few orders pay with two credit cards (sample: 6 of 2,000).
TWO_CARD_SHARE = 0.003
# Installments of credit-card payments (sample counts); every other type pays in 1.
CREDIT_INSTALLMENT_COUNTS: dict[int, int] = {
    1: 502, 2: 234, 3: 210, 4: 141, 5: 108, 6: 77, 7: 33, 8: 80, 9: 14, 10: 107,
    11: 1, 12: 4, 13: 1, 14: 1, 15: 2, 17: 1, 20: 2,
}  # fmt: skip

# Customers' states (sample counts) and sellers' states (sample counts).
CUSTOMER_STATE_COUNTS: dict[str, int] = {
    "SP": 834, "RJ": 299, "MG": 195, "RS": 126, "PR": 98, "SC": 64, "BA": 62, "GO": 48, "DF": 41,
    "CE": 37, "ES": 33, "PE": 27, "PA": 20, "PB": 17, "MA": 17, "MT": 15, "PI": 15, "MS": 11, "AL": 10,
    "SE": 8, "RO": 5, "RN": 4, "TO": 4, "AP": 3, "RR": 3, "AC": 3, "AM": 1,
}  # fmt: skip
SELLER_STATE_COUNTS: dict[str, int] = {
    "SP": 487, "PR": 82, "MG": 72, "SC": 37, "RJ": 33, "RS": 23, "DF": 8, "BA": 4, "GO": 4, "PE": 2,
    "ES": 2, "MT": 2, "MS": 1, "PB": 1, "RN": 1, "CE": 1, "MA": 1,
}  # fmt: skip

# People: 3.1 % of Olist's 96,096 people ordered more than once (full data). Among them, how many
# orders they placed (relative counts: 2,745 people with 2 orders, 203 with 3, ...).
REPEAT_PERSON_SHARE = 0.0312
REPEAT_ORDER_COUNTS: dict[int, int] = {2: 2745, 3: 203, 4: 30, 5: 8, 6: 6, 7: 3, 9: 1, 17: 1}

# Review score by what happened to the order (sample shares of scores 1..5).
REVIEW_SCORE_SHARES: dict[str, tuple[float, ...]] = {
    "on_time": (0.075, 0.018, 0.077, 0.207, 0.623),
    "late": (0.505, 0.040, 0.091, 0.152, 0.212),
    "not_delivered": (0.713, 0.070, 0.073, 0.057, 0.087),
}
# Share of reviews with a message, by score 1..5 (sample), and with a title (sample 10.9 % overall).
REVIEW_MESSAGE_SHARE_BY_SCORE: tuple[float, ...] = (0.74, 0.73, 0.46, 0.32, 0.35)
REVIEW_TITLE_SHARE = 0.11
# Share of all review records whose message spans several lines (README: about 8 % in the full data).
REVIEW_MULTILINE_SHARE = 0.08
# Orders without a review record, orders with a second review, reviews attached to a second order.
ORDERS_WITHOUT_REVIEW_SHARE = 0.0077
ORDERS_WITH_SECOND_REVIEW_SHARE = 0.0105
SHARED_REVIEW_SHARE = 0.001
# Days between the review request (a midnight) and the answer: lognormal (sample median 1.6 days).
REVIEW_ANSWER_LOG_MEAN = 0.45
REVIEW_ANSWER_LOG_SD = 1.0

# Delivery of delivered orders (sample, in days): approval lag, carrier hand-over, estimate, lateness.
BOLETO_APPROVAL_LOG_MEAN = 0.0  # boleto is paid at the bank: about a day
BOLETO_APPROVAL_LOG_SD = 0.6
CARD_APPROVAL_MINUTES_MEAN = 20.0
CARRIER_LOG_MEAN = 0.55  # median 1.8 days after approval
CARRIER_LOG_SD = 0.85
ESTIMATE_DAYS_MEAN = 23.5
ESTIMATE_DAYS_SD = 8.5
ESTIMATE_DAYS_MIN = 3
ON_TIME_DELIVERY_LOG_MEAN = 2.36  # median 10.6 days after purchase
ON_TIME_DELIVERY_LOG_SD = 0.50
LATE_SHARE = 0.074  # the sample shows 7.8 %; clamping delivery after approval adds the rest
LATE_DAYS_MEAN = 9.0
# Shipping limit of an item: days after purchase (sample median 6).
SHIPPING_LIMIT_DAYS_MEAN = 6.0

# Quirks of the full data, as shares of their population (each at least once in any shop).
DELIVERED_WITHOUT_DATE_SHARE = 0.0008
CARRIER_BEFORE_APPROVAL_SHARE = 0.012
REVIEW_BEFORE_DELIVERY_SHARE = 0.01
NOT_DEFINED_PAYMENT_SHARE = 0.00005
ZERO_VOUCHER_SHARE = 0.00008
ZERO_INSTALLMENT_SHARE = 0.00003
PRODUCT_WITHOUT_DIMENSIONS_SHARE = 0.00006
CUSTOMER_PREFIX_MISSING_SHARE = 0.0045  # sample: 9 of 2,000 customers
SELLER_PREFIX_MISSING_SHARE = 0.0026  # sample: 2 of 761 sellers
GEO_DUPLICATE_SHARE = 0.2  # sample: 3,571 exact duplicates in 17,826 rows
GEO_OUTSIDE_BRAZIL_AT_SCALE_1 = 29
GEO_SPELLING_VARIANT_SHARE = 0.08

# Orders per month in the full Olist data: its growth from the 2016 launch to the 2018 plateau.
MONTHLY_ORDERS: dict[tuple[int, int], int] = {
    (2016, 9): 4, (2016, 10): 324, (2016, 12): 1,
    (2017, 1): 800, (2017, 2): 1780, (2017, 3): 2682, (2017, 4): 2404, (2017, 5): 3700, (2017, 6): 3245,
    (2017, 7): 4026, (2017, 8): 4331, (2017, 9): 4285, (2017, 10): 4631, (2017, 11): 7544, (2017, 12): 5673,
    (2018, 1): 7269, (2018, 2): 6728, (2018, 3): 7211, (2018, 4): 6939, (2018, 5): 6873, (2018, 6): 6167,
    (2018, 7): 6292, (2018, 8): 6512, (2018, 9): 16, (2018, 10): 4,
}  # fmt: skip
# Days with orders in the thin months at both ends (inclusive ranges).
MONTH_ACTIVE_DAYS: dict[tuple[int, int], tuple[int, int]] = {
    (2016, 9): (4, 15),
    (2016, 10): (2, 10),
    (2016, 12): (23, 23),
    (2017, 1): (5, 31),
    (2018, 8): (1, 29),
    (2018, 9): (3, 29),
    (2018, 10): (1, 17),
}
# Black Friday (2017-11-24) and the days after it, as multiples of an ordinary day of November 2017.
PEAK_DAY_FACTORS: dict[dt.date, float] = {
    dt.date(2017, 11, 24): 5.3,
    dt.date(2017, 11, 25): 2.2,
    dt.date(2017, 11, 26): 1.6,
    dt.date(2017, 11, 27): 1.8,
}
# Orders by weekday (Monday first) and by hour of day (sample counts).
WEEKDAY_WEIGHTS: tuple[float, ...] = (0.166, 0.167, 0.132, 0.154, 0.144, 0.108, 0.130)
HOUR_WEIGHTS: tuple[int, ...] = (
    44, 29, 7, 8, 5, 4, 11, 28, 44, 103, 140, 118, 146, 134, 113, 122, 131, 128, 123, 124, 129, 116, 118, 75,
)  # fmt: skip

# Who comes back (the signal the churn and lifetime-value models learn; see people.py). A person's
# next order follows the previous one after a gap: a few within the week, most a few months later.
REPEAT_GAP_QUICK_SHARE = 0.15
REPEAT_GAP_QUICK_DAYS_MAX = 7
REPEAT_GAP_DAYS_MEAN = 110
# An order delivered late (or never) or reviewed 1-2 stars is this much less likely to be followed by
# another order of the same person: most of those people never come back.
BAD_EXPERIENCE_RETURN_FACTOR = 0.2
BAD_REVIEW_SCORE_MAX = 2
# Each person's hidden loyalty (0..1), Beta-distributed: people who order again are loyal ones (their
# loyalty also brings them back to the web site; see clickstream_calibration.RECALL_*).
LOYALTY_BETA_REPEAT = (5.0, 2.0)
LOYALTY_BETA_SINGLE = (1.0, 6.0)
