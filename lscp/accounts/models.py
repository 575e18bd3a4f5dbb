"""People who sign in. Accounts are deactivated, never deleted, so the audit trail keeps them."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from lscp.accounts.roles import BUSINESS_UNIT, TWO_FACTOR_EXEMPT, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("full_name", "System administrator")
        user = self.create_user(email, password, is_superuser=True, **fields)
        user.grant(Role.SYSTEM_ADMINISTRATOR)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Roles are read many times per request; load them once.
    @property
    def roles(self) -> frozenset[str]:
        if not hasattr(self, "_roles"):
            self._roles = frozenset(self.groups.values_list("name", flat=True)) if self.pk else frozenset()
        return self._roles

    def has_role(self, *roles: Role) -> bool:
        return self.is_active and bool(self.roles & set(roles))

    def grant(self, *roles: Role) -> None:
        from django.contrib.auth.models import Group as RoleGroup

        for role in roles:
            self.groups.add(RoleGroup.objects.get_or_create(name=role.value)[0])
        self.__dict__.pop("_roles", None)
        if hasattr(self, "_roles"):
            del self._roles

    @property
    def is_business_unit(self) -> bool:
        return self.has_role(*BUSINESS_UNIT, Role.SYSTEM_ADMINISTRATOR)

    @property
    def needs_two_factor(self) -> bool:
        """Anyone with a role beyond practitioner signs in with a second factor."""
        return bool(self.roles - TWO_FACTOR_EXEMPT) or self.is_superuser

    def deactivate(self) -> None:
        self.is_active = False
        self.deactivated_at = timezone.now()
        self.save(update_fields=["is_active", "deactivated_at"])

    def reactivate(self) -> None:
        self.is_active = True
        self.deactivated_at = None
        self.save(update_fields=["is_active", "deactivated_at"])

    @property
    def is_invited(self) -> bool:
        """Invited but has not yet set a password (accounts start with an unusable one)."""
        return not self.has_usable_password()
