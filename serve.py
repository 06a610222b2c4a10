"""Barnrösten's server: the Streamlit app (app.py) plus the endpoints of the staff session cookie.

    .venv/bin/streamlit run serve.py --server.port 8501      # what `make run` does

`st.App` serves app.py as `streamlit run app.py` would, and adds two small routes
(barnrosten/ui/session_endpoint.py) that set and clear the HttpOnly cookie which keeps staff logged
in across a reload and in a new tab. Started as `streamlit run app.py`, the app works the same, but
staff sessions then last only as long as the browser tab.
"""

import streamlit as st

from barnrosten.ui.session_cookie import base_path
from barnrosten.ui.session_endpoint import routes

# `streamlit run serve.py` has read the command line and config.toml before this runs.
app = st.App("app.py", routes=routes(base_path()))

if __name__ == "__main__":
    app.run()  # python serve.py: the same, with Streamlit's default options
