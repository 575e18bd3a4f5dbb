import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from lscp.accounts.roles import Role
from lscp.core.models import AccessEntry
from tests.factories import GroupFactory, MembershipFactory, UserFactory

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
