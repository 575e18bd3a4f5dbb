"""L&D's learning needs: the themes reviews and audits stepped across to learning and development,
what now covers each (published courses and resources with the theme), and whether the learning
shows impact (evaluations on the day, follow-ups months later, on courses with the theme).

The golden thread made visible: a need with nothing covering it is flagged. A fixed number of
queries whatever the number of needs, courses or bookings: each part is one aggregate by theme.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from lscp.core.links import pk_url
from lscp.core.permissions import rule
from lscp.improvement.models import LearningTheme, Recommendation, recommendation_reference
from lscp.learning.models import Course, Evaluation, FollowUp, Resource, UsedLearning

# How many of a need's recommendations are named on the page (the rest are counted).
REFERENCES_SHOWN = 3


@dataclass
class Covering:
    title: str
    url: str
    kind: str


@dataclass
class Need:
    theme: LearningTheme
    recommendations: int
    last_stepped_across: object
    references: list[tuple[str, str]] = field(default_factory=list)
    courses: list[Covering] = field(default_factory=list)
    resources: list[Covering] = field(default_factory=list)
    evaluations: int = 0
    improved: int = 0
    follow_ups: int = 0
    used: int = 0
    partly: int = 0
    mean_impact: float | None = None

    @property
    def more_references(self) -> int:
        return max(self.recommendations - len(self.references), 0)

    @property
    def covered(self) -> bool:
        return bool(self.courses or self.resources)

    @property
    def evaluation_text(self) -> str:
        if not self.evaluations:
            return "No evaluations yet"
        share = round(100 * self.improved / self.evaluations)
        return (
            f"{self.evaluations} evaluation{'s' if self.evaluations != 1 else ''}: "
            f"{share}% said their skills and knowledge improved"
        )

    @property
    def impact_text(self) -> str:
        if not self.follow_ups:
            return "No follow-up evidence yet"
        used = round(100 * self.used / self.follow_ups)
        partly = round(100 * self.partly / self.follow_ups)
        text = f"{self.follow_ups} follow-up{'s' if self.follow_ups != 1 else ''}, {used}% used the learning"
        if partly:
            text += f" ({partly}% partly)"
        return f"{text}, mean impact {self.mean_impact:.1f}/5"

    @property
    def shows_impact(self) -> bool:
        return self.follow_ups > 0


def learning_needs_by_theme() -> list[Need]:
    """Every theme with a recommendation stepped across, newest first; uncovered needs first."""
    themes = (
        LearningTheme.objects.filter(recommendations__stepped_across_on__isnull=False)
        .annotate(
            stepped=Count("recommendations", distinct=True), last=Max("recommendations__stepped_across_on")
        )
        .order_by("-last", "name")
    )
    needs = {t.pk: Need(theme=t, recommendations=t.stepped, last_stepped_across=t.last) for t in themes}
    if not needs:
        return []
    ids = list(needs)
    through = Recommendation.themes.through.objects.filter(
        learningtheme_id__in=ids, recommendation__stepped_across_on__isnull=False
    ).order_by("-recommendation__stepped_across_on", "-recommendation_id")
    for theme_id, rec_id in through.values_list("learningtheme_id", "recommendation_id"):
        refs = needs[theme_id].references
        if len(refs) < REFERENCES_SHOWN:
            refs.append((recommendation_reference(rec_id), pk_url("improvement:recommendation", rec_id)))
    courses = Course.themes.through.objects.filter(learningtheme_id__in=ids, course__is_published=True)
    for theme_id, title, slug, fmt in courses.order_by("course__title").values_list(
        "learningtheme_id", "course__title", "course__slug", "course__format"
    ):
        needs[theme_id].courses.append(
            Covering(title, reverse("learning:course", args=[slug]), _format_label(fmt))
        )
    resources = Resource.themes.through.objects.filter(
        learningtheme_id__in=ids, resource__published_on__isnull=False
    )
    for theme_id, title, slug, kind in resources.order_by("resource__title").values_list(
        "learningtheme_id", "resource__title", "resource__slug", "resource__kind"
    ):
        needs[theme_id].resources.append(
            Covering(title, reverse("learning:resource", args=[slug]), _kind_label(kind))
        )
    theme_of_evaluation = "booking__session__course__themes"
    evaluations = (
        Evaluation.objects.filter(**{f"{theme_of_evaluation}__in": ids})
        .values(theme_of_evaluation)
        .annotate(n=Count("pk"), improved=Count("pk", filter=Q(improved=True)))
        .order_by()
    )
    for row in evaluations:
        need = needs[row[theme_of_evaluation]]
        need.evaluations, need.improved = row["n"], row["improved"]
    follow_ups = (
        FollowUp.objects.filter(**{f"{theme_of_evaluation}__in": ids})
        .values(theme_of_evaluation)
        .annotate(
            n=Count("pk"),
            used=Count("pk", filter=Q(used_learning=UsedLearning.YES)),
            partly=Count("pk", filter=Q(used_learning=UsedLearning.PARTLY)),
            impact=Avg("impact"),
        )
        .order_by()
    )
    for row in follow_ups:
        need = needs[row[theme_of_evaluation]]
        need.follow_ups, need.used, need.partly = row["n"], row["used"], row["partly"]
        need.mean_impact = float(row["impact"]) if row["impact"] is not None else None
    # Stable: within each group the newest need stays first.
    return sorted(needs.values(), key=lambda need: need.covered)


def _format_label(value: str) -> str:
    """ "Virtual (live online)" as "Virtual, live online": it is shown in brackets itself."""
    label = dict(Course._meta.get_field("format").flatchoices).get(value, value)  # type: ignore[arg-type]
    return str(label).replace(" (", ", ").replace(")", "")


def _kind_label(value: str) -> str:
    return dict(Resource._meta.get_field("kind").flatchoices).get(value, value)  # type: ignore[arg-type]


@rule("learning.view_learning_needs")
def learning_needs(request: HttpRequest) -> HttpResponse:
    needs = learning_needs_by_theme()
    without_theme = Recommendation.objects.filter(stepped_across_on__isnull=False, themes=None).count()
    user = request.user
    return render(
        request,
        "learning/needs/needs.html",
        {
            "needs": needs,
            "uncovered": [need for need in needs if not need.covered],
            "without_theme": without_theme,
            "can_see_recommendations": user.has_perm("improvement.view_recommendations"),
            "can_see_stepped_across": user.has_perm("improvement.view_learning_needs"),
        },
    )
