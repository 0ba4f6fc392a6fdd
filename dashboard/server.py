"""The dashboard's web server (`streamlit run dashboard/server.py`): Streamlit's own, serving app.py,
with nested paths sent back to their page (`dashboard.nested_paths`), where Streamlit alone draws a
blank page.
"""

import streamlit as st
from starlette.middleware import Middleware

from dashboard.nested_paths import NestedPathRedirect

app = st.App("app.py", middleware=[Middleware(NestedPathRedirect)])
