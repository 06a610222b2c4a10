"""Streamlit screens for the pages, grouped by who uses them (the only part of the core that imports streamlit)."""
