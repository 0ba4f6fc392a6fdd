"""How dbt nodes become Dagster assets: keys, groups and descriptions follow orchestration.naming."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dagster import AssetKey
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings

from orchestration.naming import ML_GROUP, ml_asset_key, relation_asset_key, relation_group


def _relation(props: Mapping[str, Any]) -> tuple[str, str]:
    """The (schema, name) a dbt node has in the warehouse, or the (kind, name) of an exposure."""
    resource_type = props["resource_type"]
    if resource_type == "source":
        # The source is named after the schema it reads (`raw`), its tables after the raw tables.
        return props["source_name"], props.get("identifier") or props["name"]
    if resource_type == "exposure":
        # An exposure is no relation: it lives in the group of its kind (dashboard, ml, application ...).
        return props.get("type") or "exposure", props["name"]
    # `schema` is already resolved by generate_schema_name: plain staging / intermediate / marts.
    return props["schema"], props.get("alias") or props["name"]


class ShoplensDbtTranslator(DagsterDbtTranslator):
    """Key `[schema, relation]` and group `schema`, the same rule the ingestion assets follow."""

    def __init__(self) -> None:
        super().__init__(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "source" and dbt_resource_props["source_name"] == ML_GROUP:
            # The source `ml` is the marts the models write: the ML assets, so dbt models hang below them.
            return ml_asset_key(dbt_resource_props.get("identifier") or dbt_resource_props["name"])
        return relation_asset_key(*_relation(dbt_resource_props))

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return relation_group(_relation(dbt_resource_props)[0])
