"""Which paths go back to their page (the browser test opens one through the dashboard's server)."""

import pytest

from dashboard.nested_paths import page_path


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/conversion/extra", "/conversion"),
        ("/a/b/c", "/a"),
        ("/funnel/", None),  # a page (Streamlit drops the trailing slash itself)
        ("/", None),
        ("/conversion", None),
        ("/static/js/index.js", None),
        ("/_stcore/stream", None),
        ("/media/abc.png", None),
        ("/component/x/index.html", None),
        ("/app/static/logo.png", None),
        ("/conversion/_stcore/health", None),  # the browser's probe for the base path
        ("/conversion/static/js/index.js", None),
    ],
)
def test_only_nested_page_paths_are_sent_to_their_page(path: str, page: str | None) -> None:
    assert page_path(path) == page
