"""The year's narrative for report tests: governance's factories (tests/governance/year_factories.py)
set in 2021-22, with a year whose every part of the narrative is written. Words are invented."""

import datetime as dt

import factory

from tests.governance import year_factories as base


class ReportYearFactory(base.ReportYearFactory):
    first_year = 2021
    introduction = "<p>A year of steady work.</p>"
    signatories = "A Lead, Local authority\nB Lead, Police\nC Lead, Health"
    scrutineer_summary = "<p>The partnership knows itself well.</p>"
    areas_of_focus = "<p>Neglect and exploitation.</p>"


class PriorityFactory(base.PriorityFactory):
    year = factory.SubFactory(ReportYearFactory)


class PriorityUpdateFactory(base.PriorityUpdateFactory):
    priority = factory.SubFactory(PriorityFactory)
    on = dt.date(2021, 10, 1)


class GroupYearFactory(base.GroupYearFactory):
    year = factory.SubFactory(ReportYearFactory)


class KeyStepFactory(base.KeyStepFactory):
    year = factory.SubFactory(ReportYearFactory)


class KeyStepProgressFactory(base.KeyStepProgressFactory):
    key_step = factory.SubFactory(KeyStepFactory)
    on = dt.date(2021, 12, 1)


class DevelopmentAreaFactory(base.DevelopmentAreaFactory):
    year = factory.SubFactory(ReportYearFactory)


class ImpactStatementFactory(base.ImpactStatementFactory):
    area = factory.SubFactory(DevelopmentAreaFactory)


class EngagementActivityFactory(base.EngagementActivityFactory):
    year = factory.SubFactory(ReportYearFactory)
    held_on = dt.date(2021, 11, 1)
    taking_part = 12
    changed = "<p>The leaflet was rewritten with them.</p>"
