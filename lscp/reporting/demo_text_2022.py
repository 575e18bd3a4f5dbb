"""The demo partnership's 2022-23 report, still a draft: a delivery plan whose priorities follow on
from 2021-22 with their progress so far, a few development areas and one engagement activity.
Each group's function and the key steps announced for 2022-23 are in demo_text_steps."""

import datetime as dt

from lscp.reporting.demo_text import A, AreaSpec, EngagementSpec, G, Impact, PrioritySpec, R, Update

D = dt.date

PRIORITIES = [
    PrioritySpec(
        "Neglect is recognised and responded to well across the partnership",
        """<p>Practitioners use the relaunched neglect toolkit with families, recognise neglect
        early, including of babies and of children's health, and escalate when things do not
        improve.</p>""",
        ("learning", "seg", "csprg"),
        (
            Update(D(2022, 7, 12), A, "The relaunch of the toolkit waits for final sign-off."),
            Update(D(2022, 11, 1), A, "The toolkit is relaunched; training places are filling slowly."),
            Update(
                D(2023, 1, 5),
                R,
                "Few agencies outside children's social care have used the toolkit; "
                "the audit of neglect cases will tell us why.",
            ),
        ),
    ),
    PrioritySpec(
        "Babies are protected from sudden death caused by unsafe sleep",
        """<p>Every family with a baby hears the same safer sleep advice from every practitioner,
        including when routines change, and practitioners ask where the baby sleeps.</p>""",
        ("cdop", "csprg", "learning"),
        (
            Update(D(2022, 7, 12), G, "The maternity risk tool is used before every discharge."),
            Update(D(2022, 11, 1), G, "Health visitors and early years settings now use the tool too."),
        ),
    ),
    PrioritySpec(
        "The frontline workforce has a high-quality safeguarding learning offer",
        """<p>Multi-agency learning is planned and delivered with partners, covers what reviews and
        audits show is needed, and can be shown to change practice.</p>""",
        ("learning",),
        (
            Update(D(2022, 9, 6), G, "Partners now co-deliver the core courses."),
            Update(
                D(2023, 1, 5), G, "Follow-up evaluations are sent for every course, not only masterclasses."
            ),
        ),
    ),
    PrioritySpec(
        "Children who think about ending their lives get help in good time",
        """<p>Children with suicidal thoughts are noticed, asked directly and supported quickly, and
        practitioners know the pathways into help and how to use them.</p>""",
        ("executive", "seg", "cdop"),
        (
            Update(D(2022, 9, 6), A, "A pathway with the mental health trust is drafted."),
            Update(D(2023, 1, 5), A, "The pathway is agreed; training for schools has not yet started."),
        ),
    ),
    PrioritySpec(
        "The partnership has rigorous scrutiny and assurance arrangements",
        """<p>The Executive receives assurance it can rely on, the independent scrutineer's
        challenge is answered, and the quality assurance framework joins data, audits, reviews and
        feedback together.</p>""",
        ("executive", "seg"),
        (
            Update(
                D(2022, 9, 6), G, "The Executive's new terms of reference and assurance calendar are agreed."
            ),
        ),
    ),
    PrioritySpec(
        "Services identify, prevent and disrupt child exploitation before harm is done",
        """<p>Children are found while their risk is low, the people who exploit them are identified
        and disrupted, and children recognise the risks from messages made with young
        people.</p>""",
        ("mace", "learning"),
        (
            Update(D(2022, 7, 12), G, "Training on harm outside the home is written."),
            Update(D(2022, 11, 1), A, "The film with the youth forum is delayed until the spring."),
        ),
    ),
]

AREAS = {
    "csprg": [
        AreaSpec(
            "Families' voices in reviews",
            """<p>Put the new process for hearing from families into practice, with a leaflet written
            with parents that explains what a review is and how they can take part.</p>""",
            (
                Impact("""<p>Parents have contributed to each review started this year, and their
                    accounts have changed what the reviewers looked at.</p>"""),
            ),
            (("The local practice review in progress", "practice-review:draft"),),
        ),
    ],
    "mace": [
        AreaSpec(
            "Training on harm outside the home",
            """<p>Wrote and ran a multi-agency course on extra-familial harm and contextual
            safeguarding, with a session for housing staff.</p>""",
            (
                Impact("""<p>Learners say they now think about the places and peer groups around a
                    child, not only the family, when they assess risk.</p>"""),
            ),
            (("Extra-familial harm webinar", "course:extra-familial-harm-webinar"),),
        ),
    ],
    "learning": [
        AreaSpec(
            "Professional curiosity, challenge and neglect",
            """<p>Launched the new course on professional curiosity and challenge, relaunched the
            neglect toolkit with training, and published the first podcast, on seeing the men in a
            child's life.</p>""",
            (
                Impact("""<p>Early follow-up evaluations give examples of practitioners checking
                    what parents tell them and asking about fathers and partners.</p>"""),
            ),
            (
                ("Professional curiosity and challenge", "course:professional-curiosity-and-challenge"),
                ("Neglect toolkit", "resource:neglect-toolkit"),
                (
                    "Podcast: seeing the men in a child's life",
                    "resource:podcast-seeing-the-men-in-a-childs-life",
                ),
            ),
        ),
    ],
    "seg": [
        # In progress: no impact to report yet.
        AreaSpec(
            "Online organisational safeguarding self-assessment",
            """<p>Introduced the region's online self-assessment for agencies named in Section 11,
            so that agencies working across several districts complete it once.</p>""",
            links=(("Performance report", "kpi:seg"),),
        ),
    ],
}

ENGAGEMENT = [
    EngagementSpec(
        D(2022, 10, 12),
        "Children and young people's pages, written with them",
        ("children", "young_people"),
        11,
        """<p>Three sessions with the youth forum and a primary school council, reading drafts of
        the website's new pages for children and young people and rewriting them together.</p>""",
        """<p>Younger children wanted pictures and fewer words; older ones wanted to know who they
        could talk to without their parents being told, and what happens next.</p>""",
        """<p>The pages were rewritten in their words, with a separate page for under-elevens and a
        clear answer to what happens when you tell someone.</p>""",
    ),
]
