"""The hourly run: reminders, joining instructions, evaluations, impact follow-ups, lapsed offers and
resource reviews, each sent once, on a simulated clock (every call is given its `now`)."""

import datetime as dt
import io
import threading
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from lscp.learning import booking, schedule
from lscp.learning.models import (
    BookingStatus,
    CourseFormat,
    EmailKind,
    Evaluation,
    FollowUp,
    LearningEmail,
    Resource,
    ResourceKind,
    UsedLearning,
)
from tests.factories import UserFactory
from tests.learning.factories import CourseFactory, PractitionerFactory, SessionFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
BOOKED_AT = dt.datetime(2024, 2, 1, 10, 0, tzinfo=LONDON)
STARTS = dt.datetime(2024, 3, 12, 9, 30, tzinfo=LONDON)  # a Tuesday
ENDS = STARTS + dt.timedelta(hours=3)
MINUTE = dt.timedelta(minutes=1)


def at(year, month, day, hour=7, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def run(now: dt.datetime) -> dict[str, int]:
    """The run's counts, leaving out the kinds it found nothing for."""
    return {kind: n for kind, n in schedule.run(now).items() if n}


def dated_session(**fields):
    fields.setdefault("starts_at", STARTS)
    fields.setdefault("ends_at", fields["starts_at"] + dt.timedelta(hours=3))
    return SessionFactory(**fields)


def evaluate(place) -> Evaluation:
    return Evaluation.objects.create(
        booking=place,
        quality=5,
        relevance=5,
        knowledge_before=2,
        knowledge_after=4,
        confidence_before=2,
        confidence_after=4,
        improved=True,
    )


def test_a_practitioners_year_of_emails(mailoutbox, run_tasks):
    session = dated_session(course=CourseFactory(title="Working with men"), venue="Training room 1")
    person = PractitionerFactory(full_name="Sam Carter")
    place = booking.book(session, person, now=BOOKED_AT)
    assert run(BOOKED_AT + MINUTE) == {}

    # 14 days before: a reminder, once.
    fourteen = STARTS - dt.timedelta(days=14)
    assert run(fourteen - MINUTE) == {}
    assert run(fourteen) == {"reminder": 1}
    assert run(fourteen + dt.timedelta(hours=1)) == {}

    # 5 days before: the joining instructions, once.
    five = STARTS - dt.timedelta(days=5)
    assert run(five - MINUTE) == {}
    assert run(five) == {"joining": 1}
    assert run(five + dt.timedelta(days=1)) == {}

    # The register is taken; the evaluation is asked for at the end of the session.
    booking.mark(place, BookingStatus.ATTENDED, by=UserFactory(), now=STARTS + dt.timedelta(minutes=10))
    assert run(ENDS - MINUTE) == {}
    assert run(ENDS) == {"evaluation": 1}
    assert run(ENDS + dt.timedelta(days=3) - MINUTE) == {}
    assert run(ENDS + dt.timedelta(days=3)) == {"evaluation_reminder": 1}
    assert run(ENDS + dt.timedelta(days=10)) == {}

    # 3 months after the day attended (12 March), the impact follow-up; at 4 months, its reminder.
    assert run(at(2024, 6, 11, 23, 59)) == {}
    assert run(at(2024, 6, 12, 0, 0)) == {"follow_up": 1}
    assert run(at(2024, 6, 12, 1, 0)) == {}
    assert run(at(2024, 7, 11, 23, 59)) == {}
    assert run(at(2024, 7, 12, 0, 0)) == {"follow_up_reminder": 1}
    # It closes after 12 September (6 months): nothing more, ever.
    for moment in (at(2024, 7, 13), at(2024, 9, 12), at(2024, 9, 13), at(2025, 3, 12)):
        assert run(moment) == {}

    run_tasks()
    subjects = [(m.to, m.subject) for m in mailoutbox]
    assert subjects == [
        ([person.email], "Place booked: Working with men, 12 March 2024"),
        ([person.email], "Reminder: Working with men on Tuesday 12 March 2024"),
        ([person.email], "Joining instructions: Working with men, 12 March 2024"),
        ([person.email], "Tell us what you thought of Working with men"),
        ([person.email], "Reminder: tell us what you thought of Working with men"),
        ([person.email], "Has Working with men changed your practice?"),
        ([person.email], "Reminder: has Working with men changed your practice?"),
    ]
    joining, evaluation, follow_up = mailoutbox[2], mailoutbox[3], mailoutbox[5]
    assert "The venue is:\nTraining room 1" in joining.body
    assert f"/learning/bookings/{place.pk}/evaluation/" in evaluation.body
    assert f"/learning/bookings/{place.pk}/follow-up/" in follow_up.body
    assert "You can answer until 12 September 2024" in follow_up.body
    assert "we will also ask your line manager" in follow_up.body
    assert LearningEmail.objects.filter(booking=place).count() == 7


def test_answers_stop_the_reminders():
    session = dated_session()
    place = booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    booking.mark(place, BookingStatus.ATTENDED, by=UserFactory(), now=STARTS)
    assert run(ENDS) == {"evaluation": 1}
    evaluate(place)
    assert run(ENDS + dt.timedelta(days=4)) == {}
    assert run(at(2024, 6, 12)) == {"follow_up": 1}
    FollowUp.objects.create(booking=place, used_learning=UsedLearning.YES, impact=4)
    # The practitioner has answered: their line manager is asked now, and nobody is reminded.
    assert run(at(2024, 6, 12, 8)) == {"manager_follow_up": 1}
    assert run(at(2024, 7, 12)) == {}


def test_the_line_manager_is_asked_once_the_follow_up_is_in():
    person = PractitionerFactory(full_name="Sam Carter")
    manager = person.learner.line_manager_email
    place = booking.book(dated_session(), person, now=BOOKED_AT)
    booking.mark(place, BookingStatus.ATTENDED, by=UserFactory(), now=STARTS)
    run(ENDS)
    run(at(2024, 6, 12))
    assert not LearningEmail.objects.filter(kind=EmailKind.MANAGER_FOLLOW_UP).exists()
    FollowUp.objects.create(booking=place, used_learning=UsedLearning.PARTLY, impact=3)
    assert run(at(2024, 6, 20)) == {"manager_follow_up": 1}
    assert run(at(2024, 6, 21)) == {}
    row = LearningEmail.objects.get(kind=EmailKind.MANAGER_FOLLOW_UP)
    assert row.sent_to == manager
    task = DBTaskResult.objects.order_by("-enqueued_at", "-id").first()
    assert task is not None
    kwargs = task.args_kwargs["kwargs"]
    assert kwargs["to"] == [manager]
    assert f"/learning/follow-up/manager/{place.manager_token}/" in kwargs["body_text"]
    assert "Sam Carter" in kwargs["subject"]


def test_no_line_manager_on_record_no_manager_email():
    person = PractitionerFactory()
    person.learner.line_manager_email = ""
    person.learner.save()
    place = booking.book(dated_session(), person, now=BOOKED_AT)
    booking.mark(place, BookingStatus.ATTENDED, by=UserFactory(), now=STARTS)
    FollowUp.objects.create(booking=place, used_learning=UsedLearning.YES, impact=4)
    assert "manager_follow_up" not in run(at(2024, 6, 20))


def test_reminders_and_joining_instructions_go_only_to_people_with_a_place():
    session = dated_session(capacity=1, venue="", joining_link="https://meet.example.org/room-42")
    booked, waiting = PractitionerFactory(), PractitionerFactory()
    booking.book(session, booked, now=BOOKED_AT)
    booking.book(session, waiting, now=BOOKED_AT)
    assert run(STARTS - dt.timedelta(days=14)) == {"reminder": 1}
    assert run(STARTS - dt.timedelta(days=5)) == {"joining": 1}
    assert {row.sent_to for row in LearningEmail.objects.filter(kind__in=["reminder", "joining"])} == {
        booked.email
    }
    joining = DBTaskResult.objects.order_by("-enqueued_at", "-id").first()
    assert joining is not None
    assert "https://meet.example.org/room-42" in joining.args_kwargs["kwargs"]["body_text"]


def test_a_place_booked_late_gets_no_reminder_but_does_get_joining_instructions():
    session = dated_session()
    booking.book(session, PractitionerFactory(), now=STARTS - dt.timedelta(days=10))
    assert run(STARTS - dt.timedelta(days=9)) == {}
    booking.book(session, PractitionerFactory(), now=STARTS - dt.timedelta(days=2))
    assert run(STARTS - dt.timedelta(days=2) + MINUTE) == {"joining": 2}


def test_joining_instructions_wait_for_the_joining_link():
    session = dated_session(venue="", joining_link="")
    booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    assert run(STARTS - dt.timedelta(days=5)) == {}
    assert "joining" not in run(STARTS - dt.timedelta(days=4))
    session.joining_link = "https://meet.example.org/room-7"
    session.save()
    assert run(STARTS - dt.timedelta(days=3)) == {"joining": 1}


def test_a_cancelled_session_or_booking_is_not_reminded():
    cancelled_session = dated_session()
    booking.book(cancelled_session, PractitionerFactory(), now=BOOKED_AT)
    booking.cancel_session(cancelled_session, now=BOOKED_AT + dt.timedelta(days=1))
    place = booking.book(dated_session(), PractitionerFactory(), now=BOOKED_AT)
    booking.cancel(place, now=BOOKED_AT + dt.timedelta(days=1))
    assert run(STARTS - dt.timedelta(days=14)) == {}
    assert run(STARTS - dt.timedelta(days=5)) == {}


def test_on_demand_learning_asks_for_the_evaluation_once_watched():
    course = CourseFactory(format=CourseFormat.RECORDED, title="Safe sleep")
    session = SessionFactory(course=course, starts_at=BOOKED_AT - dt.timedelta(days=30), venue="")
    place = booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    assert run(BOOKED_AT + dt.timedelta(days=20)) == {}  # no reminder or joining for on demand
    watched = BOOKED_AT + dt.timedelta(days=21)
    booking.confirm_watched(place, now=watched)
    assert run(watched + MINUTE) == {"evaluation": 1}
    # The evaluation counts the attendance: no reminder after that.
    evaluate(place)
    booking.count_on_demand_attendance(place, now=watched + dt.timedelta(hours=1))
    assert run(watched + dt.timedelta(days=5)) == {}


def test_old_attendance_is_not_asked_about():
    session = dated_session()
    place = booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    booking.mark(place, BookingStatus.ATTENDED, by=UserFactory(), now=STARTS)
    # The first run, long after (a new installation, or a long outage): no evaluation request.
    assert run(STARTS + dt.timedelta(days=120)) == {"follow_up": 1}


def test_an_offer_lapses_after_48_hours_and_moves_on():
    session = dated_session(capacity=1)
    first, second, third = PractitionerFactory(), PractitionerFactory(), PractitionerFactory()
    held = booking.book(session, first, now=BOOKED_AT)
    second_wait = booking.book(session, second, now=BOOKED_AT + MINUTE)
    third_wait = booking.book(session, third, now=BOOKED_AT + 2 * MINUTE)
    freed = at(2024, 2, 10, 9)
    booking.cancel(held, now=freed)
    second_wait.refresh_from_db()
    assert second_wait.status == BookingStatus.OFFERED
    assert second_wait.offer_expires_at == freed + dt.timedelta(hours=48)

    assert run(freed + dt.timedelta(hours=47)) == {}
    assert run(freed + dt.timedelta(hours=48)) == {"offers_lapsed": 1, "offer": 1}
    second_wait.refresh_from_db()
    third_wait.refresh_from_db()
    assert second_wait.status == BookingStatus.OFFER_LAPSED
    assert third_wait.status == BookingStatus.OFFERED
    told = LearningEmail.objects.get(booking=second_wait, kind=EmailKind.OFFER_LAPSED)
    assert told.sent_to == second.email and told.round == 1
    assert [(r.kind, r.round) for r in LearningEmail.objects.filter(booking=third_wait).order_by("pk")] == [
        (EmailKind.WAITING, 1),
        (EmailKind.OFFER, 1),
    ]
    assert run(freed + dt.timedelta(hours=49)) == {}

    # The lapsed person joins the list again; when the place frees again they get a second offer.
    again = booking.book(session, second, now=freed + dt.timedelta(hours=50))
    assert again.status == BookingStatus.WAITING
    assert run(freed + dt.timedelta(hours=96)) == {"offers_lapsed": 1, "offer": 1}
    assert [(r.kind, r.round) for r in LearningEmail.objects.filter(booking=again).order_by("pk")] == [
        (EmailKind.WAITING, 1),
        (EmailKind.OFFER, 1),
        (EmailKind.OFFER_LAPSED, 1),
        (EmailKind.WAITING, 2),
        (EmailKind.OFFER, 2),
    ]
    booking.accept_offer(again, now=freed + dt.timedelta(hours=97))
    assert LearningEmail.objects.filter(booking=again, kind=EmailKind.CONFIRMATION).count() == 1


def test_running_twice_sends_nothing_new():
    session = dated_session()
    for _ in range(3):
        booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    tasks = DBTaskResult.objects.count()
    assert run(STARTS - dt.timedelta(days=14)) == {"reminder": 3}
    assert run(STARTS - dt.timedelta(days=14)) == {}
    assert DBTaskResult.objects.count() == tasks + 3


def test_a_run_that_finds_emails_another_run_has_just_sent_sends_nothing():
    """Two runs at once: both find the same reminders; the unique row lets only one send each."""
    session = dated_session()
    for _ in range(3):
        booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    now = STARTS - dt.timedelta(days=14)
    reminders = next(due for due in schedule.TIMED if due.kind == EmailKind.REMINDER)
    found_by_first = list(schedule.due_reminders(now))
    assert len(found_by_first) == 3
    assert run(now) == {"reminder": 3}  # the second run gets there first
    tasks = DBTaskResult.objects.count()
    assert [schedule.send(reminders, place, now) for place in found_by_first] == [False] * 3
    assert DBTaskResult.objects.count() == tasks  # the IntegrityError rolled back each queueing
    assert LearningEmail.objects.filter(kind=EmailKind.REMINDER).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_runs_in_parallel_send_each_email_once():
    """Real concurrency needs PostgreSQL: two connections, one unique index between them."""
    if connection.vendor != "postgresql":
        pytest.skip("two connections at once: PostgreSQL only")
    session = dated_session()
    for _ in range(20):
        booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    now = STARTS - dt.timedelta(days=14)
    barrier, results = threading.Barrier(2), []

    def one_run():
        from django.db import connection as own

        try:
            barrier.wait()
            results.append(schedule.run(now)["reminder"])
        finally:
            own.close()

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 20
    assert LearningEmail.objects.filter(kind=EmailKind.REMINDER).count() == 20
    assert DBTaskResult.objects.count() == 20 + 20  # confirmations and reminders, none twice


def test_resource_owners_are_reminded_once_per_review_date():
    owner = UserFactory()
    today = dt.date(2024, 3, 4)
    resource = Resource.objects.create(
        title="Safe sleep: a One Minute Guide",
        slug="safe-sleep",
        kind=ResourceKind.ONE_MINUTE_GUIDE,
        owner=owner,
        review_on=today + dt.timedelta(days=20),
    )
    Resource.objects.create(
        title="Nobody's", slug="nobodys", kind=ResourceKind.GUIDANCE, review_on=today - dt.timedelta(days=1)
    )
    assert run(at(2024, 3, 4)) == {}
    assert run(at(2024, 3, 10)) == {"resource_review": 1}  # 14 days before
    assert run(at(2024, 3, 11)) == {}
    assert run(at(2024, 3, 30)) == {}  # past, but this review date's reminder was sent
    resource.refresh_from_db()
    assert resource.review_reminded_on == resource.review_on
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"]["to"] == [owner.email]
    assert (
        task.args_kwargs["kwargs"]["subject"] == "Review due by 24 March 2024: Safe sleep: a One Minute Guide"
    )

    # Reviewed, with a new date a year on: reminded again as that one nears, then never twice.
    resource.review_on = dt.date(2025, 3, 24)
    resource.save()
    assert run(at(2025, 3, 9)) == {}
    assert run(at(2025, 3, 10)) == {"resource_review": 1}
    assert run(at(2025, 3, 10, 8)) == {}


def test_an_overdue_review_never_reminded_says_so():
    Resource.objects.create(
        title="Neglect toolkit",
        slug="neglect",
        kind=ResourceKind.TOOLKIT,
        owner=UserFactory(),
        review_on=dt.date(2024, 1, 31),
    )
    assert run(at(2024, 3, 4)) == {"resource_review": 1}
    assert DBTaskResult.objects.get().args_kwargs["kwargs"]["subject"] == "Review overdue: Neglect toolkit"


def test_the_command_prints_what_it_queued(mailoutbox, run_tasks):
    session = dated_session()
    booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    out = io.StringIO()
    call_command("send-learning-emails", now=(STARTS - dt.timedelta(days=14)).isoformat(), stdout=out)
    assert (
        out.getvalue()
        == "Queued 2 learning emails; the worker sends them:\n     2  Reminder, 14 days before\n"
    )
    out = io.StringIO()
    call_command("send-learning-emails", now="2024-02-27T10:00", stdout=out)
    assert out.getvalue() == "No learning emails due.\n"
    run_tasks()
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Place booked"] * 2 + ["Reminder"] * 2


def test_the_background_task_runs_the_schedule(mailoutbox, run_tasks):
    session = dated_session()
    booking.book(session, PractitionerFactory(), now=BOOKED_AT)
    out = io.StringIO()
    call_command("send-learning-emails", "--background", now="2024-03-07T09:30", stdout=out)
    assert out.getvalue().startswith("Queued the learning email run")
    run_tasks()  # the run: queues the joining instructions (and sends the confirmation)
    run_tasks()  # sends them
    assert [m.subject.split(":")[0] for m in mailoutbox] == ["Place booked", "Joining instructions"]


def test_the_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="date-time"):
        call_command("send-learning-emails", now="next Tuesday")


def test_month_arithmetic_at_month_ends():
    assert schedule.attended_by(dt.date(2024, 4, 30), 3) == dt.date(2024, 1, 31)
    assert schedule.attended_by(dt.date(2024, 5, 31), 3) == dt.date(2024, 2, 29)
    assert schedule.attended_by(dt.date(2024, 6, 12), 3) == dt.date(2024, 3, 12)
    for day in (dt.date(2024, 1, 31), dt.date(2023, 11, 30), dt.date(2024, 3, 1)):
        for months in (3, 4, 7):
            cutoff = schedule.attended_by(schedule.add_months(day, months), months)
            assert cutoff >= day and schedule.add_months(cutoff, months) == schedule.add_months(day, months)


def queries_for_a_run(now: dt.datetime) -> tuple[int, int]:
    """(queries, emails queued)."""
    with CaptureQueriesContext(connection) as captured:
        counts = schedule.run(now)
    return len(captured.captured_queries), sum(counts.values())


@pytest.mark.parametrize("kind_at", ["reminder", "joining", "evaluation", "follow_up", "manager"])
def test_a_run_costs_a_few_queries_per_email_whatever_the_number(kind_at):
    """No query per booking to find them or to write the message: each kind is one query, and
    each email a constant few (its row, its audit entry, its task)."""
    moments = {
        "reminder": STARTS - dt.timedelta(days=14),
        "joining": STARTS - dt.timedelta(days=5),
        "evaluation": ENDS,
        "follow_up": at(2024, 6, 12),
        "manager": at(2024, 6, 13),
    }
    counts = []
    for n in (1, 6):
        session = dated_session(capacity=50)
        places = [booking.book(session, PractitionerFactory(), now=BOOKED_AT) for _ in range(n)]
        if kind_at in ("evaluation", "follow_up", "manager"):
            for place in places:
                booking.mark(place, BookingStatus.ATTENDED, by=UserFactory(), now=STARTS)
        if kind_at == "manager":
            for place in places:
                FollowUp.objects.create(booking=place, used_learning=UsedLearning.YES, impact=4)
        queries, emails = queries_for_a_run(moments[kind_at])
        assert emails == n
        counts.append(queries)
        session.bookings.all().delete()
    assert (counts[1] - counts[0]) / 5 <= 5, counts
