"""Who may see which page: every page of the site, for anonymous and each of the eight roles.

The demo partnership is loaded once for this module, inside a transaction that is rolled back at
the end (each test runs in a savepoint within it), so the other modules still start empty.
Each (page, role) is its own test, so a failure names the cell.

MATRIX says what the app intends, read from the rules modules, lscp/accounts/roles.py and the
README's table of demo sign-ins. Where the app does otherwise, the cell stays as intended and
KNOWN_BUGS marks it xfail(strict=True): it passes while the bug is there, and fails once fixed
so that the mark is removed.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.invitations import set_password_url
from lscp.accounts.models import User
from lscp.governance.models import Group, Meeting
from lscp.learning.models import Booking, FollowUp, Session
from lscp.performance.models import Rebase
from tests.conftest import sign_in
from tests.pages import NOT_A_PAGE, POST_ONLY, demo_email, demo_pages, unlisted_patterns

# Every test here uses the database, so pytest-django keeps them together (it runs tests without
# the database last) and the demo is loaded once.
pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "System administrator",
    "Business manager",
    "Business officer",
    "Data analyst",
    "Group chair",
    "Group member",
    "Independent scrutineer",
    "Practitioner",
    "Lead nurse",
]

# Columns: anonymous, then each role in ROLES' order (scrut. = independent scrutineer,
# pract. = practitioner, nurse = lead nurse).
# yes      200: the page is shown
# no       403: signed in, but not theirs to see
# sign-in  302 to /account/sign-in/
# moved    302 somewhere else: the page has nothing to do for them (signed in already, second
#          factor passed, or the person is not deactivated) and sends them on
#
# The group is CSPRG (the group member sits on it; the group chair does not, they chair SEG), the
# meeting is one of its past meetings, the action is the group member's (West Moorland Police)
# from that meeting, and the person is the demo practitioner. Nobody in the demo's sign-ins sits on
# the CDOP: the child death case is one the group member (a police detective) notified, so they
# see their own notification; the family contact log is the lead nurse's alone.
MATRIX = """
page                          | anon    admin manager officer analyst chair member scrut.  pract.  nurse
home                          | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
health check                  | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
brand colour CSS              | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
agencies                      | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
add an agency                 | sign-in yes   yes     no      no      no    no     no      no      no
edit an agency                | sign-in yes   yes     no      no      no    no     no      no      no
audit trail                   | sign-in yes   yes     no      no      no    no     no      no      no
audit trail, searched         | sign-in yes   yes     no      no      no    no     no      no      no
sign in                       | yes     moved moved   moved   moved   moved moved  moved   moved   moved
two-factor                    | sign-in moved moved   moved   moved   moved moved  moved   moved   moved
set up two-factor             | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
backup codes                  | sign-in yes   yes     yes     yes     yes   yes    yes     moved   yes
profile                       | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
change password               | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
password reset                | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
password reset sent           | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
people                        | sign-in yes   yes     yes     no      no    no     no      no      no
people, filtered              | sign-in yes   yes     yes     no      no    no     no      no      no
invite someone                | sign-in yes   yes     yes     no      no    no     no      no      no
a person                      | sign-in yes   yes     yes     no      no    no     no      no      no
edit a person                 | sign-in yes   yes     yes     no      no    no     no      no      no
deactivate a person           | sign-in yes   yes     no      no      no    no     no      no      no
reactivate a person           | sign-in moved moved   no      no      no    no     no      no      no
groups                        | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
add a group                   | sign-in yes   yes     yes     no      no    no     no      no      no
a group                       | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
edit a group                  | sign-in yes   yes     yes     no      no    no     no      no      no
add a member                  | sign-in yes   yes     yes     no      no    no     no      no      no
end a membership              | sign-in yes   yes     yes     no      no    no     no      no      no
add a meeting                 | sign-in yes   yes     yes     no      no    no     no      no      no
a meeting                     | sign-in yes   yes     yes     yes     no    yes    yes     no      no
edit a meeting                | sign-in yes   yes     yes     no      no    no     no      no      no
add an agenda item            | sign-in yes   yes     yes     no      no    no     no      no      no
edit an agenda item           | sign-in yes   yes     yes     no      no    no     no      no      no
remove an agenda item         | sign-in yes   yes     yes     no      no    no     no      no      no
record attendance             | sign-in yes   yes     yes     no      no    no     no      no      no
write minutes                 | sign-in yes   yes     yes     no      no    no     no      no      no
record a decision             | sign-in yes   yes     yes     no      no    no     no      no      no
raise an action               | sign-in yes   yes     yes     no      no    no     no      no      no
action log                    | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
action log, filtered          | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
action log as CSV             | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
action log as a spreadsheet   | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
an action                     | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
edit an action                | sign-in yes   yes     yes     no      no    yes    no      no      no
recommendations               | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
recommendations, filtered     | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
recommendations as CSV        | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
recommendations as a spreadsheet| sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
add a recommendation          | sign-in yes   yes     yes     no      no    no     no      no      no
a recommendation              | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
add an action to a recommendation| sign-in yes   yes     yes     no      no    no     no      no      no
add evidence to a recommendation| sign-in yes   yes     yes     no      yes   yes    no      no      no
what an agency owes           | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
learning needs                | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
learning themes               | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
add a learning theme          | sign-in yes   yes     yes     no      no    no     no      no      no
practice reviews              | sign-in yes   yes     yes     yes     no    yes    yes     no      no
record a notification         | sign-in yes   yes     yes     no      no    no     no      no      no
a notification                | sign-in yes   yes     yes     yes     no    yes    yes     no      no
change a notification         | sign-in yes   yes     yes     no      no    no     no      no      no
start a rapid review          | sign-in yes   yes     yes     no      no    no     no      no      no
refer a case for review       | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
case referrals                | sign-in yes   yes     yes     yes     no    yes    yes     no      no
your referrals                | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
a referral                    | sign-in yes   yes     yes     yes     no    yes    yes     yes     no
triage a referral             | sign-in yes   yes     yes     no      no    yes    no      no      no
a rapid review                | sign-in yes   yes     yes     yes     no    yes    yes     no      no
rapid review meeting and findings| sign-in yes   yes     yes     no      no    no     no      no      no
rapid review decision         | sign-in yes   yes     yes     no      no    yes    no      no      no
ask for a return              | sign-in yes   yes     yes     no      no    no     no      no      no
upload a return               | sign-in yes   yes     yes     no      no    yes    no      no      no
a return's file               | sign-in yes   yes     yes     yes     no    yes    no      no      no
returns owed                  | sign-in yes   yes     yes     no      yes   yes    no      no      no
upload your agency's return   | sign-in yes   yes     yes     no      yes   yes    no      no      no
rapid review recommendation   | sign-in yes   yes     yes     no      no    no     no      no      no
a practice review             | sign-in yes   yes     yes     yes     no    yes    yes     no      no
change a practice review      | sign-in yes   yes     yes     no      no    no     no      no      no
record engagement             | sign-in yes   yes     yes     no      no    no     no      no      no
practice review recommendation| sign-in yes   yes     yes     no      no    no     no      no      no
child deaths                  | sign-in yes   yes     yes     yes     no    no     no      no      yes
notify a child death          | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
child deaths you notified     | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
a child death case            | sign-in yes   yes     yes     yes     no    yes    no      no      yes
change a death notification   | sign-in yes   yes     yes     no      no    no     no      no      no
assign a lead nurse           | sign-in yes   yes     yes     no      no    no     no      no      no
joint agency response         | sign-in yes   yes     yes     no      no    no     no      no      no
ask agencies for information  | sign-in yes   yes     yes     no      no    no     no      no      no
upload an agency's information| sign-in yes   yes     yes     no      no    no     no      no      no
an agency's information file  | sign-in yes   yes     yes     yes     no    no     no      no      yes
child death review meeting    | sign-in yes   yes     yes     no      no    no     no      no      no
panel review                  | sign-in yes   yes     yes     no      no    no     no      no      no
contact with the family       | sign-in no    no      no      no      no    no     no      no      yes
child death analysis          | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
published child death analysis| sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
import child deaths           | sign-in yes   yes     yes     no      no    no     no      no      no
child death import template   | sign-in yes   yes     yes     no      no    no     no      no      no
learning point recommendation | sign-in yes   yes     yes     no      no    no     no      no      no
performance                   | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
performance report            | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
performance report as PDF     | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
performance data              | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
import KPI values             | sign-in yes   yes     yes     no      no    no     no      no      no
KPI import template           | sign-in yes   yes     yes     no      no    no     no      no      no
enter KPI values              | sign-in yes   yes     yes     no      no    yes    no      no      no
enter a KPI value             | sign-in yes   yes     yes     no      no    yes    no      no      no
SPC baselines                 | sign-in yes   yes     yes     yes     no    no     no      no      no
training catalogue            | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
training catalogue, filtered  | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
course                        | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
session                       | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
register to book              | yes     moved moved   moved   moved   moved moved  moved   moved   moved
registered, check your email  | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
your learning                 | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
cancel a booking              | sign-in yes   yes     yes     no      no    no     no      yes     no
offered place                 | sign-in yes   yes     yes     no      no    no     no      yes     no
manager approval              | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
attendance register           | sign-in yes   yes     yes     no      no    no     no      no      no
manage courses                | sign-in yes   yes     yes     no      no    no     no      no      no
add a course                  | sign-in yes   yes     yes     no      no    no     no      no      no
edit a course                 | sign-in yes   yes     yes     no      no    no     no      no      no
add a session                 | sign-in yes   yes     yes     no      no    no     no      no      no
edit a session                | sign-in yes   yes     yes     no      no    no     no      no      no
cancel a session              | sign-in yes   yes     yes     no      no    no     no      no      no
session bookings              | sign-in yes   yes     yes     yes     no    no     no      no      no
non-attendance charges        | sign-in yes   yes     yes     yes     no    no     no      no      no
non-attendance charges CSV    | sign-in yes   yes     yes     yes     no    no     no      no      no
evaluate a session            | sign-in no    no      no      no      no    no     no      yes     no
impact follow-up              | sign-in no    no      no      no      no    no     no      yes     no
line manager's follow-up      | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
certificate                   | sign-in yes   yes     yes     no      no    no     no      yes     no
course evaluations            | sign-in yes   yes     yes     yes     no    no     no      no      no
course evaluation report      | sign-in yes   yes     yes     yes     no    no     no      no      no
course evaluation PDF         | sign-in yes   yes     yes     yes     no    no     no      no      no
course evaluation CSV         | sign-in yes   yes     yes     yes     no    no     no      no      no
resources                     | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
resources, filtered           | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
a public resource             | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
a practitioners' resource     | sign-in yes   yes     yes     yes     yes   yes    yes     yes     yes
a resource's file             | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
add a resource                | sign-in yes   yes     yes     no      no    no     no      no      no
change a resource             | sign-in yes   yes     yes     no      yes   no     no      no      no
add a resource version        | sign-in yes   yes     yes     no      yes   no     no      no      no
resources due for review      | sign-in yes   yes     yes     no      no    no     no      no      no
learning needs covered        | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
plans and reports by year     | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
a year's plan and narrative   | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
a signed-off year             | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
edit a year's introduction    | sign-in yes   yes     yes     no      no    no     no      no      no
the scrutineer's summary      | sign-in no    no      no      no      no    no     yes     no      no
sign off a year               | sign-in no    no      no      no      no    no     no      no      no
reopen a year                 | sign-in yes   yes     no      no      no    no     no      no      no
add a priority                | sign-in yes   yes     yes     no      no    no     no      no      no
edit a priority               | sign-in yes   yes     yes     no      no    no     no      no      no
update a priority             | sign-in yes   yes     yes     no      no    no     no      no      no
add an engagement activity    | sign-in yes   yes     yes     no      no    no     no      no      no
edit an engagement activity   | sign-in yes   yes     yes     no      no    no     no      no      no
a group's year                | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
edit a group's function       | sign-in yes   yes     yes     no      yes   no     no      no      no
add a key step                | sign-in yes   yes     yes     no      yes   no     no      no      no
edit a key step               | sign-in yes   yes     yes     no      yes   no     no      no      no
progress on a key step        | sign-in yes   yes     yes     no      yes   no     no      no      no
add a development area        | sign-in yes   yes     yes     no      yes   no     no      no      no
edit a development area       | sign-in yes   yes     yes     no      yes   no     no      no      no
add an impact statement       | sign-in yes   yes     yes     no      yes   no     no      no      no
correct a priority update     | sign-in yes   yes     yes     no      no    no     no      no      no
remove a priority             | sign-in yes   yes     yes     no      no    no     no      no      no
remove an engagement activity | sign-in yes   yes     yes     no      no    no     no      no      no
correct key step progress     | sign-in yes   yes     yes     no      yes   no     no      no      no
remove a key step             | sign-in yes   yes     yes     no      yes   no     no      no      no
remove a development area     | sign-in yes   yes     yes     no      yes   no     no      no      no
correct an impact statement   | sign-in yes   yes     yes     no      no    no     no      no      no
remove an impact statement    | sign-in yes   yes     yes     no      no    no     no      no      no
annual reports                | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
the published annual report   | yes     yes   yes     yes     yes     yes   yes    yes     yes     yes
a draft annual report         | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
a draft annual report as JSON | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
the report checklist          | sign-in yes   yes     yes     yes     yes   yes    yes     no      yes
"""
OUTCOMES = {"yes": "allowed", "no": "forbidden", "sign-in": "sign-in", "moved": "redirect"}


def parse(table: str) -> dict[str, dict[str, str]]:
    """{page name: {role: outcome}} from the table above."""
    header, *rows = [line for line in table.strip().splitlines() if line.strip()]
    assert len(header.split("|")[1].split()) == len(ROLES), "one column per role"
    expected = {}
    for row in rows:
        name, cells = (part.strip() for part in row.split("|"))
        assert len(cells.split()) == len(ROLES), f"row {name!r} needs one cell per role"
        expected[name] = {role: OUTCOMES[cell] for role, cell in zip(ROLES, cells.split(), strict=True)}
    return expected


EXPECTED = parse(MATRIX)

# Cells where the app does otherwise than intended, marked xfail(strict=True) with the reason
# while the bug stands: {(page name, role): reason}. None are known.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo partnership, loaded once; rolled back when the module is done."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo", verbosity=0)
            pages = {page.name: page for page in demo_pages()}
            users = {role: User.objects.get(email=demo_email(role)) for role in ROLES[1:]}
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield pages, users
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def client_as(demo, db):
    _, users = demo

    def make(role: str) -> Client:
        return Client() if role == "anonymous" else sign_in(Client(), users[role])

    return make


def outcome(response) -> str:
    if response.status_code == 302:
        return "sign-in" if response["Location"].startswith(reverse("accounts:sign-in")) else "redirect"
    return {200: "allowed", 403: "forbidden"}.get(response.status_code, f"HTTP {response.status_code}")


def cells():
    for name, row in EXPECTED.items():
        for role, expected in row.items():
            marks = []
            if (name, role) in KNOWN_BUGS:
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(name, role)])]
            yield pytest.param(name, role, expected, id=f"{name} | {role}", marks=marks)


@pytest.mark.parametrize(("name", "role", "expected"), list(cells()))
def test_who_may_see_the_page(demo, client_as, name, role, expected):
    pages, _ = demo
    response = client_as(role).get(pages[name].url)
    assert outcome(response) == expected, f"{role} on {name} ({pages[name].url})"


def test_the_matrix_has_a_row_for_every_page_and_no_other(demo):
    pages, _ = demo
    assert list(EXPECTED) == list(pages)
    assert len({page.url for page in pages.values()}) == len(pages)
    assert set(KNOWN_BUGS) <= {(name, role) for name in EXPECTED for role in ROLES}


def test_every_url_pattern_is_a_page_or_says_why_not(demo):
    pages, _ = demo
    assert unlisted_patterns(list(pages.values())) == [], (
        "add the page to tests/pages.py:demo_pages() and a row to MATRIX, "
        "or the pattern to POST_ONLY or NOT_A_PAGE with the reason"
    )


def test_post_only_patterns_refuse_a_get(demo, client_as):
    pages, users = demo
    admin = client_as("System administrator")
    action_pk = admin.get(pages["an action"].url).context["action"].pk
    recommendation_pk = admin.get(pages["a recommendation"].url).context["recommendation"].pk
    person = users["Practitioner"]
    urls = {
        "accounts:sign-out": reverse("accounts:sign-out"),
        "accounts:resend-invitation": reverse("accounts:resend-invitation", args=[person.pk]),
        "improvement:add-update": reverse("improvement:add-update", args=[action_pk]),
        "improvement:recommendation-move": reverse(
            "improvement:recommendation-move", args=[recommendation_pk]
        ),
        "improvement:step-across": reverse("improvement:step-across", args=[recommendation_pk]),
        "improvement:learning-response": reverse("improvement:learning-response", args=[recommendation_pk]),
        "child_deaths:list-for-panel": pages["a child death case"].url + "list-for-panel/",
        "performance:raise-exception": reverse("performance:raise-exception", args=["seg", "RR12"]),
        "performance:remove-baseline": reverse("performance:remove-baseline", args=[Rebase.objects.get().pk]),
        "learning:book": reverse("learning:book", args=[Session.objects.first().pk]),
        "learning:confirm-watched": reverse("learning:confirm-watched", args=[Booking.objects.first().pk]),
        "learning:decide-for-manager": reverse(
            "learning:decide-for-manager", args=[Booking.objects.first().pk]
        ),
        "learning:publish-example": reverse("learning:publish-example", args=[FollowUp.objects.first().pk]),
        "governance:year-start": reverse("governance:year-start"),
        "reporting:publish": reverse("reporting:publish", args=["2021-22"]),
    }
    assert set(urls) == set(POST_ONLY)
    assert {name: admin.get(url).status_code for name, url in urls.items()} == dict.fromkeys(POST_ONLY, 405)
    assert Client().get(urls["accounts:sign-out"]).status_code == 405


def test_not_a_page_patterns_open_only_with_their_token(demo, client_as):
    _, users = demo
    assert set(NOT_A_PAGE) == {"accounts:set-password", "improvement:evidence-file", "reporting:report-pdf"}
    # The evidence download is covered by tests/improvement/test_evidence.py; anonymous are sent to sign in.
    assert client_as("anonymous").get(reverse("improvement:evidence-file", args=[1])).status_code == 302
    anonymous = client_as("anonymous")
    link = set_password_url(users["Practitioner"]).split("://", 1)[1].split("/", 1)[1]
    opened = anonymous.get(f"/{link}", follow=True)
    assert opened.status_code == 200 and "form" in opened.context
    bad = anonymous.get(reverse("accounts:set-password", args=["MTA", "not-a-token"]))
    assert bad.status_code == 200 and b"This link no longer works" in bad.content


# One object rule each way: who sits on or chairs a group decides which of its meetings they
# may read or run.


def latest_past_meeting(slug: str) -> Meeting:
    group = Group.objects.get(slug=slug)
    return group.meetings.filter(starts_at__lt=timezone.now(), is_cancelled=False).latest("starts_at")


def test_group_member_reads_their_groups_meetings_only(client_as):
    member = client_as("Group member")
    csprg, seg = latest_past_meeting("csprg"), latest_past_meeting("seg")
    assert member.get(reverse("governance:meeting", args=[csprg.pk])).status_code == 200
    assert member.get(reverse("governance:meeting", args=[seg.pk])).status_code == 403


def test_group_chair_runs_their_groups_meetings_only(client_as):
    chair = client_as("Group chair")
    csprg, seg = latest_past_meeting("csprg"), latest_past_meeting("seg")
    assert chair.get(reverse("governance:meeting-edit", args=[seg.pk])).status_code == 200
    assert chair.get(reverse("governance:meeting-edit", args=[csprg.pk])).status_code == 403
    assert chair.get(reverse("governance:meeting-add", args=["seg"])).status_code == 200


def test_nobody_grants_themselves_a_role(demo, client_as):
    _, users = demo
    officer = users["Business officer"]
    client = client_as("Business officer")
    client.post(
        reverse("accounts:edit-person", args=[officer.pk]),
        {
            "full_name": officer.full_name,
            "job_title": officer.job_title,
            "agency": officer.agency_id,
            "roles": ["Business officer", "Business manager"],
        },
    )
    assert User.objects.get(pk=officer.pk).roles == {"Business officer"}
    assert client.get(reverse("core:audit")).status_code == 403


def test_only_a_business_manager_makes_a_business_manager(demo, client_as):
    _, users = demo
    practitioner = users["Practitioner"]
    url = reverse("accounts:edit-person", args=[practitioner.pk])
    details = {
        "full_name": practitioner.full_name,
        "job_title": practitioner.job_title,
        "agency": practitioner.agency_id,
        "roles": ["Practitioner", "Business manager"],
    }
    client_as("Business officer").post(url, details)
    assert "Business manager" not in User.objects.get(pk=practitioner.pk).roles
    client_as("Business manager").post(url, details)
    assert "Business manager" in User.objects.get(pk=practitioner.pk).roles
