import pytest

from lscp.accounts.roles import Role


@pytest.mark.django_db
def test_an_app_with_two_areas_marks_only_the_current_one(make_user, client_for):
    client = client_for(make_user(roles=[Role.BUSINESS_OFFICER]))
    items = {item.label: item for item in client.get("/recommendations/").context["navigation"]}
    assert items["Recommendations"].active
    assert not items["Actions"].active
    items = {item.label: item for item in client.get("/actions/").context["navigation"]}
    assert items["Actions"].active and not items["Recommendations"].active


@pytest.mark.django_db
def test_practitioners_see_no_staff_areas_but_can_refer_a_case_and_notify_a_death(make_user, client_for):
    client = client_for(make_user(roles=[Role.PRACTITIONER]))
    response = client.get("/")
    # Learning is open to everyone (its catalogue is public); every other area is for staff.
    assert [item.label for item in response.context["navigation"]] == ["Home", "Learning"]
    assert sorted(link.label for link in response.context["links"]) == [
        "Notify a child death",
        "Refer a case for review",
        "Your referrals",
    ]
    assert b'href="/reviews/refer/"' in response.content
