"""Barnrösten: entry point. Page config and navigation by role.

Children and guardians answer without an account: the answering page is the
default and the navigation stays hidden for them. Staff log in at /logga-in
and get the pages their roles allow.
"""

import streamlit as st

from barnrosten.i18n import t
from barnrosten.ui.context import get_config, prepare, start_run
from barnrosten.ui.staff import current_principal, log_out, new_flag_count, reviews_flags
from barnrosten.ui.style import hide_streamlit_chrome

# Once per run, for every page (barnrosten/ui/context.py): the process is prepared once (migrations,
# survey files, workers), the staff session is looked up once, the unread flags are counted once.
config = get_config()
prepare(config)
principal = current_principal(config)  # outputs nothing, so page config may still follow
# Children get a bare screen; staff get their pages in the sidebar.
st.set_page_config(
    page_title=t("app.title"), page_icon="💬", layout="centered" if principal is None else "wide",
    initial_sidebar_state="collapsed" if principal is None else "expanded",
)

run = start_run(config, principal, new_flag_count(config, principal) if reviews_flags(principal) else 0)
lang = run.lang
if principal is None:
    hide_streamlit_chrome()  # no ⋮ menu for children and guardians; staff keep theirs

# Staff who read results land on the dashboard; everyone else on the answering page.
reads_results = principal is not None and (principal.has_role("analyst") or principal.has_role("network_viewer"))
answer = st.Page("pages/answer.py", title=t("nav.answer", lang), icon="💬", default=not reads_results, url_path="svara")
# "Ni sa – vi gjorde" is public: children reach it from the finish screen without logging in.
public = st.Page("pages/you_said_we_did.py", title=t("nav.public", lang), icon="🌍", url_path="ni-sa-vi-gjorde")
# Workshop participants join without an account, by code or QR link.
workshop = st.Page("pages/workshop_join.py", title=t("nav.workshop_join", lang), icon="🙋", url_path="workshop")
pages = [answer, public, workshop]
if principal is None:
    pages.append(st.Page("pages/login.py", title=t("nav.login", lang), icon="🔑", url_path="logga-in"))
    # A workshop's projector view or remote opened in a new window: log in there, then the same link opens.
    pages.append(st.Page("pages/login.py", title=t("nav.login", lang), url_path="workshoppar", visibility="hidden"))
else:
    if reads_results:
        pages.insert(0, st.Page("pages/dashboard.py", title=t("nav.dashboard", lang), icon="📊", default=True,
                                url_path="oversikt"))
    if principal.is_admin or principal.has_role("analyst"):
        pages.append(st.Page("pages/actions.py", title=t("nav.actions", lang), icon="📣", url_path="vi-gjorde"))
        pages.append(st.Page("pages/import_data.py", title=t("nav.import", lang), icon="📥", url_path="importera"))
    if principal.is_admin or principal.has_role("facilitator"):
        pages.append(st.Page("pages/workshops.py", title=t("nav.workshops", lang), icon="🧩", url_path="workshoppar"))
    if principal.is_admin or principal.has_role("facilitator") or principal.has_role("analyst"):
        pages.append(st.Page("pages/participation.py", title=t("nav.lundy", lang), icon="🧭", url_path="delaktighet"))
    if reviews_flags(principal):
        # The count of unread flags stays in the menu on every page, so nothing flagged goes unseen.
        waiting = run.new_flags
        pages.append(st.Page("pages/safety_queue.py", icon="🛟", url_path="trygghet",
                             title=t("nav.queue_new", lang, n=waiting) if waiting > 1 else
                             t("nav.queue_new_one", lang) if waiting else t("nav.queue", lang)))
    if principal.is_admin:
        pages.append(st.Page("pages/survey_files.py", title=t("nav.surveys", lang), icon="🗂️", url_path="enkatfiler"))
        pages.append(st.Page("pages/recordings.py", title=t("nav.recordings", lang), icon="🔊", url_path="upplasning"))
        pages.append(st.Page("pages/audit_log.py", title=t("nav.audit", lang), icon="📜", url_path="granskningslogg"))
        pages.append(st.Page("pages/workers.py", title=t("nav.workers", lang), icon="⚙️", url_path="bakgrundsjobb"))
    pages.append(st.Page("pages/change_password.py", title=t("nav.password", lang), icon="🔒", url_path="losenord"))
    with st.sidebar:
        st.caption(principal.username)
        if st.button(t("nav.logout", lang), key="logout"):
            log_out(config)
            st.rerun()

st.navigation(pages, position="hidden" if principal is None else "sidebar").run()
