"""Attendance rate per agency: present ÷ recorded rows, apologies shown apart but not present."""

import datetime as dt

import pytest
from django.utils import timezone

from lscp.governance.attendance import attendance_by_agency, attendees, one_year_before, record_attendance
from lscp.governance.models import Attendance, AttendanceStatus
from tests.factories import AgencyFactory, GroupFactory, MeetingFactory, MembershipFactory, UserFactory
from tests.governance.factories import AttendanceFactory

pytestmark = pytest.mark.django_db

PRESENT, APOLOGIES, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


def on(day: dt.date, hour: int = 14):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_three_present_out_of_four_is_75_percent_with_apologies_shown_apart():
    group = GroupFactory()
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health")
    officer, nurse = UserFactory(agency=police), UserFactory(agency=health)
    for day, status in [(1, PRESENT), (2, PRESENT), (3, APOLOGIES), (4, PRESENT)]:
        meeting = MeetingFactory(group=group, starts_at=on(dt.date(2022, day, 10)))
        AttendanceFactory(meeting=meeting, person=officer, status=status)
        AttendanceFactory(meeting=meeting, person=nurse, status=ABSENT if day == 1 else PRESENT)

    rates = {
        row.agency_name: row
        for row in attendance_by_agency(dt.date(2022, 1, 1), dt.date(2022, 12, 31), group)
    }

    assert rates["Police"].recorded == 4
    assert rates["Police"].present == 3
    assert rates["Police"].apologies == 1
    assert rates["Police"].absent == 0
    assert rates["Police"].rate == 0.75
    assert rates["Police"].rate_percent == 75
    assert (rates["Health"].present, rates["Health"].absent, rates["Health"].rate_percent) == (3, 1, 75)
    # Listed by agency name.
    assert [
        row.agency_name for row in attendance_by_agency(dt.date(2022, 1, 1), dt.date(2022, 12, 31), group)
    ] == [
        "Health",
        "Police",
    ]


def test_rate_is_per_agency_represented_on_the_day_not_the_persons_agency_now():
    group = GroupFactory()
    old, new = AgencyFactory(name="Old agency"), AgencyFactory(name="New agency")
    person = UserFactory(agency=new)
    meeting = MeetingFactory(group=group, starts_at=on(dt.date(2022, 5, 1)))
    AttendanceFactory(meeting=meeting, person=person, agency=old, status=PRESENT)

    [row] = attendance_by_agency(dt.date(2022, 1, 1), dt.date(2022, 12, 31), group)
    assert row.agency_name == "Old agency"


def test_only_meetings_in_the_range_and_of_the_group_and_not_cancelled_count():
    group, other = GroupFactory(), GroupFactory()
    person = UserFactory()
    inside = MeetingFactory(group=group, starts_at=on(dt.date(2022, 6, 1)))
    before = MeetingFactory(group=group, starts_at=on(dt.date(2021, 12, 31)))
    cancelled = MeetingFactory(group=group, starts_at=on(dt.date(2022, 6, 8)), is_cancelled=True)
    elsewhere = MeetingFactory(group=other, starts_at=on(dt.date(2022, 6, 1)))
    AttendanceFactory(meeting=inside, person=person, status=PRESENT)
    for meeting in (before, cancelled, elsewhere):
        AttendanceFactory(meeting=meeting, person=person, status=ABSENT)

    [row] = attendance_by_agency(dt.date(2022, 1, 1), dt.date(2022, 12, 31), group)
    assert (row.recorded, row.present, row.rate) == (1, 1, 1.0)
    assert len(attendance_by_agency(dt.date(2022, 1, 1), dt.date(2022, 12, 31))) == 2  # every group


def test_range_ends_are_inclusive_in_uk_local_time():
    group = GroupFactory()
    person = UserFactory()
    # 00:30 on 1 July 2022 in London is 23:30 on 30 June in UTC: it belongs to July.
    meeting = MeetingFactory(group=group, starts_at=on(dt.date(2022, 7, 1), hour=0).replace(minute=30))
    AttendanceFactory(meeting=meeting, person=person)
    assert attendance_by_agency(dt.date(2022, 6, 1), dt.date(2022, 6, 30), group) == []
    assert len(attendance_by_agency(dt.date(2022, 7, 1), dt.date(2022, 7, 1), group)) == 1


def test_no_records_means_no_rows():
    assert attendance_by_agency(dt.date(2022, 1, 1), dt.date(2022, 12, 31), GroupFactory()) == []


def test_one_year_before_handles_the_leap_day():
    assert one_year_before(dt.date(2024, 2, 29)) == dt.date(2023, 2, 28)
    assert one_year_before(dt.date(2022, 4, 5)) == dt.date(2021, 4, 5)


def test_recording_saves_each_member_with_the_agency_they_represent():
    group = GroupFactory()
    represented = AgencyFactory(name="Represented")
    chair = MembershipFactory(group=group, agency=represented)
    member = MembershipFactory(group=group)
    leaver = MembershipFactory(group=group, end=dt.date(2021, 1, 1))
    meeting = MeetingFactory(group=group, starts_at=on(dt.date(2022, 3, 1)))

    people = attendees(meeting)
    assert {a.person for a in people} == {chair.person, member.person}
    assert leaver.person not in {a.person for a in people}

    record_attendance(
        meeting, {chair.person.pk: (PRESENT, represented), member.person.pk: ("", member.agency)}
    )
    [row] = Attendance.objects.filter(meeting=meeting)
    assert (row.person, row.agency, row.status) == (chair.person, represented, PRESENT)

    record_attendance(
        meeting, {chair.person.pk: (APOLOGIES, represented), member.person.pk: (ABSENT, member.agency)}
    )
    assert dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "status")) == {
        chair.person.pk: APOLOGIES,
        member.person.pk: ABSENT,
    }

    record_attendance(meeting, {chair.person.pk: ("", represented)})
    assert not Attendance.objects.filter(meeting=meeting, person=chair.person).exists()


def test_someone_recorded_who_has_since_left_still_appears():
    group = GroupFactory()
    meeting = MeetingFactory(group=group, starts_at=on(dt.date(2022, 3, 1)))
    former = UserFactory()
    AttendanceFactory(meeting=meeting, person=former, status=PRESENT)
    [attendee] = attendees(meeting)
    assert attendee.person == former
    assert attendee.status == PRESENT
    assert attendee.role == "No longer a member"
