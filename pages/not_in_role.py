"""A staff page outside the user's roles, opened by its address: said plainly, in Swedish, nothing shown."""

import streamlit as st

from barnrosten.i18n import t
from barnrosten.ui.context import this_run

lang = this_run().lang
st.title(t("nav.not_in_role", lang))
st.info(t("nav.not_in_role_lead", lang))
