"""The demo partnership's 2021-22 report, group by group: the areas each group developed in the
year and the impact they made. The records behind an area are named by link key (see
`reporting.demo.link_path`); impact evidence by the start of its recommendation's text."""

from lscp.reporting.demo_text import AreaSpec, Impact

SAFER_SLEEP = "Health and children's social care should check that safer sleep advice"
FATHERS = "Health, police and children's social care should include fathers"
IMPACT_REPORTING = "Sub-groups should report the impact of their work"
PLACES_OF_CONCERN = "Police and children's social care should agree how intelligence about places"

AREAS = {
    "executive": [
        AreaSpec(
            "Joint triage at the front door",
            """<p>Oversaw the design of a triage protocol shared by children's social care and the
            police at the integrated front door, including a daily multi-agency meeting on the
            highest-risk domestic abuse incidents.</p>""",
            (
                Impact("""<p>Children's cases are now prioritised by the level of risk, so help
                    reaches families sooner. The daily domestic abuse meeting has improved the
                    sharing of information and the quality of safety plans.</p>"""),
                Impact("""<p>Piloted from April 2021, the protocol became standard practice at the
                    front door during the year.</p>"""),
            ),
            (("Performance report: the front door's timeliness", "kpi:seg"),),
        ),
        AreaSpec(
            "Young people moving into adulthood",
            """<p>Led a strategic group on transitions with the adults board and the district's
            other partnerships, looking at young people most likely to lose support at eighteen:
            disabled young people and those with special educational needs, care leavers, young
            people out of education or work, and those at risk of exploitation or self-harm.</p>""",
            (
                Impact("""<p>Good practice guidance on the move to adulthood is now shared across
                    children's and adults' services, and a planning toolkit makes sure each plan
                    covers the young person's wellbeing, health, home, money, relationships,
                    interests and education or work.</p>"""),
            ),
        ),
        AreaSpec(
            "Harmful sexual behaviour after the national review of schools",
            """<p>Strengthened the arrangements for children who have experienced harmful sexual
            behaviour and for children who have shown it, following national concern about sexual
            harassment and abuse in schools and colleges.</p>""",
            (
                Impact("""<p>The harmful sexual behaviour panel has a clear pathway and guidance,
                    so services know how to refer a child for support.</p>"""),
                Impact("""<p>Schools, colleges and other children's services know what the national
                    guidance expects of them and who to ask for advice.</p>"""),
            ),
        ),
        AreaSpec(
            "Asking for impact, not activity",
            """<p>Took up the independent scrutineer's challenge that sub-groups described what
            they had done more than what had changed. In January 2022 Ofsted judged the council's
            children's services good overall, with outstanding leadership; the Executive used the
            result to set its sights on excellence rather than on keeping pace.</p>""",
            (
                Impact(
                    """<p>Every sub-group's highlight report now has a section on impact on
                    practice, and recommendations are only closed when there is evidence that
                    practice has changed.</p>""",
                    evidence=IMPACT_REPORTING,
                ),
            ),
            (
                ("The recommendation tracker", "url:improvement:recommendations"),
                ("The scrutineer's recommendation on impact", f"recommendation:{IMPACT_REPORTING}"),
            ),
        ),
        AreaSpec(
            "How the partnership talks to the workforce",
            """<p>Rebuilt the partnership's website with separate sections for professionals,
            children and young people, parents and carers, schools and colleges, training and
            resources; started a free monthly e-bulletin, which now reaches over 950 subscribers;
            and used social media to support national safeguarding campaigns.</p>""",
            (
                Impact("""<p>Practitioners tell us they find what they need more quickly, and course
                    evaluations name the website and the e-bulletin among the ways they hear about
                    learning. Information that used to go out in occasional emails now arrives in
                    one place each month, and we can see what is read.</p>"""),
            ),
            (("Guides, briefings and other resources", "url:learning:resources"),),
        ),
    ],
    "csprg": [
        AreaSpec(
            "Action plans from earlier reviews carried through",
            """<p>Followed up the action plans of the partnership's earlier safeguarding practice
            reviews with the agencies responsible until each action could be shown to be done.</p>""",
            (
                Impact(
                    """<p>Practice has changed in several places: a clear way to share information
                    with the host authority when a child is placed outside Westbrook; stronger
                    assessment of parents' use of alcohol; GP practices with a written protocol for
                    discussing safeguarding concerns; and GPs advising parents when prescribed
                    medicines make co-sleeping more dangerous.</p>""",
                    evidence=SAFER_SLEEP,
                ),
                Impact("""<p>The pregnancy liaison group now also considers women in recovery from
                    substance use, and the 0-19 service asks parents about past mental health
                    needs as a routine part of its contacts.</p>"""),
            ),
            (
                ("The published local child safeguarding practice review", "practice-review:published"),
                ("Safer sleep advice: the recommendation and its evidence", f"recommendation:{SAFER_SLEEP}"),
            ),
        ),
        AreaSpec(
            "Rapid reviews and a new local practice review",
            """<p>Carried out rapid reviews of the serious incidents notified in the year, agreed
            with the national panel where a local practice review was needed, and commissioned
            one independently led review.</p>""",
            (
                Impact(
                    """<p>Agencies have been asked to act on what the reviews found, including
                    cross-border information sharing, stepping down cases with many problems,
                    school absence as a safeguarding signal, and a think-family approach in GP
                    practices. For the partnership as a whole, the reviews pointed to working with
                    men, professional curiosity and coercive control.</p>""",
                    evidence=FATHERS,
                ),
            ),
            (
                ("The local practice review in progress", "practice-review:draft"),
                ("Rapid review: a teenager harmed after exploitation concerns", "rapid-review:Teenager"),
            ),
        ),
        AreaSpec(
            "Learning themes stepped across to learning and development",
            """<p>Passed themes that recur across reviews to the learning and development group,
            instead of answering each review separately.</p>""",
            (
                Impact("""<p>Learning with wider implications is now tackled once, for the whole
                    workforce, which has made it quicker and more effective. The group has room to
                    respond to new incidents rather than being taken over by action plans.</p>"""),
            ),
            (
                ("Learning themes", "url:improvement:themes"),
                ("Learning needs and what covers them", "url:learning:learning-needs"),
            ),
        ),
        AreaSpec(
            "A referral route for agencies",
            """<p>Opened a route for any agency to bring a case to the group when it believes there
            may be multi-agency learning, even if the case was not notified as a serious
            incident.</p>""",
            (
                Impact("""<p>Cases that would otherwise have been missed are now considered, some
                    well after the rapid review timescales when new information came to light. The
                    route has helped agencies see themselves as learning organisations.</p>"""),
            ),
            (("Referrals for a review", "url:reviews:referrals"),),
        ),
    ],
    "cdop": [
        AreaSpec(
            "More deaths reviewed, and what they tell us",
            """<p>Improved the panel's systems so that deaths waiting from earlier years could be
            brought to panel alongside recent ones, giving a fuller picture of the factors that
            could be changed.</p>""",
            (
                Impact("""<p>Looking across many cases showed the same modifiable factors again
                    and again: smoking, parents' use of drugs and alcohol, unsafe sleep and domestic
                    abuse. That led to a safer sleep campaign, a risk tool for maternity services to
                    use before discharge, and better routes into support to stop smoking.</p>"""),
            ),
            (
                ("Child death analysis", "url:child_deaths:analysis"),
                ("Safer sleep training", "course:safer-sleep-and-sudden-infant-death"),
            ),
        ),
        AreaSpec(
            "The lead nurse for child death review",
            """<p>Embedded the lead nurse role, which supports families from the first hours after
            a death and coordinates the review that follows.</p>""",
            (
                Impact("""<p>Bereaved families now get consistent support from one person. Every
                    child's death has had a child death review meeting, so learning is found and
                    acted on earlier, before the case reaches the panel.</p>"""),
            ),
        ),
        AreaSpec(
            "Guides to the child death process",
            """<p>Published a web page on the child death arrangements, with the notification form,
            and One Minute Guides on the review process and on joint agency responses.</p>""",
            (
                Impact("""<p>Practitioners who respond to a child's death understand what each
                    step is for and what is expected of them, and deaths are notified more
                    promptly.</p>"""),
            ),
            (
                (
                    "One Minute Guide: the child death review process",
                    "resource:one-minute-guide-the-child-death-review-process",
                ),
                (
                    "One Minute Guide: joint agency response meetings",
                    "resource:one-minute-guide-joint-agency-response-meetings",
                ),
            ),
        ),
    ],
    "mace": [
        AreaSpec(
            "A strategy for tackling child exploitation",
            """<p>Wrote and launched a multi-agency child exploitation strategy for Westbrook, built
            on three aims: identify and prevent; protect and support; disrupt through
            intelligence, investigation and prosecution.</p>""",
            (
                Impact("""<p>The group now measures its progress against the strategy's three aims,
                    and partners share one picture of what success looks like.</p>"""),
            ),
        ),
        AreaSpec(
            "Disruption is everyone's job",
            """<p>Asked every agency to set out what it can do to disrupt exploitation, from
            housing and health to schools, youth services and substance misuse services.</p>""",
            (
                Impact(
                    """<p>Services understand that disruption is not only a job for the police and
                    children's social care. Their returns, brought together, show where approaches
                    overlap and where the gaps are.</p>""",
                    evidence=PLACES_OF_CONCERN,
                ),
            ),
            (
                (
                    "Intelligence on places of concern shared with schools",
                    f"recommendation:{PLACES_OF_CONCERN}",
                ),
            ),
        ),
        AreaSpec(
            "The intelligence sharing toolkit",
            """<p>Launched a toolkit in June 2021 to help practitioners submit information to the
            police's partnership intelligence portal, after Westbrook's partners were found to
            submit less than those of any other district in the force area.</p>""",
            (
                Impact("""<p>Submissions rose sharply after the launch and have stayed among the
                    highest in the force area. In one case a social worker's reports helped the
                    police identify three children at risk, four organised crime groups and six
                    locations.</p>"""),
            ),
            (
                (
                    "One Minute Guide: sharing intelligence with the police",
                    "resource:one-minute-guide-sharing-intelligence-with-the-police",
                ),
                ("Performance report: intelligence submissions", "kpi:mace"),
            ),
        ),
    ],
    "learning": [
        AreaSpec(
            "A wide multi-agency learning offer",
            """<p>Ran courses, masterclasses and webinars for the children and families workforce,
            among them a masterclass on safeguarding babies and infants, the core course on working
            together, managing allegations, safer recruitment, mental health first aid, safer sleep,
            a child exploitation masterclass and reducing parental conflict.</p>""",
            (
                Impact("""<p>Learners rate the offer highly, and most say their knowledge and skills
                    improved. Follow-up evaluations months later give examples of changed practice,
                    such as a practitioner noticing and acting on a family's unspoken needs.</p>"""),
            ),
            (
                (
                    "Evaluation: safeguarding babies and infants masterclass",
                    "evaluation:safeguarding-babies-and-infants-masterclass",
                ),
                ("Evaluation: child exploitation masterclass", "evaluation:child-exploitation-masterclass"),
                (
                    "Evaluation: working together to safeguard children",
                    "evaluation:working-together-to-safeguard-children",
                ),
            ),
        ),
        AreaSpec(
            "Learning shaped by reviews and audits",
            """<p>Matched the offer to what safeguarding reviews and audits showed the workforce
            needed to learn, alongside what single agencies already provide.</p>""",
            (
                Impact("""<p>The offer now targets the gaps that reviews and audits found, and adds
                    to agencies' own training instead of repeating it.</p>"""),
            ),
            (("Learning needs and what covers them", "url:learning:learning-needs"),),
        ),
        AreaSpec(
            "One Minute Guides and 7-Point Briefings",
            """<p>Published short guides on the child death process, perplexing presentations,
            pregnancy liaison, neglect, private fostering and the LADO, and briefings on the audits
            of work with babies, private fostering and child exploitation.</p>""",
            (
                Impact("""<p>Managers use the guides in team briefings, inductions and local
                    policies, and audit findings reach frontline staff in a few minutes' reading
                    rather than a long report.</p>"""),
            ),
            (
                ("Guides, briefings and other resources", "url:learning:resources"),
                (
                    "7-Point Briefing: child exploitation audit",
                    "resource:7-point-briefing-child-exploitation-audit",
                ),
            ),
        ),
        AreaSpec(
            "Safeguarding support for schools and colleges",
            """<p>With the safeguarding advisor for education, offered schools and colleges
            training for all staff, governors and designated safeguarding leads, a model
            safeguarding policy, a yearly safeguarding audit, and training on police notifications
            about domestic abuse, now extended to children who were not present at the
            incident.</p>""",
            (
                Impact("""<p>Every school and college completed the safeguarding audit and received
                    feedback on what to strengthen. Every school took the domestic abuse notification
                    training, so children affected by abuse at home are supported the next day even
                    when they were not there when the police were called.</p>"""),
            ),
        ),
    ],
    "seg": [
        AreaSpec(
            "The multi-agency data set",
            """<p>Looked at the partnership's performance report at every meeting, with analysis of
            where targets were met, where figures had moved and where they still fell short, and
            asked agencies for updates where they did.</p>""",
            (
                Impact("""<p>Referrals and re-referrals to children's social care fell, partners came
                    to more strategy discussions, and more child protection enquiries and conferences
                    were completed on time. The share of contacts meeting the threshold for social
                    care stayed below target, and the number of children on a plan rose: both are
                    carried into next year.</p>"""),
            ),
            (("Performance report", "kpi:seg"),),
        ),
        AreaSpec(
            "Audits of child exploitation and of agencies' own arrangements",
            """<p>Led a multi-agency audit of work with children at risk of exploitation, and a
            day of challenge on agencies' Section 11 self-assessments.</p>""",
            (
                Impact("""<p>Practitioners understand the forms exploitation takes, online risk
                    included, and know how to bring a child to the risk assessment meeting. They see
                    how domestic abuse, neglect and other adversity add to a child's risk.</p>"""),
                Impact("""<p>The Section 11 day led to the short guides and briefings, closer work
                    with sports and leisure organisations, and a self-assessment shared across the
                    region so that agencies working in several districts complete it once.</p>"""),
            ),
            (
                (
                    "7-Point Briefing: child exploitation audit",
                    "resource:7-point-briefing-child-exploitation-audit",
                ),
            ),
        ),
        AreaSpec(
            "An action log for audit recommendations",
            """<p>Started a log of every multi-agency audit's recommendations, so the group can see
            each one through to completion.</p>""",
            (
                Impact("""<p>Health services record strategy meetings and assessments consistently,
                    agencies know how to recognise and report private fostering, schools have a
                    clear process for reporting sexual violence to the police, and early help staff
                    are trained to support schools with harmful sexual behaviour.</p>"""),
            ),
            (
                ("Recommendations and their evidence", "url:improvement:recommendations"),
                (
                    "Coercive control in domestic abuse referrals",
                    "recommendation:Multi-agency audits should test",
                ),
            ),
        ),
        AreaSpec(
            "Local safeguarding procedures",
            """<p>Set up a Westbrook working group on procedures to sit alongside the regional
            procedures, and fill the gaps it found.</p>""",
            (
                Impact("""<p>New or updated guidance on injuries to babies who are not yet mobile,
                    perplexing presentations and fabricated or induced illness, harmful sexual
                    behaviour, faltering growth, and obesity as a form of medical neglect.</p>"""),
            ),
            (
                (
                    "Protocol: injuries to non-mobile babies",
                    "resource:assessment-of-non-mobile-babies-with-injuries-protocol",
                ),
            ),
        ),
    ],
}
