"""What each of the demo partnership's groups is for, and its key steps: those planned for 2021-22
(announced in the 2020-21 report) with the progress recorded against them during 2021-22, and
those announced in the 2021-22 report for 2022-23 with the progress recorded during 2022-23.

A step with no progress is left that way on purpose: the report shows the gap rather than hide it.
"""

import datetime as dt

from lscp.reporting.demo_text import A, G, R, StepSpec, Update

D = dt.date

# What each group is for, as its function stood in each year's report.
FUNCTIONS_2021 = {
    "executive": """<p>Oversees everything the partnership does. The Executive sets the direction,
        drives the partnership's development and makes sure the multi-agency safeguarding
        arrangements in Westbrook meet the law and work in practice.</p>""",
    "csprg": """<p>Looks at serious incidents in which abuse or neglect is known or suspected to
        have caused or contributed to a child's death or serious harm, decides whether a review
        is needed, and makes sure the learning improves multi-agency systems and practice.</p>""",
    "cdop": """<p>Reviews the death of every child living in Westbrook: what happened, the cause,
        any factors that might be changed, and the learning that could help prevent other
        children's deaths.</p>""",
    "mace": """<p>Writes, delivers and monitors the partnership's child exploitation action plan,
        so that agencies respond together to children at risk of exploitation and to other
        harm outside the home.</p>""",
    "learning": """<p>Finds out what the children and families workforce needs to learn about
        safeguarding and meets it together with partners: multi-agency courses, masterclasses,
        conferences and short guides.</p>""",
    "seg": """<p>Judges how effectively the partnership and each agency safeguard children, using
        the multi-agency data set, audits and self-assessment, and keeps the local safeguarding
        procedures up to date.</p>""",
}

FUNCTIONS_2022 = {
    "executive": """<p>Oversees everything the partnership does and holds each sub-group to account
        for its impact. From 2022 the Executive works to new terms of reference, with an assurance
        calendar agreed with the independent scrutineer.</p>""",
    "csprg": """<p>Considers serious incidents in which abuse or neglect is known or suspected,
        decides whether a review is needed, hears from families in every review, and checks that
        the learning has changed practice.</p>""",
    "cdop": """<p>Reviews the death of every child living in Westbrook, identifies factors that
        could be changed and makes sure the learning reaches the services that can act on
        it.</p>""",
    "mace": """<p>Leads the partnership's response to child exploitation and other harm outside the
        home, through the strategy and its action plan: identify and prevent, protect and support,
        disrupt.</p>""",
    "learning": """<p>Plans and delivers, with partners, the safeguarding learning the children and
        families workforce needs, and checks whether it changes practice.</p>""",
    "seg": """<p>Tests how well the partnership and each agency keep children safe, through the data
        set, multi-agency audits, self-assessment and the quality assurance framework, and keeps the
        local procedures up to date.</p>""",
}

STEPS_2021 = {
    "executive": [
        StepSpec(
            "Tell the workforce about safeguarding developments in more ways: a monthly e-bulletin, "
            "more social media and a new partnership website.",
            (
                Update(
                    D(2021, 6, 15), A, "The first e-bulletin went out in May; the website is being rebuilt."
                ),
                Update(D(2022, 1, 25), G, "The new website is live and the e-bulletin goes out every month."),
            ),
        ),
        StepSpec(
            "Bring sports clubs, leisure providers and faith settings into the partnership's "
            "safeguarding arrangements.",
            (
                Update(
                    D(2021, 10, 5),
                    A,
                    "Sports and leisure forums are engaged; a masterclass for people "
                    "who work or volunteer in sport is being planned.",
                ),
                Update(
                    D(2022, 3, 22),
                    A,
                    "A safeguarding in sport page is being written. The self-assurance "
                    "toolkit for faith settings is being developed regionally and is not yet ready.",
                ),
            ),
        ),
    ],
    "csprg": [
        StepSpec(
            "Give agencies a way to refer cases to the group when they see possible multi-agency learning.",
            (
                Update(D(2021, 5, 19), A, "The referral form and criteria are drafted."),
                Update(
                    D(2021, 7, 14), G, "The referral route is open and the first referrals have been triaged."
                ),
            ),
        ),
        StepSpec(
            "Agree how parents and, where right, children will be asked for their views in reviews.",
            (
                Update(
                    D(2022, 2, 9),
                    A,
                    "A draft process is agreed in principle; a leaflet for families is still to be written.",
                ),
            ),
        ),
    ],
    "cdop": [
        StepSpec(
            "Embed the lead nurse for child death review in how every death is responded to.",
            (
                Update(
                    D(2021, 6, 10),
                    G,
                    "The lead nurse is in post and offers support to every bereaved family.",
                ),
                Update(D(2021, 12, 2), G, "Every death since April has had a child death review meeting."),
            ),
        ),
        StepSpec(
            "Publish guidance for practitioners on what happens after a child dies.",
            (Update(D(2021, 10, 7), G, "The web page and two One Minute Guides are published."),),
        ),
        # No progress recorded during the year: it is carried into 2022-23.
        StepSpec("Agree a standard way for the panel to receive information from GP practices."),
    ],
    "mace": [
        StepSpec(
            "Write and launch a child exploitation strategy for Westbrook.",
            (
                Update(D(2021, 7, 6), A, "The draft strategy is out for comment with partners."),
                Update(D(2021, 10, 12), G, "The strategy was agreed by the Executive and launched."),
            ),
        ),
        StepSpec(
            "Increase partners' submissions to the police's partnership intelligence portal.",
            (
                Update(D(2021, 6, 29), G, "The intelligence sharing toolkit was launched this month."),
                Update(D(2022, 2, 15), G, "Submissions are now among the highest in the force area."),
            ),
        ),
    ],
    "learning": [
        StepSpec(
            "Review the multi-agency learning offer against what reviews and audits show is needed.",
            (
                Update(D(2021, 6, 30), A, "The review of the offer has started with a mapping of themes."),
                Update(D(2021, 10, 20), G, "The revised offer is agreed and published."),
            ),
        ),
        StepSpec(
            "Develop the learning on safeguarding babies and infants.",
            (
                Update(
                    D(2021, 8, 25),
                    A,
                    "The masterclass is planned for November; safer sleep training is being commissioned.",
                ),
                Update(
                    D(2021, 12, 15),
                    G,
                    "The masterclass was held and recorded; safer sleep training runs regularly.",
                ),
            ),
        ),
    ],
    "seg": [
        StepSpec(
            "Keep a log of multi-agency audit recommendations and follow each one up.",
            (Update(D(2021, 6, 3), G, "The action log is in use and reviewed at every meeting."),),
        ),
        StepSpec(
            "Set up a local procedures working group to support the regional procedures.",
            (
                Update(D(2021, 7, 15), G, "The working group has met and agreed its first priorities."),
                Update(D(2022, 1, 27), G, "Five procedures have been written or updated."),
            ),
        ),
        # No progress recorded during the year.
        StepSpec(
            "Test how well faith settings' safeguarding arrangements work, using a self-assurance toolkit."
        ),
    ],
}

STEPS_2022 = {
    "executive": [
        StepSpec(
            "Put the new delivery plan for 2022-23 into practice.",
            (
                Update(D(2022, 7, 12), G, "The plan is agreed and each priority has a lead."),
                Update(
                    D(2022, 11, 29),
                    A,
                    "Four priorities are on track; neglect and suicide prevention are behind.",
                ),
            ),
        ),
        StepSpec(
            "Change how the Executive is run so that its scrutiny and assurance are stronger.",
            (Update(D(2022, 9, 20), G, "New terms of reference and an assurance calendar are agreed."),),
        ),
        StepSpec(
            "Respond to the national reviews of children's social care and of child protection, once the "
            "government's plans are known.",
        ),
    ],
    "csprg": [
        StepSpec(
            "Use the agreed process to hear from parents and, where right, children in every review.",
            (
                Update(D(2022, 6, 15), A, "The leaflet for families is with a parents' group for comment."),
                Update(
                    D(2022, 10, 19), G, "Families have been invited to contribute to both reviews this year."
                ),
            ),
        ),
        StepSpec(
            "Keep the focus on the difference reviews make to systems and practice, not only on actions "
            "closed.",
            (Update(D(2022, 12, 7), A, "Impact evidence is now asked for before an action plan is closed."),),
        ),
    ],
    "cdop": [
        StepSpec(
            "Develop child death review training for practitioners.",
            (Update(D(2022, 11, 10), G, "The first sessions are booked for the new year."),),
        ),
        StepSpec("Publish Westbrook's child death review arrangements, as statutory guidance expects."),
        StepSpec(
            "Agree a standard way for the panel to receive information from GP practices.",
            (
                Update(D(2022, 7, 14), A, "A standard request through the GP federation is being piloted."),
                Update(D(2023, 1, 12), R, "Returns from practices are still patchy; the pilot is extended."),
            ),
        ),
        StepSpec(
            "Make sure the panel's work is seen and leads to changes in systems and practice.",
            (Update(D(2022, 9, 15), G, "A summary of the panel's learning went to every sub-group."),),
        ),
    ],
    "mace": [
        StepSpec(
            "Offer multi-agency training on harm outside the home and contextual safeguarding.",
            (Update(D(2022, 10, 11), G, "The course is written and the first session is full."),),
        ),
        StepSpec(
            "Find more children while their risk of exploitation is still low, so fewer first come to "
            "notice at high risk.",
            (Update(D(2022, 12, 6), A, "Early help champions are trained; it is too soon to see a change."),),
        ),
        StepSpec("Identify more of the people who exploit children, and see fewer repeat incidents."),
        StepSpec(
            "Make messages and resources about exploitation that children will engage with.",
            (Update(D(2022, 8, 23), G, "A short film is being made with the youth forum."),),
        ),
    ],
    "learning": [
        StepSpec(
            "Change how the group works so that partners plan and deliver the learning offer together.",
            (Update(D(2022, 9, 28), G, "Three agencies now provide trainers for the multi-agency courses."),),
        ),
        StepSpec(
            "Offer learning in more forms, such as short films, podcasts and further One Minute Guides.",
            (Update(D(2022, 11, 23), G, "The first podcast, on seeing the men in a child's life, is out."),),
        ),
        StepSpec(
            "Deliver new training on professional curiosity and challenge and on neglect, with a "
            "relaunched neglect toolkit.",
            (
                Update(
                    D(2022, 7, 27),
                    A,
                    "The professional curiosity course is ready; the neglect toolkit awaits sign-off.",
                ),
            ),
        ),
    ],
    "seg": [
        StepSpec(
            "Roll out the online organisational safeguarding self-assessment for agencies named in "
            "Section 11 of the Children Act 2004.",
            (Update(D(2022, 10, 13), A, "The tool is live; a third of agencies have completed it."),),
        ),
        StepSpec(
            "Bring in a framework for quality assurance, learning, improvement and training.",
        ),
        StepSpec(
            "Be ready for a joint targeted area inspection.",
            (Update(D(2022, 11, 24), G, "A joint self-assessment is complete and leads are named."),),
        ),
        StepSpec(
            "Keep auditing multi-agency practice to test systems and find what needs to improve.",
            (
                Update(
                    D(2023, 2, 16), G, "An audit of neglect cases is complete; findings go to the Executive."
                ),
            ),
        ),
    ],
}
