import datetime as dt

import pytest
from django.utils import timezone

from lscp.governance.figures import governance_figures
from lscp.governance.models import AttendanceStatus, GroupKind
from tests.factories import AgencyFactory, GroupFactory, MeetingFactory, UserFactory
from tests.governance.factories import AttendanceFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2021, 4, 1), dt.date(2022, 3, 31)


def at(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_meetings_held_and_cancelled_per_group_in_the_period_executive_first():
    seg = GroupFactory(name="Safeguarding Effectiveness Group", short_name="SEG", order=1)
    executive = GroupFactory(name="Executive", short_name="Exec", kind=GroupKind.EXECUTIVE, order=5)
    MeetingFactory(group=seg, starts_at=at(dt.date(2021, 4, 1)))
    MeetingFactory(group=seg, starts_at=at(dt.date(2022, 3, 31)))
    MeetingFactory(group=seg, starts_at=at(dt.date(2021, 9, 1)), is_cancelled=True)
    MeetingFactory(group=seg, starts_at=at(dt.date(2022, 4, 1)))  # next year
    MeetingFactory(group=executive, starts_at=at(dt.date(2021, 6, 1)))

    figures = governance_figures(START, END, now=at(dt.date(2022, 6, 1)))

    assert [(g.short_name, g.held, g.cancelled) for g in figures.meetings] == [("Exec", 1, 0), ("SEG", 2, 1)]


def test_a_meeting_still_to_come_is_not_held():
    group = GroupFactory()
    MeetingFactory(group=group, starts_at=at(dt.date(2022, 3, 1)))
    figures = governance_figures(START, END, now=at(dt.date(2022, 2, 1)))
    assert figures.meetings[0].held == 0


def test_attendance_rate_per_agency_per_group():
    group = GroupFactory(short_name="CDOP")
    police = AgencyFactory(name="Police")
    person = UserFactory(agency=police)
    for month, status in [(5, AttendanceStatus.PRESENT), (6, AttendanceStatus.APOLOGIES)]:
        AttendanceFactory(
            meeting=MeetingFactory(group=group, starts_at=at(dt.date(2021, month, 3))),
            person=person,
            status=status,
        )

    figures = governance_figures(START, END, now=at(dt.date(2022, 6, 1)))

    [group_attendance] = figures.attendance
    assert group_attendance.short_name == "CDOP"
    [police_row] = group_attendance.agencies
    assert (police_row.agency_name, police_row.present, police_row.apologies, police_row.rate) == (
        "Police",
        1,
        1,
        0.5,
    )
