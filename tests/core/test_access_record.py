import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from lscp.core.audit import record_access
from lscp.core.models import AccessEntry, AccessKind
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_record_access_writes_who_what_where_and_from_where(make_user):
    user = make_user()
    agency = AgencyFactory(name="Eastmoor Youth Service")
    request = RequestFactory().get("/cases/12/?tab=chronology", REMOTE_ADDR="192.0.2.44")
    request.user = user

    entry = record_access(request, agency)

    entry = AccessEntry.objects.get(pk=entry.pk)
    assert entry.user == user
    assert entry.kind == AccessKind.VIEWED
    assert entry.content_type == ContentType.objects.get_for_model(agency)
    assert entry.object_id == str(agency.pk)
    assert entry.object_repr == "Eastmoor Youth Service"
    assert entry.path == "/cases/12/?tab=chronology"
    assert entry.ip_address == "192.0.2.44"
    assert entry.at is not None


def test_record_access_by_someone_not_signed_in_keeps_no_user():
    agency = AgencyFactory()
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    entry = record_access(request, agency, kind=AccessKind.EXPORTED)
    assert entry.user is None
    assert entry.kind == AccessKind.EXPORTED
    assert entry.ip_address == "127.0.0.1"
