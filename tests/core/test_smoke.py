import pytest

from lscp.accounts.roles import Role


@pytest.mark.django_db
def test_healthz_reports_database_and_worker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["worker"] == "ok"


@pytest.mark.django_db
def test_home_needs_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


@pytest.mark.django_db
def test_signed_in_home_renders_in_partnership_brand(make_user, client_for):
    user = make_user(full_name="Ada Okafor", roles=[Role.BUSINESS_OFFICER])
    response = client_for(user).get("/")
    assert response.status_code == 200
    assert b"Welcome, Ada" in response.content
    assert b"GDS Transport" not in response.content
