"""What one model run hands back: trained or refused, its metrics row, and the rows of its marts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

TRAINED = "trained"
REFUSED = "refused"


@dataclass
class ModelRun:
    model: str
    status: str
    message: str
    metrics: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    importances: pd.DataFrame | None = None
    calibration: pd.DataFrame | None = None

    @property
    def trained(self) -> bool:
        return self.status == TRAINED
