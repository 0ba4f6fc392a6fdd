"""The dbt project's vars that the models must agree with: the shop's time zone and the session gap.

Read from dbt_project.yml, where they are defined once, so a session or a day means the same thing to
the models as to the marts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from shoplens.settings import DBT_PROJECT_DIR


@dataclass(frozen=True)
class ProjectVars:
    shop_time_zone: str
    session_inactivity_minutes: int


@cache
def project_vars(project_dir: Path = DBT_PROJECT_DIR) -> ProjectVars:
    values = yaml.safe_load((project_dir / "dbt_project.yml").read_text())["vars"]
    return ProjectVars(
        shop_time_zone=str(values["shop_time_zone"]),
        session_inactivity_minutes=int(values["session_inactivity_minutes"]),
    )
