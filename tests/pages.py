"""Every page of the site, with real ids from the demo partnership.

`demo_pages()` (the demo must be loaded: `call_command("demo")`) lists every page a GET can
reach, so the permission matrix and the accessibility run cover the same site. Each URL pattern
is either behind one of those pages or in `POST_ONLY` / `NOT_A_PAGE` with the reason;
`unlisted_patterns()` names any pattern in none of them, so a new page without a matrix entry
fails tests/core/test_permission_matrix.py.
"""

from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import urlencode

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

DOMAIN = "demo.lscp.invalid"
DEMO_PASSWORD = "DemoPartnership2022!"


def demo_email(role) -> str:
    """The demo sign-in for a role, e.g. business.manager@demo.lscp.invalid."""
    return f"{str(role).lower().replace(' ', '.')}@{DOMAIN}"


class Page(NamedTuple):
    name: str  # a readable, unique label; the row of the permission matrix
    url: str
    html: bool = True  # False for CSV, spreadsheets, JSON and CSS: nothing for axe to check


# Patterns a GET never shows as a page. A new one goes here only with its reason.
POST_ONLY = {
    "accounts:sign-out": "signing out changes the session, so it is a POST (a GET answers 405)",
    "accounts:resend-invitation": "sends an email: a button on the person's page (a GET answers 405)",
    "improvement:add-update": "the update form posts from the action's page (a GET answers 405)",
    "improvement:recommendation-move": "the status form posts from a recommendation's page (GET: 405)",
    "improvement:step-across": "a button on the recommendation's page (a GET answers 405)",
    "improvement:learning-response": "the response form posts from the learning needs page (GET: 405)",
    "child_deaths:list-for-panel": "a button on the case page once the review meeting is held (GET: 405)",
    "performance:raise-exception": "a button on the performance report beside a KPI (GET: 405)",
    "performance:remove-baseline": "a button beside each baseline on the baselines page (GET: 405)",
    "learning:book": "the Book button on a session's page (a GET answers 405)",
    "learning:confirm-watched": "the I have watched it button on a recorded session (a GET answers 405)",
    "learning:decide-for-manager": "approve or decline buttons on a session's bookings page (GET: 405)",
    "learning:publish-example": "the publish button beside an impact example on the report (GET: 405)",
    "governance:year-start": "the Start the next year button on the years page (a GET answers 405)",
    "reporting:publish": "the Publish button on a signed-off year's report (a GET answers 405)",
}
NOT_A_PAGE = {
    "reporting:report-pdf": (
        "building the PDF takes seconds, too slow to repeat for every role and the axe walk; "
        "tests/reporting/test_pages.py covers who may download it"
    ),
    "improvement:evidence-file": (
        "a file download; the demo's evidence is text only, and tests/improvement/test_evidence.py "
        "covers who may download a file"
    ),
    "accounts:set-password": (
        "needs a one-time token from an invitation or reset email; "
        "tests/accounts covers it, and the browser test opens one made for the purpose"
    ),
}


def demo_pages() -> list[Page]:
    """Every GET page, pointed at demo records: the CSPRG group, its most recent past meeting that
    raised an action for the demo group member, that action, and the demo practitioner's account."""
    # Imported here so that importing this module needs no configured Django.
    from lscp.accounts.models import User
    from lscp.core.models import Agency
    from lscp.governance.models import Group, Meeting
    from lscp.improvement.models import Action, Recommendation

    csprg = Group.objects.get(slug="csprg")
    member = User.objects.get(email=demo_email("Group member"))
    action = (
        Action.objects.filter(group=csprg, owner=member, source_kind="meeting")
        .order_by("-created_at", "-pk")
        .first()
    )
    meeting = Meeting.objects.get(pk=action.source_id)
    item = meeting.agenda_items.order_by("order", "pk").first()
    membership = csprg.memberships.exclude(person=member).order_by("pk").first()
    person = User.objects.get(email=demo_email("Practitioner"))
    agency = Agency.objects.get(name="West Moorland Police")
    filters = urlencode(
        {"group": csprg.pk, "agency": agency.pk, "status": "outstanding", "overdue": "on", "sort": "-due"}
    )
    # A recommendation of CSPRG's addressed to the police and the ICB (the member's and the chair's
    # agencies), from the improvement demo.
    recommendation = Recommendation.objects.get(
        text__startswith="Agencies should make sure practitioners record"
    )
    rec_filters = urlencode({"group": csprg.pk, "agency": agency.pk, "status": "in_progress", "sort": "-due"})
    audit_search = urlencode({"person": "group.member", "kind": "access"})

    def page(name: str, url_name: str, *args, query: str = "", html: bool = True) -> Page:
        url = reverse(url_name, args=args)
        return Page(name, f"{url}?{query}" if query else url, html)

    m, g = meeting.pk, csprg.slug
    return [
        page("home", "home"),
        page("health check", "core:healthz", html=False),
        page("brand colour CSS", "core:brand-css", html=False),
        # Agencies and the audit trail
        page("agencies", "core:agencies"),
        page("add an agency", "core:agency-add"),
        page("edit an agency", "core:agency-edit", agency.pk),
        page("audit trail", "core:audit"),
        page("audit trail, searched", "core:audit", query=audit_search),
        # Signing in and the person's own account
        page("sign in", "accounts:sign-in"),
        page("two-factor", "accounts:two-factor"),
        page("set up two-factor", "accounts:two-factor-set-up"),
        page("backup codes", "accounts:backup-codes"),
        page("profile", "accounts:profile"),
        page("change password", "accounts:change-password"),
        page("password reset", "accounts:password-reset"),
        page("password reset sent", "accounts:password-reset-sent"),
        # People
        page("people", "accounts:people"),
        page(
            "people, filtered", "accounts:people", query=urlencode({"role": "Group member", "status": "all"})
        ),
        page("invite someone", "accounts:invite"),
        page("a person", "accounts:person", person.pk),
        page("edit a person", "accounts:edit-person", person.pk),
        page("deactivate a person", "accounts:deactivate", person.pk),
        page("reactivate a person", "accounts:reactivate", person.pk),
        # Groups and meetings
        page("groups", "governance:groups"),
        page("add a group", "governance:group-add"),
        page("a group", "governance:group", g),
        page("edit a group", "governance:group-edit", g),
        page("add a member", "governance:membership-add", g),
        page("end a membership", "governance:membership-end", g, membership.pk),
        page("add a meeting", "governance:meeting-add", g),
        page("a meeting", "governance:meeting", m),
        page("edit a meeting", "governance:meeting-edit", m),
        page("add an agenda item", "governance:agenda-add", m),
        page("edit an agenda item", "governance:agenda-edit", m, item.pk),
        page("remove an agenda item", "governance:agenda-remove", m, item.pk),
        page("record attendance", "governance:attendance", m),
        page("write minutes", "governance:minutes", m),
        page("record a decision", "governance:decision-add", m),
        page("raise an action", "governance:action-add", m),
        # The action log
        page("action log", "improvement:actions"),
        page("action log, filtered", "improvement:actions", query=filters),
        page("action log as CSV", "improvement:export-csv", query=filters, html=False),
        page("action log as a spreadsheet", "improvement:export-xlsx", query=filters, html=False),
        page("an action", "improvement:action", action.pk),
        page("edit an action", "improvement:edit", action.pk),
        # The golden thread: recommendations, evidence, learning needs and themes
        page("recommendations", "improvement:recommendations"),
        page("recommendations, filtered", "improvement:recommendations", query=rec_filters),
        page("recommendations as CSV", "improvement:recommendations-csv", query=rec_filters, html=False),
        page(
            "recommendations as a spreadsheet",
            "improvement:recommendations-xlsx",
            query=rec_filters,
            html=False,
        ),
        page("add a recommendation", "improvement:recommendation-add"),
        page("a recommendation", "improvement:recommendation", recommendation.pk),
        page("add an action to a recommendation", "improvement:recommendation-action-add", recommendation.pk),
        page("add evidence to a recommendation", "improvement:evidence-add", recommendation.pk),
        page("what an agency owes", "improvement:agency", agency.pk),
        page("learning needs", "improvement:learning-needs"),
        page("learning themes", "improvement:themes"),
        page("add a learning theme", "improvement:theme-add"),
        *_review_pages(page),
        *_child_death_pages(page),
        page("performance", "performance:index"),
        page("performance report", "performance:group-report", "seg", query="until=2022-03"),
        page("performance report as PDF", "performance:group-report-pdf", "seg", html=False),
        page("performance data", "performance:group-report-data", "seg", html=False),
        page("import KPI values", "performance:import"),
        page("KPI import template", "performance:import-template", html=False),
        page("enter KPI values", "performance:entry"),
        page("enter a KPI value", "performance:entry-indicator", "PIP"),
        page("SPC baselines", "performance:baselines"),
        *_learning_pages(page),
        *_year_pages(page),
    ]


def _review_pages(page) -> list[Page]:
    """The CSPRG's casework, pointed at the demo: the open notification with no rapid review yet,
    the published LCSPR and its rapid review, and the demo practitioner's own untriaged referral."""
    from lscp.reviews.models import CaseReferral, PracticeReview, Return, SeriousIncidentNotification

    waiting = SeriousIncidentNotification.objects.filter(rapid_review__isnull=True).order_by("-pk").first()
    lcspr = PracticeReview.objects.filter(published_on__isnull=False).order_by("pk").first()
    rr = lcspr.rapid_review
    returned = Return.objects.exclude(file="").order_by("pk").first()
    own = CaseReferral.objects.filter(referrer__email=demo_email("Practitioner"), outcome="").first()
    # The return the group chair's agency still owes (the chair does not sit on the CSPRG).
    owed = Return.objects.filter(
        received_on__isnull=True, agency__people__email=demo_email("Group chair")
    ).first()
    n, r, p = waiting.pk, rr.pk, lcspr.pk
    return [
        page("practice reviews", "reviews:dashboard"),
        page("record a notification", "reviews:notification-add"),
        page("a notification", "reviews:notification", n),
        page("change a notification", "reviews:notification-edit", n),
        page("start a rapid review", "reviews:rapid-review-start", n),
        page("refer a case for review", "reviews:refer"),
        page("case referrals", "reviews:referrals"),
        page("your referrals", "reviews:my-referrals"),
        page("a referral", "reviews:referral", own.pk),
        page("triage a referral", "reviews:triage", own.pk),
        page("a rapid review", "reviews:rapid-review", r),
        page("rapid review meeting and findings", "reviews:rapid-review-edit", r),
        page("rapid review decision", "reviews:decision", r),
        page("ask for a return", "reviews:return-add", r),
        page("upload a return", "reviews:return-upload", returned.rapid_review_id, returned.pk),
        page("a return's file", "reviews:return-file", returned.rapid_review_id, returned.pk, html=False),
        page("returns owed", "reviews:returns-owed"),
        page("upload your agency's return", "reviews:return-upload", owed.rapid_review_id, owed.pk),
        page("rapid review recommendation", "reviews:rapid-review-recommendation", r),
        page("a practice review", "reviews:practice-review", p),
        page("change a practice review", "reviews:practice-review-edit", p),
        page("record engagement", "reviews:engagement-add", p),
        page("practice review recommendation", "reviews:practice-review-recommendation", p),
    ]


def _child_death_pages(page) -> list[Page]:
    """The CDOP's cases, pointed at the demo's open cases: the newest (unexpected, notified by the
    demo's police detective), the one waiting for agencies' information (the GP's form is overdue),
    and the closed review whose learning point is not yet a recommendation."""
    from lscp.child_deaths.models import ChildDeath, InformationRequest, LearningPoint, Stage

    notified = ChildDeath.objects.filter(stage=Stage.NOTIFIED).order_by("pk").first()
    at_jar = ChildDeath.objects.filter(stage=Stage.JOINT_AGENCY_RESPONSE).order_by("pk").first()
    gathering = ChildDeath.objects.filter(stage=Stage.INFORMATION).order_by("pk").first()
    at_cdrm = ChildDeath.objects.filter(stage=Stage.REVIEW_MEETING).order_by("pk").first()
    overdue = InformationRequest.objects.filter(case=gathering, received_on__isnull=True).first()
    returned = InformationRequest.objects.exclude(file="").order_by("pk").first()
    point = LearningPoint.objects.filter(recommendation__isnull=True).order_by("pk").first()
    n, g = notified.pk, gathering.pk
    return [
        page("child deaths", "child_deaths:cases"),
        page("notify a child death", "child_deaths:notify"),
        page("child deaths you notified", "child_deaths:my-notifications"),
        page("a child death case", "child_deaths:case", n),
        page("change a death notification", "child_deaths:case-edit", n),
        page("assign a lead nurse", "child_deaths:lead-nurse", n),
        page("joint agency response", "child_deaths:jar", n),
        page("ask agencies for information", "child_deaths:information-request", at_jar.pk),
        page("upload an agency's information", "child_deaths:information-upload", g, overdue.pk),
        page(
            "an agency's information file",
            "child_deaths:information-file",
            returned.case_id,
            returned.pk,
            html=False,
        ),
        page("child death review meeting", "child_deaths:cdrm", g),
        page("panel review", "child_deaths:panel-review", at_cdrm.pk),
        page("contact with the family", "child_deaths:family-contact", n),
        page("child death analysis", "child_deaths:analysis"),
        page("published child death analysis", "child_deaths:analysis", query="published=1"),
        page("import child deaths", "child_deaths:import"),
        page("child death import template", "child_deaths:import-template", html=False),
        page(
            "learning point recommendation",
            "child_deaths:learning-point-recommendation",
            point.review.case_id,
            point.pk,
        ),
    ]


def url_patterns(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(route, view name) for every URL pattern of the site.

    For example ("meetings/<int:pk>/", "governance:meeting").
    """
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name or pattern.lookup_str}"


def unlisted_patterns(pages: list[Page]) -> list[str]:
    """Routes no page reaches and neither list explains; empty when every pattern is accounted for."""
    reached = {resolve(page.url.split("?")[0]).view_name for page in pages}
    explained = reached | set(POST_ONLY) | set(NOT_A_PAGE)
    return [f"{route} ({name})" for route, name in url_patterns() if name not in explained]


def _learning_pages(page) -> list[Page]:
    """Learning and development, pointed at the demo: the core course, its first upcoming session
    and its latest past one; the demo practitioner's upcoming place, waiting-list place, the session
    to evaluate and the follow-up due; a booking waiting for its line manager; two resources."""
    from django.utils import timezone

    from lscp.learning import windows
    from lscp.learning.models import Booking, BookingStatus, Session

    core = "working-together-to-safeguard-children"
    now = timezone.now()
    upcoming = Session.objects.filter(course__slug=core, starts_at__gt=now, is_cancelled=False).first()
    past = Session.objects.filter(course__slug=core, starts_at__lt=now).order_by("-starts_at").first()
    mine = Booking.objects.filter(person__email=demo_email("Practitioner"))
    booked = mine.filter(status=BookingStatus.BOOKED, session__starts_at__gt=now).first()
    waiting = mine.filter(status=BookingStatus.WAITING).first()
    to_evaluate = mine.filter(session__course__slug=core, status="attended", evaluation__isnull=True).get()
    follow_up = mine.filter(windows.follow_up_open_filter(timezone.localdate()), follow_up__isnull=True).get()
    in_2021 = mine.get(session__course__slug=core, status="attended", attended_on__year=2021)
    awaiting = Booking.objects.filter(status=BookingStatus.AWAITING_APPROVAL).order_by("pk").first()
    public, practitioners_only = (
        "one-minute-guide-private-fostering",
        "7-point-briefing-safeguarding-babies-audit",
    )
    year = "year=2021-22"
    return [
        page("training catalogue", "learning:catalogue"),
        page("training catalogue, filtered", "learning:catalogue", query="format=classroom&audience=police"),
        page("course", "learning:course", core),
        page("session", "learning:session", upcoming.pk),
        page("register to book", "learning:sign-up"),
        page("registered, check your email", "learning:sign-up-sent"),
        page("your learning", "learning:my-learning"),
        page("cancel a booking", "learning:cancel-booking", booked.pk),
        page("offered place", "learning:offer", waiting.pk),
        page("manager approval", "learning:approval", awaiting.manager_token),
        page("attendance register", "learning:attendance", past.pk),
        page("manage courses", "learning:manage"),
        page("add a course", "learning:course-add"),
        page("edit a course", "learning:course-edit", core),
        page("add a session", "learning:session-add", core),
        page("edit a session", "learning:session-edit", upcoming.pk),
        page("cancel a session", "learning:session-cancel", upcoming.pk),
        page("session bookings", "learning:session-bookings", upcoming.pk),
        page("non-attendance charges", "learning:charges", query=year),
        page("non-attendance charges CSV", "learning:charges-csv", query=year, html=False),
        page("evaluate a session", "learning:evaluate", to_evaluate.pk),
        page("impact follow-up", "learning:follow-up", follow_up.pk),
        page("line manager's follow-up", "learning:manager-follow-up", in_2021.manager_token),
        page("certificate", "learning:certificate", in_2021.pk, html=False),
        page("course evaluations", "learning:evaluations", query=year),
        page("course evaluation report", "learning:evaluation-report", core, query=year),
        page("course evaluation PDF", "learning:evaluation-report-pdf", core, query=year, html=False),
        page("course evaluation CSV", "learning:evaluation-report-csv", core, query=year, html=False),
        page("resources", "learning:resources"),
        page("resources, filtered", "learning:resources", query="kind=one_minute_guide&theme=neglect"),
        page("a public resource", "learning:resource", public),
        page("a practitioners' resource", "learning:resource", practitioners_only),
        page("a resource's file", "learning:resource-file", public, html=False),
        page("add a resource", "learning:resource-add"),
        page("change a resource", "learning:resource-edit", practitioners_only),
        page("add a resource version", "learning:version-add", practitioners_only),
        page("resources due for review", "learning:resources-due"),
        page("learning needs covered", "learning:learning-needs"),
    ]


def _year_pages(page) -> list[Page]:
    """The year's plan and narrative, and the annual report. In the demo 2021-22 is signed off
    and published, so its edit pages would only say it is locked: they point at 2022-23, the
    draft, on the SEG (the demo group chair's group) and its records."""
    from lscp.governance.models import (
        DevelopmentArea,
        EngagementActivity,
        ImpactStatement,
        KeyStep,
        KeyStepProgress,
        Priority,
        PriorityUpdate,
    )

    published, draft = "2021-22", "2022-23"
    priority = Priority.objects.filter(year__first_year=2022).order_by("order", "pk").first()
    step = KeyStep.objects.filter(year__first_year=2022, group__slug="seg").order_by("order", "pk").first()
    area = DevelopmentArea.objects.filter(year__first_year=2022, group__slug="seg").order_by("pk").first()
    activity = EngagementActivity.objects.filter(year__first_year=2022).order_by("pk").first()
    update = PriorityUpdate.objects.filter(priority=priority).order_by("pk").first()
    progress = KeyStepProgress.objects.filter(key_step__year__first_year=2022, key_step__group__slug="seg")
    progress = progress.order_by("pk").first()
    # The SEG's 2022-23 area has no impact yet: this one is the CSPRG's, so the SEG's chair may not.
    impact = ImpactStatement.objects.filter(area__year__first_year=2022, area__group__slug="csprg")
    impact = impact.order_by("pk").first()
    return [
        page("plans and reports by year", "governance:years"),
        page("a year's plan and narrative", "governance:year", draft),
        page("a signed-off year", "governance:year", published),
        page("edit a year's introduction", "governance:year-introduction", draft),
        page("the scrutineer's summary", "governance:year-scrutiny", draft),
        page("sign off a year", "governance:year-sign-off", draft),
        page("reopen a year", "governance:year-reopen", published),
        page("add a priority", "governance:priority-add", draft),
        page("edit a priority", "governance:priority-edit", priority.pk),
        page("update a priority", "governance:priority-update", priority.pk),
        page("add an engagement activity", "governance:engagement-add", draft),
        page("edit an engagement activity", "governance:engagement-edit", activity.pk),
        page("a group's year", "governance:group-year", draft, "seg"),
        page("edit a group's function", "governance:group-year-function", draft, "seg"),
        page("add a key step", "governance:key-step-add", draft, "seg"),
        page("edit a key step", "governance:key-step-edit", step.pk),
        page("progress on a key step", "governance:key-step-progress", step.pk),
        page("add a development area", "governance:area-add", draft, "seg"),
        page("edit a development area", "governance:area-edit", area.pk),
        page("add an impact statement", "governance:impact-add", area.pk),
        page("correct a priority update", "governance:priority-update-edit", update.pk),
        page("remove a priority", "governance:priority-remove", priority.pk),
        page("remove an engagement activity", "governance:engagement-remove", activity.pk),
        page("correct key step progress", "governance:key-step-progress-edit", progress.pk),
        page("remove a key step", "governance:key-step-remove", step.pk),
        page("remove a development area", "governance:area-remove", area.pk),
        page("correct an impact statement", "governance:impact-edit", impact.pk),
        page("remove an impact statement", "governance:impact-remove", impact.pk),
        page("annual reports", "reporting:reports"),
        page("the published annual report", "reporting:report", published),
        page("a draft annual report", "reporting:report", draft),
        page("a draft annual report as JSON", "reporting:report-json", draft, html=False),
        page("the report checklist", "reporting:checklist", draft),
    ]
