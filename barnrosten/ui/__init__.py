"""Streamlit building blocks shared by the pages (the only part of the core that imports streamlit)."""
