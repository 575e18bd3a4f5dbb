import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscp.reviews.models import Child, PracticeReview, SeriousIncidentNotification
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _notification_post(agency, children, **changes):
    data = {
        "incident_on": "2022-01-10",
        "aware_on": "2022-01-12",
        "notifying_agency": agency.pk,
        "summary": "Synthetic",
        "died_or_seriously_harmed": "on",
        "abuse_or_neglect": "on",
        "notified_on": "",
        "children-TOTAL_FORMS": str(len(children)),
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "0",
        "children-MAX_NUM_FORMS": "4",
    }
    for i, child in enumerate(children):
        for key, value in child.items():
            data[f"children-{i}-{key}"] = value
    data.update(changes)
    return data


CHILD = {
    "full_name": "Test Child",
    "date_of_birth": "2018-02-01",
    "sex": "female",
    "ethnicity": "Any",
    "nhs_number": "",
}


def test_a_good_notification_saves_with_its_child(client_for, officer):
    agency = AgencyFactory()
    response = client_for(officer).post(
        reverse("reviews:notification-add"),
        _notification_post(agency, [{**CHILD, "nhs_number": "943 476 5919"}]),
    )
    assert response.status_code == 302
    assert Child.objects.get().nhs_number == "9434765919"


@pytest.mark.parametrize(
    ("changes", "children", "message"),
    [
        ({"aware_on": "2022-01-01"}, [CHILD], b"must be on or after the incident"),
        ({"notified_on": "2022-01-11"}, [CHILD], b"on or after the date of awareness"),
        ({}, [CHILD] * 5, b"at most 4"),
        ({}, [{**CHILD, "nhs_number": "9434765918"}], b"Enter a valid NHS number"),
        ({}, [], b"Enter at least one child"),
    ],
)
def test_bad_notifications_save_nothing(client_for, officer, changes, children, message):
    agency = AgencyFactory()
    response = client_for(officer).post(
        reverse("reviews:notification-add"), _notification_post(agency, children, **changes)
    )
    assert response.status_code == 200
    assert message in response.content
    assert b"govuk-error-summary" in response.content
    assert not SeriousIncidentNotification.objects.exists() and not Child.objects.exists()


def test_decision_cannot_skip_the_meeting(client_for, officer, rapid_review):
    response = client_for(officer).post(
        reverse("reviews:decision", args=[rapid_review.pk]),
        {"decision": "lcspr", "rationale": "Because", "sent_to_panel_on": "2022-02-01"},
    )
    assert response.status_code == 200
    assert b"Record the rapid review meeting before the decision" in response.content
    rapid_review.refresh_from_db()
    assert rapid_review.decision == "" and not PracticeReview.objects.exists()


def test_lcspr_decision_starts_a_practice_review_and_publication_cannot_skip_steps(
    client_for, officer, rapid_review
):
    rapid_review.meeting_on = dt.date(2022, 2, 1)
    rapid_review.save()
    client = client_for(officer)
    client.post(
        reverse("reviews:decision", args=[rapid_review.pk]),
        {"decision": "lcspr", "rationale": "Because", "sent_to_panel_on": "2022-02-03"},
    )
    review = PracticeReview.objects.get()
    assert review.initiated_on == dt.date(2022, 2, 3)
    response = client.post(
        reverse("reviews:practice-review-edit", args=[review.pk]),
        {"initiated_on": "2022-02-03", "published_on": "2022-06-01"},
    )
    assert (
        response.status_code == 200
        and b"Record the date the Panel was told before the publication" in response.content
    )
    review.refresh_from_db()
    assert review.published_on is None


def test_a_return_of_the_wrong_type_is_refused(client_for, officer, rapid_review):
    from lscp.reviews.models import Return

    r = Return.objects.create(
        rapid_review=rapid_review,
        agency=AgencyFactory(),
        requested_on=dt.date(2022, 1, 14),
        due_on=dt.date(2022, 1, 28),
    )
    upload = SimpleUploadedFile("chronology.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client_for(officer).post(
        reverse("reviews:return-upload", args=[rapid_review.pk, r.pk]),
        {"file": upload, "received_on": "2022-01-20"},
    )
    assert response.status_code == 200 and b"is not a real PDF" in response.content
    r.refresh_from_db()
    assert not r.file and r.received_on is None


def test_an_old_reviews_return_form_offers_a_due_date_it_will_accept(client_for, officer, rapid_review):
    """The rapid review started in 2022: working day 10 has passed, so today is offered instead."""
    from django.utils import timezone

    url = reverse("reviews:return-add", args=[rapid_review.pk])
    form = client_for(officer).get(url).context["form"]
    assert form.initial["due_on"] == timezone.localdate()
    agency = AgencyFactory()
    response = client_for(officer).post(
        url, {"agency": agency.pk, "due_on": form.initial["due_on"].isoformat()}
    )
    assert response.status_code == 302
    assert rapid_review.returns.get().agency == agency
