"""The demo partnership's organisations: Westbrook, an invented metropolitan district.

Three safeguarding partners and the relevant agencies, one or more of every kind and service
area. Names are invented; any likeness to a real organisation is an accident.
"""

from lscp.core.models import Agency, AgencyKind, ServiceArea

DEPENDS_ON: list[str] = []

K = AgencyKind
S = ServiceArea

# (name, short name, kind, service area)
AGENCIES = [
    # The safeguarding partners.
    ("Westbrook Metropolitan District Council", "WMDC", K.LOCAL_AUTHORITY, S.CHILDREN_SERVICES),
    ("West Moorland Police", "WMP", K.POLICE, S.POLICE),
    ("West Moorland Integrated Care Board", "WM ICB", K.HEALTH, S.HEALTH),
    # NHS providers are relevant agencies, not partners: the ICB speaks for health.
    ("Westbrook Teaching Hospitals NHS Trust", "WTH", K.NHS_PROVIDER, S.HEALTH),
    ("Moorland Community and Mental Health NHS Foundation Trust", "MCMH", K.NHS_PROVIDER, S.HEALTH),
    ("Westbrook GP Federation", "GP Federation", K.NHS_PROVIDER, S.HEALTH),
    ("Northern Moors Ambulance Service NHS Trust", "NMAS", K.NHS_PROVIDER, S.HEALTH),
    # Schools and colleges.
    ("Westbrook Academy", "", K.SCHOOL, S.EDUCATION),
    ("St Aidan's Church of England Primary School", "St Aidan's", K.SCHOOL, S.EDUCATION),
    ("Moorside Primary School", "Moorside", K.SCHOOL, S.EDUCATION),
    ("Hollin Bank Special School", "Hollin Bank", K.SCHOOL, S.EDUCATION),
    ("Kingsmoor Grammar School", "Kingsmoor", K.SCHOOL, S.EDUCATION),
    ("Westbrook College", "", K.COLLEGE, S.EDUCATION),
    # Early years.
    ("Little Acorns Day Nursery", "Little Acorns", K.EARLY_YEARS, S.EARLY_YEARS),
    ("Westbrook Childminding Network", "Childminding Network", K.EARLY_YEARS, S.EARLY_YEARS),
    # Voluntary and community sector.
    ("Safe Harbour Westbrook", "Safe Harbour", K.VOLUNTARY, S.VOLUNTARY),
    ("Westbrook Young Carers", "Young Carers", K.VOLUNTARY, S.VOLUNTARY),
    ("Moorland Youth Trust", "", K.VOLUNTARY, S.VOLUNTARY),
    ("Bridges Family Support", "Bridges", K.VOLUNTARY, S.VOLUNTARY),
    ("Westbrook Community Sports Trust", "Sports Trust", K.VOLUNTARY, S.VOLUNTARY),
    ("Westbrook Faith Forum", "Faith Forum", K.OTHER, S.OTHER),
    # Other relevant agencies.
    ("Westbrook Public Health", "Public Health", K.PUBLIC_HEALTH, S.PUBLIC_HEALTH),
    ("Probation Service, West Moorland", "Probation", K.PROBATION, S.PROBATION),
    ("Westbrook Homes", "", K.HOUSING, S.HOUSING),
    ("West Moorland Fire and Rescue Service", "WMFRS", K.FIRE, S.FIRE),
    ("Westbrook Youth Justice Service", "Youth Justice", K.YOUTH_JUSTICE, S.YOUTH_JUSTICE),
    ("Westbrook Adult Social Care", "Adult Social Care", K.ADULT_SERVICES, S.ADULT_SERVICES),
    ("Westbrook Recovery Service", "Recovery Service", K.ADULT_SERVICES, S.ADULT_SERVICES),
]


def load(rng) -> str:
    created = 0
    for name, short_name, kind, service_area in AGENCIES:
        _, was_created = Agency.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "kind": kind, "service_area": service_area}
        )
        created += was_created
    return f"{len(AGENCIES)} agencies ({created} new)"
