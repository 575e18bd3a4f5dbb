import pytest
from django.urls import reverse

from lscp.accounts.roles import Role
from lscp.improvement.models import Recommendation
from tests.factories import GroupFactory


@pytest.mark.django_db
def test_every_recommendation_form_cancels_back_to_where_it_came_from(make_user, client_for):
    officer = make_user(roles=[Role.BUSINESS_OFFICER])
    client = client_for(officer)
    recommendation = Recommendation.objects.create(
        text="Record the child's voice.", source_kind="other", made_on="2022-01-10", group=GroupFactory()
    )
    for url, back in [
        (reverse("improvement:recommendation-add"), reverse("improvement:recommendations")),
        (reverse("improvement:theme-add"), reverse("improvement:themes")),
        (reverse("improvement:evidence-add", args=[recommendation.pk]), recommendation.get_absolute_url()),
        (
            reverse("improvement:recommendation-action-add", args=[recommendation.pk]),
            recommendation.get_absolute_url(),
        ),
    ]:
        content = client.get(url).content.decode()
        assert f'href="{back}">Cancel</a>' in content, url
        assert 'href=""' not in content, url
