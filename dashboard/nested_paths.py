"""Nested paths go back to their page: Streamlit alone leaves them blank.

Streamlit answers a path it does not know with its index.html, whose scripts are linked relative to
the page (`./static/...`). At `/a/b` the browser then asks for `/a/static/...`, gets index.html
again instead of a script, and the page stays blank. Every page lives one segment deep
(`/conversion`), so a browser opening a deeper path is sent to its first segment, query string kept:
a page opens, and an unknown name gets Streamlit's "page not found" with the default page.
"""

from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

# Streamlit's own routes (its reserved prefixes, and `app/static` files). The browser also asks for
# them under the page (`/conversion/_stcore/health`) to find the app's base path: those must keep
# Streamlit's own answer (a 404 there), or the app would take `/conversion` for its base.
STREAMLIT_ROUTES = frozenset({"_stcore", "media", "component", "static", "app"})


def page_path(path: str) -> str | None:
    """The page a nested path belongs to (`/a/b/c` -> `/a`); None for a page, or a path through one of
    Streamlit's routes."""
    segments = [segment for segment in path.split("/") if segment]
    if len(segments) < 2 or STREAMLIT_ROUTES.intersection(segments):
        return None
    return "/" + segments[0]


class NestedPathRedirect:
    """ASGI middleware: a GET of a nested path is redirected to its page (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = page_path(scope["path"]) if scope["type"] == "http" else None
        if target is None or scope["method"] not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        response = RedirectResponse(target + (f"?{query}" if query else ""), status_code=307)
        await response(scope, receive, send)
