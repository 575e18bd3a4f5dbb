"""The demo partnership's 2021-22 report, the parts written for the whole partnership: the
introduction, the independent scrutineer's summary, the delivery plan and its progress, what
children and families said, and what the partnership will concentrate on next.

Written for Westbrook, an invented partnership; figures where any are given echo a real
partnership's report of the same year, the words do not. Narrative is simple HTML, cleaned by
`lscp.core.richtext.clean` as the demo stores it; its line breaks and indents are collapsed first.
Records behind a development area or an engagement activity are named by a link key, which
`reporting.demo.link_path` turns into a path, or leaves out if the record is missing. Each
group's development areas are in demo_text_groups, its function and key steps in
demo_text_steps; the 2022-23 draft is in demo_text_2022.
"""

import datetime as dt
from dataclasses import dataclass

from lscp.governance.yearly import Rag

G, A, R = Rag.GREEN, Rag.AMBER, Rag.RED


@dataclass(frozen=True)
class Update:
    """A dated RAG update on a priority, or progress against a key step."""

    on: dt.date
    status: str
    text: str


@dataclass(frozen=True)
class PrioritySpec:
    title: str
    outcomes: str  # HTML
    groups: tuple[str, ...]  # the slugs of the groups delivering it
    updates: tuple[Update, ...] = ()


@dataclass(frozen=True)
class Impact:
    text: str  # HTML
    # The start of a recommendation's text whose impact evidence backs this statement, if any.
    evidence: str = ""


@dataclass(frozen=True)
class AreaSpec:
    title: str
    text: str  # HTML
    impacts: tuple[Impact, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (label, link key)


@dataclass(frozen=True)
class StepSpec:
    text: str  # one sentence, stored as a paragraph
    progress: tuple[Update, ...] = ()


@dataclass(frozen=True)
class EngagementSpec:
    held_on: dt.date
    title: str
    who: tuple[str, ...]  # of "children", "young_people", "parents", "carers"
    taking_part: int | None
    method: str  # HTML
    heard: str  # HTML
    changed: str = ""  # HTML; empty when nothing has been recorded yet
    links: tuple[tuple[str, str], ...] = ()


INTRODUCTION = """
<p>This report looks back on what the partnership did between 1 April 2021 and 31 March 2022, and
on what difference it made. It was our second full year since the partnership took over from the
local safeguarding children board in the autumn of 2019.</p>
<p>Three safeguarding partners lead the partnership: Westbrook Metropolitan District Council,
West Moorland Police and, for health, the clinical commissioning group, whose place was taken by
West Moorland Integrated Care Board in July 2022. Each sends a senior leader to the Executive who
can speak and decide for their organisation. Head teachers from primary, secondary and special
schools, the voluntary and community sector, public health and the leads of key services sit with
them, and an independent scrutineer looks at our work from outside and tells us what she sees.</p>
<p>We have tried to write less about how busy we were and more about what changed for children
and families. For the Executive and each of the five sub-groups you will find what the group is
for, the areas it developed during the year, the impact we can show, and the steps it will take
in 2022-23. You will also read what children, young people, parents and carers told us, and where
we know we still have to do better.</p>
<p>Thank you to everyone in Westbrook who works or volunteers with children. The work described
here is theirs.</p>
"""

SCRUTINEER_SUMMARY = """
<p>By the start of this year the local arrangements were no longer new: they were settled,
understood and working. What has impressed me most is that the three partners have not treated
compliance as the finishing line. I attended the Executive throughout the year and watched
relationships between the partners grow strong enough to allow real challenge, given and
taken without defensiveness.</p>
<p>Pandemic restrictions meant most meetings, reviews and training took place online. Agencies
found ways round different systems, security settings and confidentiality rules, so the
sub-groups, the learning offer and practice reviews carried on with little loss. Schools, GPs
and voluntary organisations have been drawn further into the partnership's work, and I would
like to see that continue.</p>
<p>The partners chose to take on some of the hardest problems any area faces: neglect, domestic
abuse, the safety of babies while they sleep, and young people's move into adulthood. The
neglect toolkit is used more, training on neglect has been a priority, and the group
responsible follows what difference it makes. The domestic abuse pathway at the front door has
become part of everyday practice. A group set up jointly with the adults board has agreed how
services should plan with young people who are at risk of slipping through the gap at
eighteen.</p>
<p>Child exploitation has been treated as everybody's business. Partners now share intelligence
with the police far more readily, and they report regularly on what they each do to disrupt
those who exploit children. This is mature practice. Schools also responded quickly to national
concern about sexual harassment and harmful sexual behaviour between pupils.</p>
<p>I have seen a determined effort to connect what the partnership learns, from its data, its
reviews and its audits, with what it then does: the training it offers, the procedures it
writes and the short guides and briefings it publishes. That connection is often called the
golden thread, and it is becoming visible.</p>
<p>There is more to do. Some of the informal supervision and advice that newer staff used to
get from experienced colleagues was lost while people worked apart. Information is still not
always shared when it should be, and some practitioners need clearer direction on when sharing
outweighs concerns about privacy. Professional curiosity and respectful challenge need to become
habits everywhere, and the continuum of need has to be explained again and again as staff
change. Above all, as it aims for excellence, the partnership must be able to show that the
recommendations of its reviews, audits and Section 11 self-assessments have changed practice,
not only that they have been completed.</p>
"""

PRIORITIES = [
    PrioritySpec(
        "Everyone understands the continuum of need, so children get the right help at the right time",
        """<p>Practitioners in every agency know the levels of need and the help that matches each.
        Contacts to the front door are appropriate, decisions are timely, and children are not
        passed between services or referred again for the same worry.</p>""",
        ("executive", "learning", "seg"),
        (
            Update(
                dt.date(2021, 7, 13),
                A,
                "The continuum of need guide is being refreshed; the front "
                "door's triage pilot with the police has started.",
            ),
            Update(
                dt.date(2021, 11, 16),
                G,
                "The refreshed guide is published and used in training. "
                "Joint triage at the front door is now standard practice.",
            ),
            Update(
                dt.date(2022, 3, 15),
                A,
                "Re-referrals are down, but too many contacts still do not "
                "meet the threshold; the effectiveness group will look at this next year.",
            ),
        ),
    ),
    PrioritySpec(
        "Children at risk of sexual or criminal exploitation are found early and kept safer",
        """<p>Risk of harm outside the home is recognised early, children and families are
        supported, and partners share what they know so that the people who exploit children
        are identified and disrupted.</p>""",
        ("mace", "csprg", "learning"),
        (
            Update(
                dt.date(2021, 7, 13),
                G,
                "The intelligence sharing toolkit was launched in June; "
                "the exploitation strategy is out for consultation.",
            ),
            Update(
                dt.date(2021, 11, 16),
                G,
                "The strategy is agreed and launched. Partners' intelligence "
                "submissions have risen steadily since the toolkit went live.",
            ),
            Update(
                dt.date(2022, 3, 15),
                G,
                "The multi-agency audit of exploitation is complete and its "
                "learning is in hand. Training on harm outside the home is planned for next year.",
            ),
        ),
    ),
    PrioritySpec(
        "Children living with neglect are recognised and protected sooner",
        """<p>Practitioners notice neglect, including neglect of babies and of children's health,
        use the neglect toolkit with families, and act before harm becomes entrenched.</p>""",
        ("learning", "seg", "csprg"),
        (
            Update(
                dt.date(2021, 7, 13),
                A,
                "The neglect toolkit needs revising before it is promoted again; work has started.",
            ),
            Update(
                dt.date(2021, 11, 16),
                A,
                "The revised toolkit is drafted. Training is delayed until "
                "it is agreed, so the rating stays amber.",
            ),
            Update(
                dt.date(2022, 1, 25),
                R,
                "The relaunch has slipped to next year because trainers were "
                "not available; a recovery plan goes to the Executive in March.",
            ),
            Update(
                dt.date(2022, 3, 22),
                A,
                "The recovery plan is agreed: the toolkit and its training "
                "will be relaunched together early in 2022-23.",
            ),
        ),
    ),
    PrioritySpec(
        "Children with emotional or mental health needs are protected from harm",
        """<p>Children who are struggling emotionally get help quickly, practitioners know where to
        turn, and the partnership understands the waits children face and what they mean for
        their safety.</p>""",
        ("executive", "seg", "learning"),
        (
            Update(
                dt.date(2021, 9, 14),
                A,
                "Waiting times for mental health assessment are now reported "
                "to the effectiveness group; they vary from month to month.",
            ),
            Update(
                dt.date(2022, 1, 25),
                A,
                "Mental health first aid training is well used. Waits for "
                "treatment have not yet fallen consistently.",
            ),
            Update(
                dt.date(2022, 3, 22),
                A,
                "Carried into 2022-23 as a sharper priority on children who think about suicide.",
            ),
        ),
    ),
    PrioritySpec(
        "The partnership knows how well it keeps children safe, and acts on what it finds",
        """<p>The partnership's data, audits, reviews and what families tell us give a clear picture
        of how well children are protected, recommendations are followed through to changes in
        practice, and the Executive is held to account for it by the independent scrutineer.</p>""",
        ("executive", "seg", "csprg"),
        (
            Update(
                dt.date(2021, 7, 13),
                G,
                "The audit action log is in place; every open recommendation has an owner and a date.",
            ),
            Update(
                dt.date(2021, 11, 16),
                A,
                "Reports from the sub-groups describe activity better than "
                "impact; the scrutineer has asked for an impact section in each.",
            ),
            Update(
                dt.date(2022, 3, 22),
                G,
                "Highlight reports now include impact on practice. A quality "
                "assurance framework is being drafted for next year.",
            ),
        ),
    ),
]

ENGAGEMENT = [
    EngagementSpec(
        dt.date(2021, 6, 23),
        "Youth forum: what would make young people take exploitation seriously",
        ("young_people",),
        14,
        """<p>Two evening workshops with the youth forum, run by Moorland Youth Trust's youth
        workers with a member of the exploitation team. Young people looked at leaflets and
        posters other areas use and talked about what they would share with friends.</p>""",
        """<p>Posters that try to frighten people are ignored. Young people want to hear from
        someone their age, in short clips they can watch on a phone, and they want to know
        what happens after they tell someone, not only that they should tell.</p>""",
        """<p>The exploitation group agreed to make a short film with the youth forum rather
        than print new posters, and to add a section on what happens after you tell to its
        messages for young people.</p>""",
        (("Child exploitation masterclass", "course:child-exploitation-masterclass"),),
    ),
    EngagementSpec(
        dt.date(2021, 9, 21),
        "New parents on safer sleep advice",
        ("parents", "carers"),
        63,
        """<p>A short survey given by health visitors at the new birth visit, with follow-up
        conversations at two baby groups. Grandparents and other carers who look after babies
        overnight were asked too.</p>""",
        """<p>Parents said the advice was clear but sometimes different depending on who gave
        it. Several said it was hardest to follow when they were exhausted, when the baby was
        unwell, or when staying with relatives. Grandparents often remembered older advice.</p>""",
        """<p>Midwives, health visitors and early years staff now give the same short messages,
        including what to do when routines change. Safer sleep training for practitioners was
        commissioned for the whole workforce, and a page for grandparents was added to the
        partnership's website.</p>""",
        (("Safer sleep and sudden infant death training", "course:safer-sleep-and-sudden-infant-death"),),
    ),
    EngagementSpec(
        dt.date(2022, 1, 19),
        "Young carers: what helps at school",
        ("children", "young_people"),
        9,
        """<p>A group conversation at Westbrook Young Carers' after-school club, with drawings and
        post-it notes for the younger children, led by the club's staff.</p>""",
        """<p>Children said teachers often did not know they were carers, so lateness or missed
        homework was treated as bad behaviour. They wanted one adult at school who knew, and
        they did not want to tell their story again to every new person.</p>""",
        """<p>Schools' designated safeguarding leads were asked, through the schools' safeguarding
        audit, to name a member of staff for young carers, and the designated safeguarding lead
        training now covers young carers.</p>""",
    ),
    EngagementSpec(
        dt.date(2022, 3, 14),
        "Parents and carers on the partnership's website",
        ("parents", "carers"),
        38,
        """<p>An online survey linked from the new website and shared by schools, nurseries and
        Bridges Family Support, with a prize draw for a supermarket voucher.</p>""",
        """<p>Parents found the site easier to use than the old one but said most of it was written
        for professionals. They asked for plain information on what happens when someone is
        worried about a child, and what their rights are.</p>""",
    ),
]

AREAS_OF_FOCUS = """
<p>The partnership made real progress in 2021-22, and each group has set out its own next
steps in this report. Alongside them, a new delivery plan gives the whole partnership six
priorities for 2022-23:</p>
<ul>
<li>neglect is recognised and responded to well across every agency;</li>
<li>babies are protected from sudden death caused by unsafe sleep;</li>
<li>the frontline workforce has a high-quality safeguarding learning offer;</li>
<li>children who think about ending their lives can get help and support in good time;</li>
<li>the partnership's scrutiny and assurance arrangements are rigorous;</li>
<li>services work to identify, prevent and disrupt child exploitation before harm is done.</li>
</ul>
<p>We will also hear more directly from children and families, above all in our reviews and on
our website, and we will stay ready to respond to new concerns as they arise.</p>
"""
