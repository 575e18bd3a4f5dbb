"""The partnership's organisations and the access trail that every app writes to."""

from django.conf import settings
from django.db import models


class AgencyKind(models.TextChoices):
    """Safeguarding partners (statutory, jointly responsible) first, then relevant agencies."""

    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (Integrated Care Board)"
    SCHOOL = "school", "School"
    COLLEGE = "college", "College"
    EARLY_YEARS = "early_years", "Early years"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    PUBLIC_HEALTH = "public_health", "Public health"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    FIRE = "fire", "Fire"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    ADULT_SERVICES = "adult_services", "Adult services"
    # Trusts, GP practices and ambulance services: health bodies that are not the ICB partner.
    NHS_PROVIDER = "nhs_provider", "NHS provider (trust, GP practice, ambulance)"
    OTHER = "other", "Other"


STATUTORY_KINDS = frozenset({AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.HEALTH})


class ServiceArea(models.TextChoices):
    """The service areas partnerships count their workforce by (e.g. e-bulletin subscribers)."""

    EDUCATION = "education", "Education"
    CHILDREN_SERVICES = "children_services", "Children and young people services"
    EARLY_YEARS = "early_years", "Early years"
    HEALTH = "health", "Health"
    PUBLIC_HEALTH = "public_health", "Public health"
    ADULT_SERVICES = "adult_services", "Adult services"
    PROBATION = "probation", "Probation"
    POLICE = "police", "Police"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    HOUSING = "housing", "Housing"
    FIRE = "fire", "Fire service"
    OTHER = "other", "Other"


class Agency(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=AgencyKind.choices)
    service_area = models.CharField(max_length=20, choices=ServiceArea.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def is_statutory_partner(self) -> bool:
        return self.kind in STATUTORY_KINDS

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class AccessKind(models.TextChoices):
    VIEWED = "viewed", "Viewed a restricted record"
    SIGNED_IN = "signed_in", "Signed in"
    SIGNED_OUT = "signed_out", "Signed out"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out"
    TWO_FACTOR_FAILED = "two_factor_failed", "Two-factor code refused"
    EXPORTED = "exported", "Exported records"
    IMPORTED = "imported", "Imported records"


class AccessEntry(models.Model):
    """Who looked at what (or signed in), when and from where. Written only by core.audit."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The email typed at a failed sign-in, kept even when it matches nobody.
    username = models.CharField(max_length=254, blank=True)
    kind = models.CharField(max_length=20, choices=AccessKind.choices, default=AccessKind.VIEWED)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name_plural = "access entries"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.object_repr or self.username}"


class FiguresVersion(models.Model):
    """A random token per set of figures ("learning", say), changed whenever a record they count
    changes. Figures are kept in the cache under the token (lscp.core.figures_cache), so a busy
    report is counted once, not on every request, and is never older than the records."""

    name = models.CharField(max_length=50, unique=True)
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.name
