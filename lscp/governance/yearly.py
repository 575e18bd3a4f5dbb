"""The year's plan and the narrative of its annual report: what the partnership set out to do in
a financial year, what each group did and what difference it made, what children and families
told it, and the parts written by the scrutineer and the statutory partners' leads.

Imported by governance.models, so Django sees these as the governance app's models. Narrative
fields hold HTML cleaned by lscp.core.richtext on the way in (forms) and out (templates).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.safestring import SafeString

from lscp.core import richtext
from lscp.core.years import FinancialYear


def _narrative(field: str) -> property:
    """The field's stored narrative, cleaned again and ready for a template."""

    def html(self) -> SafeString:
        return richtext.render(getattr(self, field))

    return property(html)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def read_links(text: str) -> list[Link]:
    """A `links` field as (label, url) pairs. Forms refuse bad lines; a line written some other
    way (the admin, a migration) is skipped unless it is a local path or an https address, so no
    javascript: link reaches a page."""
    links = []
    for line in (text or "").splitlines():
        label, bar, url = (part.strip() for part in line.partition("|"))
        local = url.startswith("/") and not url.startswith("//")
        if bar and label and (local or url.startswith("https://")):
            links.append(Link(label, url))
    return links


class Rag(models.TextChoices):
    RED = "red", "Red: not on track"
    AMBER = "amber", "Amber: some delay or risk"
    GREEN = "green", "Green: on track or done"


# GOV.UK tag colours for a RAG status; the tag always carries the words too, never colour alone.
RAG_TAG_CLASSES: dict[str, str] = {
    Rag.RED: "govuk-tag--red",
    Rag.AMBER: "govuk-tag--orange",
    Rag.GREEN: "govuk-tag--green",
}


class ReportYear(models.Model):
    """One financial year's plan and report. Signed off by the Executive chair, it is locked:
    nothing in the year changes until someone reopens it with a reason (kept in Reopening)."""

    first_year = models.PositiveSmallIntegerField(unique=True, help_text="2021 for 2021-22")
    introduction = models.TextField(blank=True)
    signatories = models.TextField(
        blank=True, help_text="The statutory partners' leads who sign the introduction: one per line"
    )
    scrutineer_summary = models.TextField(blank=True)
    scrutineer_summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    areas_of_focus = models.TextField(
        blank=True,
        help_text="What the partnership will concentrate on next year, beside next year's priorities",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-first_year"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("governance:year", args=[self.label])

    @property
    def year(self) -> FinancialYear:
        return FinancialYear(self.first_year)

    @property
    def label(self) -> str:
        return self.year.label

    @property
    def is_locked(self) -> bool:
        return self.signed_off_at is not None

    @property
    def status(self) -> str:
        if self.published_at is not None:
            return "Published"
        return "Signed off" if self.is_locked else "Draft"

    @property
    def status_tag_class(self) -> str:
        return {"Published": "govuk-tag--green", "Signed off": "govuk-tag--blue"}.get(
            self.status, "govuk-tag--grey"
        )

    @property
    def signatory_list(self) -> list[str]:
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]

    introduction_html = _narrative("introduction")
    scrutineer_summary_html = _narrative("scrutineer_summary")
    areas_of_focus_html = _narrative("areas_of_focus")


class Reopening(models.Model):
    """A signed-off year opened again for changes, and why."""

    year = models.ForeignKey(ReportYear, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    was_signed_off_at = models.DateTimeField()

    class Meta:
        ordering = ["year", "at"]

    def __str__(self) -> str:
        return f"{self.year} reopened"


class Priority(models.Model):
    """A delivery plan priority for the year, the outcomes sought and the groups delivering it."""

    year = models.ForeignKey(ReportYear, on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    outcomes = models.TextField(help_text="The outcomes sought for children and families")
    groups = models.ManyToManyField("governance.Group", related_name="priorities", blank=True)

    class Meta:
        ordering = ["year", "order", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title

    outcomes_html = _narrative("outcomes")

    @property
    def latest_update(self) -> "PriorityUpdate | None":
        """The latest update, from the prefetched ones (ordered by date) when a page loaded them."""
        updates = list(self.updates.all())
        return updates[-1] if updates else None


class PriorityUpdate(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    status = models.CharField(max_length=5, choices=Rag.choices)
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.priority}: {self.get_status_display()} on {self.on}"

    @property
    def status_tag_class(self) -> str:
        return RAG_TAG_CLASSES.get(self.status, "govuk-tag--grey")

    text_html = _narrative("text")


class GroupYear(models.Model):
    """A group's function statement as it stood in one year's report."""

    group = models.ForeignKey("governance.Group", on_delete=models.CASCADE, related_name="years")
    year = models.ForeignKey(ReportYear, on_delete=models.CASCADE, related_name="groups")
    function = models.TextField()

    class Meta:
        ordering = ["year", "group__order", "group__name"]
        constraints = [models.UniqueConstraint(fields=["group", "year"], name="one_group_year")]

    def __str__(self) -> str:
        return f"{self.group} in {self.year}"

    function_html = _narrative("function")


class KeyStep(models.Model):
    """A step a group plans to take in `year`. It is announced in the report for the year before
    (its key steps for next year) and reported on in `year`'s report (progress since last year)."""

    group = models.ForeignKey("governance.Group", on_delete=models.CASCADE, related_name="key_steps")
    year = models.ForeignKey(ReportYear, on_delete=models.CASCADE, related_name="key_steps")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.TextField()

    class Meta:
        ordering = ["year", "group__order", "group__name", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    text_html = _narrative("text")

    @property
    def latest_progress(self) -> "KeyStepProgress | None":
        progress = list(self.progress.all())
        return progress[-1] if progress else None


class KeyStepProgress(models.Model):
    key_step = models.ForeignKey(KeyStep, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField()
    status = models.CharField(max_length=5, choices=Rag.choices)
    text = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key_step", "on", "pk"]
        verbose_name_plural = "key step progress"

    def __str__(self) -> str:
        return f"{self.key_step}: {self.get_status_display()} on {self.on}"

    @property
    def status_tag_class(self) -> str:
        return RAG_TAG_CLASSES.get(self.status, "govuk-tag--grey")

    text_html = _narrative("text")


class DevelopmentArea(models.Model):
    """A key area of development: what a group did in the year. `links` are the records behind it
    (a review, a course, an audit, a KPI), one per line as "Label | /path/"."""

    group = models.ForeignKey("governance.Group", on_delete=models.CASCADE, related_name="development_areas")
    year = models.ForeignKey(ReportYear, on_delete=models.CASCADE, related_name="development_areas")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    text = models.TextField()
    links = models.TextField(blank=True)

    class Meta:
        ordering = ["year", "group__order", "group__name", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    text_html = _narrative("text")

    @property
    def link_list(self) -> list[Link]:
        return read_links(self.links)


class ImpactStatement(models.Model):
    """What impact a development area made, optionally backed by evidence on the golden thread."""

    area = models.ForeignKey(DevelopmentArea, on_delete=models.CASCADE, related_name="impacts")
    text = models.TextField()
    evidence = models.ForeignKey(
        "improvement.Evidence", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["area", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    text_html = _narrative("text")


class EngagementActivity(models.Model):
    """Feedback sought from children and families: who took part, how, what they said, what
    changed as a result (with `links` to the records it changed, as on DevelopmentArea)."""

    year = models.ForeignKey(ReportYear, on_delete=models.CASCADE, related_name="engagement")
    held_on = models.DateField()
    title = models.CharField(max_length=200)
    children = models.BooleanField(default=False)
    young_people = models.BooleanField(default=False)
    parents = models.BooleanField(default=False)
    carers = models.BooleanField(default=False)
    taking_part = models.PositiveIntegerField(null=True, blank=True, help_text="How many took part, if known")
    method = models.TextField(help_text="How their views were sought")
    heard = models.TextField(help_text="What they told the partnership")
    changed = models.TextField(blank=True, help_text="What changed as a result")
    links = models.TextField(blank=True)

    class Meta:
        ordering = ["year", "held_on", "pk"]
        verbose_name_plural = "engagement activities"

    def __str__(self) -> str:
        return self.title

    @property
    def participants(self) -> list[str]:
        named = [
            ("children", "children"),
            ("young_people", "young people"),
            ("parents", "parents"),
            ("carers", "carers"),
        ]
        return [label for attribute, label in named if getattr(self, attribute)]

    method_html = _narrative("method")
    heard_html = _narrative("heard")
    changed_html = _narrative("changed")

    @property
    def link_list(self) -> list[Link]:
        return read_links(self.links)
