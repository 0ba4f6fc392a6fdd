"""glossary_link: a chart's link to its metric's glossary entry, by label only."""

from __future__ import annotations

from dashboard.glossary_links import glossary_link, glossary_url, metric_anchor


def test_the_anchor_depends_on_the_label_only_and_reads_as_a_slug() -> None:
    assert metric_anchor("Conversion rate") == "metric-conversion-rate"
    assert metric_anchor("  AOV (R$) ") == "metric-aov-r"
    assert metric_anchor("Rows rejected (last load)") == metric_anchor("rows rejected, last load")


def test_the_link_is_relative_markdown_to_the_glossary_page() -> None:
    assert glossary_url("Conversion rate") == "glossary#metric-conversion-rate"
    assert (
        glossary_link("Conversion rate") == "[Conversion rate: definition](glossary#metric-conversion-rate)"
    )
