"""Customer intelligence as of a date T: churn, purchase intent, segments and lifetime value.

Plain Python (no Dagster): `ml.scoring.score_all` trains and scores every model from the marts and
writes the `marts.ml_*` tables; `shoplens score` and the Dagster assets `ml/*` both call it. Every
model takes an as-of date T (`ml.asof`) and uses only data from before T.
"""

import os

# Before numpy and scikit-learn start their thread pools: on 2 shared cores two threads were measured
# 16x slower than one. Training also runs inside threadpool_limits(1) for pools started earlier.
os.environ["OMP_NUM_THREADS"] = "1"
