"""The dashboard's entry point (served by `dashboard/server.py`): page config, navigation, filters.

This file is the frame around every page: it draws the navigation and the sidebar filters of the
current page's section (orders or visitors), then runs the selected page. A warehouse problem becomes
a message that says what to do, never a traceback.
"""

import streamlit as st

from dashboard import data, sidebar
from shoplens.errors import ShoplensError

# No page_icon here and no page icons below: Streamlit turns them into favicons fetched from
# fonts.gstatic.com, and the app must render offline.
st.set_page_config(page_title="shoplens", layout="wide")

# Sections leave room for the operations pages later issues add.
PAGES = {
    "Orders": [
        st.Page("views/overview.py", title="Overview", default=True),
        st.Page("views/customers.py", title="Customers"),
        st.Page("views/geography.py", title="Geography"),
    ],
    "Visitors": [
        st.Page("views/conversion.py", title="Conversion"),
        st.Page("views/funnel.py", title="Funnel"),
        st.Page("views/carts.py", title="Carts and products"),
        st.Page("views/time_patterns.py", title="Time patterns"),
        st.Page("views/intent.py", title="Purchase intent"),
    ],
    "Live": [st.Page("views/live.py", title="Live")],
    "Operations": [
        st.Page("views/health.py", title="Data health"),
        st.Page("views/glossary.py", title="Metric glossary"),
    ],
}
VISITOR_PAGES = {page.url_path for page in PAGES["Visitors"]}
# Pages without sidebar filters: the Live page is the last hour, whatever the filters; the operations
# pages show the state of loads, builds and definitions, the same for every reader.
UNFILTERED_PAGES = {page.url_path for page in PAGES["Live"] + PAGES["Operations"]}

page = st.navigation(PAGES)
st.sidebar.markdown("**shoplens** · shop analytics")
sidebar.keep_selection()
try:
    if page.url_path in VISITOR_PAGES:
        sidebar.session_sidebar(data.session_filter_options(), data.session_date_bounds())
    elif page.url_path not in UNFILTERED_PAGES:
        sidebar.orders_sidebar(data.filter_options(), data.order_dimension_options())
    page.run()
except ShoplensError as exc:  # DashboardDataError, or a WarehouseError from a bad SHOPLENS_DATABASE_URL
    st.error(str(exc), icon=":material/error:")
