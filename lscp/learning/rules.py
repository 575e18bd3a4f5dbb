"""Who may do what in learning and development.

The catalogue is public: anyone may browse courses and public resources. Booking needs an account
(practitioners register themselves). The business unit runs the offer: courses, sessions, the
evaluation report, the non-attendance list, resources. A session's trainers take its register.
"""

import rules

from lscp.accounts.rules import is_partnership_staff, is_signed_in, reads_partnership, runs_partnership


@rules.predicate
def is_published_course(user, course) -> bool:
    return course is not None and course.is_published


@rules.predicate
def trains_session(user, session) -> bool:
    return session is not None and is_signed_in(user) and session.trainers.filter(pk=user.pk).exists()


@rules.predicate
def is_public_resource(user, resource) -> bool:
    return resource is not None and resource.is_public and resource.published_on is not None


@rules.predicate
def is_published_resource(user, resource) -> bool:
    return resource is not None and resource.published_on is not None


@rules.predicate
def owns_resource(user, resource) -> bool:
    return resource is not None and is_signed_in(user) and resource.owner_id == user.pk


@rules.predicate
def is_own_booking(user, booking) -> bool:
    return booking is not None and is_signed_in(user) and booking.person_id == user.pk


# The catalogue: anyone, signed in or not; an unpublished course only for the business unit.
rules.add_perm("learning.view_catalogue", rules.always_allow)
rules.add_perm("learning.view_course", is_published_course | reads_partnership)
# Registering is for people without an account; booking for anyone signed in.
rules.add_perm("learning.book", is_signed_in)
rules.add_perm("learning.manage_booking", is_own_booking | runs_partnership)
# Running the offer.
rules.add_perm("learning.manage_courses", runs_partnership)
rules.add_perm("learning.take_register", runs_partnership | trains_session)
rules.add_perm("learning.view_bookings", reads_partnership)
rules.add_perm("learning.view_charges", reads_partnership)
# Evaluations: the person who attended fills theirs in; the report is the business unit's, and
# choosing which impact examples may be published is for its editors.
rules.add_perm("learning.evaluate", is_own_booking)
rules.add_perm("learning.view_evaluation_report", reads_partnership)
rules.add_perm("learning.choose_published_examples", runs_partnership)
# Resources: public ones for anyone; the rest for anyone signed in; the owner keeps theirs current.
rules.add_perm(
    "learning.view_resource",
    is_public_resource | (is_signed_in & is_published_resource) | owns_resource | reads_partnership,
)
rules.add_perm("learning.manage_resources", runs_partnership)
rules.add_perm("learning.change_resource", runs_partnership | owns_resource)
# What covers each learning need, and whether its evaluations show impact.
rules.add_perm("learning.view_learning_needs", is_partnership_staff)
