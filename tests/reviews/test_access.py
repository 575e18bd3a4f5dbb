import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscp.accounts.roles import Role
from lscp.core.models import AccessEntry
from lscp.reviews.models import Return
from tests.factories import AgencyFactory, GroupFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_csprg_member_sees_cases_and_children(client_for, csprg_member, notification):
    response = client_for(csprg_member).get(reverse("reviews:notification", args=[notification.pk]))
    assert response.status_code == 200
    assert b"Zebedee Testchild" in response.content


def test_member_of_another_group_is_refused(client_for, csprg, notification):
    other = MembershipFactory(group=GroupFactory(), person=UserFactory(roles=[Role.GROUP_MEMBER])).person
    assert client_for(other).get(reverse("reviews:notification", args=[notification.pk])).status_code == 403
    assert client_for(other).get(reverse("reviews:dashboard")).status_code == 403


def test_scrutineer_sees_the_case_but_no_child_identities(client_for, notification):
    scrutineer = UserFactory(roles=[Role.INDEPENDENT_SCRUTINEER])
    response = client_for(scrutineer).get(reverse("reviews:notification", args=[notification.pk]))
    assert response.status_code == 200
    assert b"Zebedee" not in response.content and b"2019" not in response.content
    assert response.context["identities"] is False
    # The incident's own account can name the child: hidden too.
    assert b"Synthetic incident" not in response.content


def test_scrutineer_does_not_read_a_referrals_account_but_its_author_does(client_for, practitioner_referral):
    practitioner_referral.what_happened = "Synthetic account naming Yolanda Placeholder"
    practitioner_referral.save()
    url = reverse("reviews:referral", args=[practitioner_referral.pk])
    scrutineer = UserFactory(roles=[Role.INDEPENDENT_SCRUTINEER])
    hidden = client_for(scrutineer).get(url)
    assert hidden.status_code == 200 and b"Yolanda" not in hidden.content
    assert b"Yolanda" in client_for(practitioner_referral.referrer).get(url).content
    officer = UserFactory(roles=[Role.BUSINESS_OFFICER])
    assert b"Yolanda" in client_for(officer).get(url).content


def test_practitioner_sees_only_their_own_referral(client_for, practitioner_referral):
    own = practitioner_referral.referrer
    url = reverse("reviews:referral", args=[practitioner_referral.pk])
    assert client_for(own).get(url).status_code == 200
    another = UserFactory(roles=[Role.PRACTITIONER])
    assert client_for(another).get(url).status_code == 403
    mine = client_for(another).get(reverse("reviews:my-referrals"))
    assert practitioner_referral.reference.encode() not in mine.content
    assert client_for(own).get(reverse("reviews:dashboard")).status_code == 403


def test_every_view_of_a_case_is_in_the_access_log(client_for, officer, notification, rapid_review):
    client = client_for(officer)
    client.get(reverse("reviews:notification", args=[notification.pk]))
    client.get(reverse("reviews:rapid-review", args=[rapid_review.pk]))
    entries = AccessEntry.objects.filter(user=officer)
    seen = {(e.content_type_id, e.object_id) for e in entries}
    assert (ContentType.objects.get_for_model(notification).pk, str(notification.pk)) in seen
    assert (ContentType.objects.get_for_model(rapid_review).pk, str(rapid_review.pk)) in seen


def test_practitioner_can_refer_a_case(client_for):
    practitioner = UserFactory(roles=[Role.PRACTITIONER])
    response = client_for(practitioner).post(
        reverse("reviews:refer"),
        {"referrer_agency": practitioner.agency.pk, "what_happened": "x", "why_learning": "y"},
    )
    assert response.status_code == 302
    assert practitioner.case_referrals.count() == 1


def test_dashboard_query_count_does_not_grow_with_cases(
    client_for, officer, notification, django_assert_max_num_queries
):
    from lscp.reviews.models import RapidReview, Return, SeriousIncidentNotification

    client = client_for(officer)
    client.get(reverse("reviews:dashboard"))
    for i in range(5):
        n = SeriousIncidentNotification.objects.create(
            incident_on=notification.incident_on,
            aware_on=notification.aware_on,
            summary=f"s{i}",
            notifying_agency=notification.notifying_agency,
            created_by=officer,
            notified_on=notification.notified_on,
        )
        review = RapidReview.objects.create(notification=n, starts_on=n.notified_on)
        Return.objects.create(
            rapid_review=review, agency=n.notifying_agency, requested_on=n.aware_on, due_on=n.aware_on
        )
    with django_assert_max_num_queries(20):
        assert client.get(reverse("reviews:dashboard")).status_code == 200


def test_each_agency_uploads_its_own_return_and_no_other(client_for, rapid_review):
    # A health lead who sits on another group, not the CSPRG: no access to the case itself.
    lead = UserFactory(roles=[Role.GROUP_MEMBER])
    ours = Return.objects.create(
        rapid_review=rapid_review,
        agency=lead.agency,
        requested_on=rapid_review.starts_on,
        due_on=rapid_review.starts_on + dt.timedelta(days=10),
    )
    theirs = Return.objects.create(
        rapid_review=rapid_review,
        agency=AgencyFactory(),
        requested_on=rapid_review.starts_on,
        due_on=rapid_review.starts_on + dt.timedelta(days=10),
    )
    client = client_for(lead)
    owed = client.get(reverse("reviews:returns-owed"))
    assert owed.status_code == 200
    assert [r.pk for r, _late, _can in owed.context["rows"]] == [ours.pk]
    assert client.get(reverse("reviews:rapid-review", args=[rapid_review.pk])).status_code == 403

    upload = reverse("reviews:return-upload", args=[rapid_review.pk, ours.pk])
    sent = client.post(
        upload,
        {
            "file": SimpleUploadedFile("chronology.txt", b"Synthetic chronology\n"),
            "received_on": rapid_review.starts_on.isoformat(),
        },
    )
    assert sent.status_code == 302 and sent["Location"] == reverse("reviews:returns-owed")
    ours.refresh_from_db()
    assert ours.file and ours.uploaded_by == lead and ours.received_on == rapid_review.starts_on
    assert client.get(reverse("reviews:return-file", args=[rapid_review.pk, ours.pk])).status_code == 200
    assert AccessEntry.objects.filter(user=lead, object_id=str(ours.pk)).exists()

    refused = reverse("reviews:return-upload", args=[rapid_review.pk, theirs.pk])
    assert client.get(refused).status_code == 403
    # The scrutineer reads the case but not the chronology, which names the child.
    scrutineer = client_for(UserFactory(roles=[Role.INDEPENDENT_SCRUTINEER]))
    assert scrutineer.get(reverse("reviews:return-file", args=[rapid_review.pk, ours.pk])).status_code == 403
    assert scrutineer.get(reverse("reviews:returns-owed")).status_code == 403
