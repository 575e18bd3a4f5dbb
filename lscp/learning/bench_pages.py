"""Learning and development's pages for `make bench`: [(name, client, url)].

bench/scenarios.py adds these to its list: `*learning_bench_pages(client_for)`.

- the catalogue, as a practitioner (the page most people see);
- the register of the past session with the most bookings (a masterclass), as a business officer;
- the evaluation report for one financial year of the course with the most evaluations, the year
  it had most of them in, as a business officer.
"""

import datetime as dt
from collections import Counter

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from lscp.accounts.models import User
from lscp.accounts.roles import Role
from lscp.learning.models import Booking, Course, Evaluation


def financial_year(today: dt.date) -> tuple[dt.date, dt.date]:
    """The financial year (1 April to 31 March) that `today` falls in."""
    first = today.year if today.month >= 4 else today.year - 1
    return dt.date(first, 4, 1), dt.date(first + 1, 3, 31)


def year_code(start: dt.date) -> str:
    """As the evaluation report's ?year= names a year: 2021-22."""
    return f"{start.year}-{(start.year + 1) % 100:02d}"


def _person(email: str, full_name: str, role: Role) -> User:
    user, _ = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if not user.has_role(role):
        user.grant(role)
    return user


def bench_pages(client_factory) -> list[tuple[str, object, str]]:
    officer = client_factory(
        _person("bench.officer@bench.lscp.invalid", "Bench Officer", Role.BUSINESS_OFFICER)
    )
    practitioner = client_factory(
        _person("bench.practitioner@bench.lscp.invalid", "Bench Practitioner", Role.PRACTITIONER)
    )
    now = timezone.now()
    biggest = (
        Booking.objects.filter(session__starts_at__lt=now)
        .exclude(session__course__format__in=["recorded", "e_learning"])
        .values("session")
        .annotate(n=Count("pk"))
        .order_by("-n", "session")
        .first()
    )
    # The course with the most evaluations, in its busiest financial year: the fullest report.
    busiest = (
        Evaluation.objects.values("booking__session__course")
        .annotate(n=Count("pk"))
        .order_by("-n", "booking__session__course")
        .first()
    )
    course = Course.objects.filter(pk=busiest["booking__session__course"]).first() if busiest else None
    course = course or Course.objects.order_by("pk").first()
    days = Evaluation.objects.filter(booking__session__course=course).values_list(
        "booking__attended_on", flat=True
    )
    years = Counter(financial_year(day)[0] for day in days if day)
    year_start = (
        max(years, key=lambda start: (years[start], start))
        if years
        else financial_year(timezone.localdate())[0]
    )
    pages = [("learning catalogue", practitioner, reverse("learning:catalogue"))]
    if biggest:
        pages.append(("session register", officer, reverse("learning:attendance", args=[biggest["session"]])))
    if course:
        report = reverse("learning:evaluation-report", args=[course.slug])
        pages.append(("evaluation report, one year", officer, f"{report}?year={year_code(year_start)}"))
    return pages
