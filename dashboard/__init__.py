"""The Streamlit dashboard: pages that read the marts through the read-only dashboard role."""
