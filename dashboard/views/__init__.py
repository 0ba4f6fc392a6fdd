"""The dashboard's pages: each is a short script run by `st.navigation` (layout and choice of charts only)."""
