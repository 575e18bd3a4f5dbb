"""National-scale synthetic agencies for `make bench`."""

from lscp.core.models import Agency, AgencyKind, ServiceArea

DEPENDS_ON: list[str] = []


def seed(scale, rng) -> None:
    kinds = list(AgencyKind)
    areas = list(ServiceArea)
    Agency.objects.bulk_create(
        [
            Agency(name=f"Bench agency {n:04d}", kind=rng.choice(kinds), service_area=rng.choice(areas))
            for n in range(scale.agencies)
        ],
        batch_size=1000,
    )
