"""Barnrösten: entry point. Page config and navigation by role.

Children and guardians answer without an account: the answering page is the
default and the navigation stays hidden for them. Staff log in at /logga-in
and get the pages their roles allow.
"""

from contextlib import nullcontext

import streamlit as st

from barnrosten.i18n import t
from barnrosten.ui.context import get_config, prepare, start_run
from barnrosten.ui.staff import LOGIN_FOR_LINK_KEY, current_principal, log_out, new_flag_count, reviews_flags, sync_cookie
from barnrosten.ui.style import hide_streamlit_chrome

# Every staff page's address. A shared link to one opens the login there, and the page itself after
# logging in (the same address is the same page to Streamlit); a page outside the user's roles says so.
STAFF_PATHS = ("oversikt", "vi-gjorde", "importera", "workshoppar", "delaktighet", "trygghet", "enkatfiler",
               "upplasning", "granskningslogg", "bakgrundsjobb", "losenord")

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
    # A shared link to a staff page (a dashboard view, a workshop's projector or remote opened in a new
    # window): log in there, then the same link opens.
    pages += [st.Page("pages/login.py", title=t("nav.login", lang), url_path=path, visibility="hidden")
              for path in STAFF_PATHS]
else:
    if reads_results:
        # The dashboard keeps its own address (/oversikt, with the filters), so a shared link names it;
        # the start address leads there for staff who read results.
        dashboard = st.Page("pages/dashboard.py", title=t("nav.dashboard", lang), icon="📊", url_path="oversikt")
        pages.insert(0, dashboard)
        pages.append(st.Page(lambda: st.switch_page(dashboard, query_params=st.query_params.to_dict()),
                             title=t("nav.dashboard", lang), url_path="start", default=True, visibility="hidden"))
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
    # After logging in at /logga-in: the user's first staff page (not the children's join screen).
    home = next(page for page in pages if page.url_path in STAFF_PATHS)
    pages.append(st.Page(lambda: st.switch_page(home), title=t("nav.login", lang), url_path="logga-in",
                         visibility="hidden"))
    mine = {page.url_path for page in pages}
    pages += [st.Page("pages/not_in_role.py", title=t("nav.not_in_role", lang), url_path=path, visibility="hidden")
              for path in STAFF_PATHS if path not in mine]
    with st.sidebar:
        st.caption(principal.username)
        if st.button(t("nav.logout", lang), key="logout"):
            log_out(config)
            st.rerun()
# The browser's session cookie: set after a login, cleared after a logout (barnrosten/ui/session_cookie.py).
with st.sidebar if principal else nullcontext():  # for children: nothing drawn unless a logout just happened
    sync_cookie(config)

page = st.navigation(pages, position="hidden" if principal is None else "sidebar")
st.session_state[LOGIN_FOR_LINK_KEY] = principal is None and page.url_path in STAFF_PATHS
page.run()
