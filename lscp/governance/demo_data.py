"""What the demo partnership's groups are: who sits on them, what they discuss, how they minute it.

Plain data for `governance.demo`, which turns it into groups, memberships and meetings. Change a
group, a seat or a topic here; how meetings are scheduled and filled in lives there.
"""

import datetime as dt
from dataclasses import dataclass, field

from lscp.accounts.roles import Role
from lscp.governance.models import GroupKind, MembershipRole

DOMAIN = "demo.lscp.invalid"
# The partnership replaced the old safeguarding board in the autumn of 2019.
MEMBERS_SINCE = dt.date(2019, 9, 30)

CHAIR = MembershipRole.CHAIR
VICE = MembershipRole.VICE_CHAIR
MEMBER = MembershipRole.MEMBER
ADVISER = MembershipRole.ADVISER


def demo_account(role: Role) -> str:
    return f"{role.value.lower().replace(' ', '.')}@{DOMAIN}"


@dataclass
class Topic:
    """An agenda item a group takes from time to time, what is minuted, and what it may decide."""

    title: str
    paper: str
    note: str
    decision: str = ""


@dataclass
class GroupPlan:
    slug: str
    name: str
    short_name: str
    kind: str
    order: int
    function: str
    anchor: dt.date  # the first meeting of the 2021-22 year; the rest follow every `weeks`
    weeks: int
    time: dt.time
    seats: list[tuple[str, str]]  # (membership role, a demo account's email or a member's full name)
    topics: list[Topic] = field(default_factory=list)


GROUPS = [
    GroupPlan(
        slug="executive",
        name="Executive",
        short_name="Executive",
        kind=GroupKind.EXECUTIVE,
        order=0,
        function=(
            "Leads the partnership. The three safeguarding partners hold the arrangements to account "
            "as a whole: they set the priorities and the delivery plan, take the sub-groups' reports, "
            "answer the independent scrutineer and sign off the yearly report."
        ),
        anchor=dt.date(2021, 4, 20),
        weeks=8,
        time=dt.time(14, 0),
        seats=[
            (CHAIR, "Margaret Oyelaran"),
            (VICE, "Marcus Ellery"),
            (VICE, "Catherine Lindqvist"),
            (MEMBER, "Tomasz Kowalczyk"),
            (MEMBER, "Ingrid Solberg"),
            (MEMBER, "Adebayo Ogunleye"),
            (MEMBER, "Bridget O'Connell"),
            (MEMBER, "Nadia Haddad"),
            (MEMBER, "Ruth Abernethy"),
            (MEMBER, "Bernadette Nwosu"),
            (MEMBER, "Joanna Whitcombe"),
            (ADVISER, demo_account(Role.BUSINESS_MANAGER)),
            (ADVISER, demo_account(Role.INDEPENDENT_SCRUTINEER)),
        ],
        topics=[
            Topic(
                "Delivery plan: progress against the priorities",
                "A one-page view of each priority, its key steps and their RAG status.",
                "Members went through each priority in turn; two key steps were judged at risk.",
                "The business manager to bring recovery plans for the two at-risk key steps.",
            ),
            Topic(
                "Sub-group highlight reports",
                "Short reports from each sub-group chair on work done, risks and escalations.",
                "Each chair summarised their group's work; no escalations were raised this time.",
            ),
            Topic(
                "Independent scrutineer's update",
                "The scrutineer's observations from sub-group meetings and conversations with staff.",
                "The scrutineer asked for clearer evidence that review learning has changed practice.",
                "Every sub-group to add an 'impact on practice' line to its highlight report.",
            ),
            Topic(
                "Front door triage arrangements",
                "How police and children's social care share and prioritise contacts at the front door.",
                "The joint triage pilot was reported as working well; timeliness has improved.",
                "The joint triage arrangement to become standard practice at the front door.",
            ),
            Topic(
                "Partnership budget and partner contributions",
                "Income and spending for the year to date, and next year's contributions.",
                "The budget is on track; the learning offer is the main area of spend.",
                "Partner contributions agreed at the same shares as last year.",
            ),
            Topic(
                "Transitions to adulthood",
                "Progress of the joint work with the adults board on young people moving to adult services.",
                "Members welcomed the draft good practice guidance and the planning toolkit.",
                "The transitions guidance to be published jointly with the adults board.",
            ),
            Topic(
                "Harmful sexual behaviour: schools and colleges",
                "The local response to national findings on sexual harassment in education settings.",
                "Head teachers described the support schools have asked for and what has been offered.",
            ),
            Topic(
                "Yearly report: draft for sign-off",
                "The draft yearly report, with each group's development areas and their impact.",
                "Members suggested changes to the summary and asked for more on children's voices.",
                "The yearly report approved for publication, subject to the changes agreed.",
            ),
            Topic(
                "Risk register",
                "The partnership's strategic risks, their owners and controls.",
                "The risk on partner capacity was raised from amber to red.",
            ),
        ],
    ),
    GroupPlan(
        slug="csprg",
        name="Child Safeguarding Practice Review Group",
        short_name="CSPRG",
        kind=GroupKind.SUBGROUP,
        order=1,
        function=(
            "Looks at serious incidents where abuse or neglect is known or suspected and a child has "
            "died or been seriously harmed. Runs rapid reviews and local practice reviews, decides how "
            "learning is taken forward and checks that agencies' actions have changed practice."
        ),
        anchor=dt.date(2021, 4, 7),
        weeks=6,
        time=dt.time(10, 0),
        seats=[
            (CHAIR, "Priya Raman"),
            (VICE, "Bernadette Nwosu"),
            (MEMBER, demo_account(Role.GROUP_MEMBER)),
            (MEMBER, "Siobhan Gallagher"),
            (MEMBER, "Yusuf Patel"),
            (MEMBER, "Hamza Siddiqui"),
            (MEMBER, "Gareth Pryce"),
            (MEMBER, "Tariq Mahmood"),
            (MEMBER, "Leanne Firth"),
            (MEMBER, "Peter Lomax"),
            (MEMBER, "Hannah Szabo"),
            (MEMBER, "Declan Byrne"),
            (ADVISER, demo_account(Role.BUSINESS_OFFICER)),
        ],
        topics=[
            Topic(
                "New serious incident notifications",
                "Incidents notified to the national panel since the last meeting, and rapid review dates.",
                "The group noted the new notifications; rapid reviews are booked within timescale.",
            ),
            Topic(
                "Rapid review findings",
                "Findings and learning from the most recent rapid review.",
                "Members agreed the learning could be taken forward without a full practice review.",
                "No local practice review; learning to be taken forward through the action plan.",
            ),
            Topic(
                "Local practice review: progress report",
                "Where the review has reached, the family's involvement and the publication plan.",
                "The lead reviewer has met the family; the draft report is due next month.",
                "The draft review to come to an extra meeting before it goes to the Executive.",
            ),
            Topic(
                "Action plan monitoring",
                "Outstanding actions from earlier reviews, by agency.",
                "Several actions were closed with evidence; late actions were discussed with owners.",
            ),
            Topic(
                "Case referrals from agencies",
                "Cases referred by services for possible multi-agency learning.",
                "One referral was accepted for a learning review; one did not meet the criteria.",
                "The referral from the hospital trust to go forward as a learning review.",
            ),
            Topic(
                "Learning to step across to Learning and Development",
                "Themes that recur across reviews and need a partnership-wide learning response.",
                "Professional curiosity and working with fathers came up again in recent reviews.",
                "Professional curiosity and working with men to go to the L&D group as themes.",
            ),
            Topic(
                "Hearing from families in reviews",
                "A draft process for seeking the views of parents and, where right, the child.",
                "Members supported the draft and asked for a leaflet written for families.",
            ),
            Topic(
                "National panel publications",
                "Recent national reviews and what they mean for local practice.",
                "The group compared the national findings with local learning; most were already covered.",
            ),
        ],
    ),
    GroupPlan(
        slug="cdop",
        name="Child Death Overview Panel",
        short_name="CDOP",
        kind=GroupKind.SUBGROUP,
        order=2,
        function=(
            "Reviews the death of every child who lived in the area, to understand what happened, "
            "agree the category of death, identify any modifiable factors and share what could help "
            "prevent other children from dying."
        ),
        anchor=dt.date(2021, 4, 15),
        weeks=8,
        time=dt.time(13, 30),
        seats=[
            (CHAIR, "Ingrid Solberg"),
            (VICE, "Rajesh Iyer"),
            (MEMBER, "Agnieszka Nowak"),
            (MEMBER, "Kwame Asante"),
            (MEMBER, "Joanna Whitcombe"),
            (MEMBER, "Callum Fraser"),
            (MEMBER, "Zainab Ahmed"),
            (MEMBER, "Mei Ling Chen"),
            (MEMBER, "Gareth Pryce"),
            (MEMBER, "Craig Holroyd"),
            (MEMBER, "Gurpreet Sandhu"),
            (ADVISER, demo_account(Role.BUSINESS_OFFICER)),
        ],
        topics=[
            Topic(
                "Case reviews",
                "Cases ready for panel review, with the analysis forms prepared at the review meetings.",
                "The panel reviewed the cases listed and agreed the category of each death.",
            ),
            Topic(
                "Modifiable factors: themes",
                "Factors found across this year's reviews, such as smoking, unsafe sleep and substance use.",
                "Unsafe sleep and parental smoking were again the most common factors.",
                "Public health to lead a safer sleep campaign with maternity and health visiting.",
            ),
            Topic(
                "Lead nurse update",
                "Support given to bereaved families and review meetings held since the last panel.",
                "Every death in the period had a child death review meeting.",
            ),
            Topic(
                "Information from GP practices",
                "How panel members could receive GP records for every case.",
                "Members discussed a standard request to practices through the GP federation.",
                "A standard GP information request to be piloted for the next three months.",
            ),
            Topic(
                "National child mortality data",
                "The latest national and regional figures and how the area compares.",
                "The area's figures are in line with the region; numbers are too small for trends.",
            ),
            Topic(
                "Joint agency response: timeliness",
                "How quickly joint agency responses were started after unexpected deaths.",
                "All joint agency responses in the period started within the local timescale.",
            ),
            Topic(
                "Safer sleep risk tool",
                "A tool for maternity services to assess and lower sleep risks before discharge.",
                "Midwifery colleagues described the first months of use.",
                "The tool to be shared with health visiting and early years settings.",
            ),
        ],
    ),
    GroupPlan(
        slug="mace",
        name="Multi-Agency Child Exploitation Group",
        short_name="MACE",
        kind=GroupKind.SUBGROUP,
        order=3,
        function=(
            "Owns the partnership's child exploitation strategy and action plan, so that children at "
            "risk of harm outside the home are found early, protected and supported, and those who "
            "exploit them are disrupted."
        ),
        anchor=dt.date(2021, 4, 13),
        weeks=6,
        time=dt.time(10, 0),
        seats=[
            (CHAIR, "Aisha Bello"),
            (VICE, "Imran Qureshi"),
            (MEMBER, demo_account(Role.GROUP_MEMBER)),
            (MEMBER, "Andrea Costa"),
            (MEMBER, "Sean Doherty"),
            (MEMBER, "Lowri Evans"),
            (MEMBER, "Dawn Ridley"),
            (MEMBER, "Niamh Quinn"),
            (MEMBER, "Tariq Mahmood"),
            (MEMBER, "Olumide Bakare"),
            (MEMBER, "Craig Holroyd"),
            (MEMBER, "Jamal Robinson"),
            (MEMBER, "Peter Lomax"),
            (ADVISER, demo_account(Role.BUSINESS_OFFICER)),
        ],
        topics=[
            Topic(
                "Exploitation strategy and action plan",
                "Progress on each strand: identify and prevent; protect and support; disrupt.",
                "Most actions are on track; the training action is behind.",
            ),
            Topic(
                "Disruption activity by agency",
                "Each service's disruption techniques and what they did this quarter.",
                "Housing and health described disruption work that others had not known about.",
                "Every agency to return its disruption template before the next meeting.",
            ),
            Topic(
                "Intelligence submissions to the partnership portal",
                "Submissions by agency and district, compared with the rest of the region.",
                "Submissions from partners continue to rise since the intelligence toolkit was launched.",
            ),
            Topic(
                "Risk assessment meeting themes",
                "Themes from recent risk assessment meetings: locations, online contact, missing episodes.",
                "Two locations came up repeatedly; police and the council will take them to the "
                "community safety partnership.",
                "Repeat locations to be referred to the community safety partnership.",
            ),
            Topic(
                "Return home interviews",
                "How many children missing from home were offered and took up a return interview.",
                "Take-up has improved; timeliness within 72 hours still varies.",
            ),
            Topic(
                "Resources for children and young people",
                "Ideas from the youth forum for messages about exploitation that young people trust.",
                "Members liked the short video ideas from the youth forum.",
                "A short film on exploitation to be made with the youth forum.",
            ),
            Topic(
                "Contextual safeguarding training",
                "A proposed multi-agency course on harm outside the home.",
                "The group agreed the outline and asked for a session for housing staff.",
            ),
        ],
    ),
    GroupPlan(
        slug="learning",
        name="Learning and Development Group",
        short_name="L&D",
        kind=GroupKind.SUBGROUP,
        order=4,
        function=(
            "Plans and delivers the partnership's learning for everyone who works or volunteers with "
            "children: courses, masterclasses, webinars and short guides, shaped by what reviews, "
            "audits and the data say practitioners need, and checked for their effect on practice."
        ),
        anchor=dt.date(2021, 4, 28),
        weeks=8,
        time=dt.time(14, 0),
        seats=[
            (CHAIR, "Sunita Chauhan"),
            (VICE, "Siobhan Gallagher"),
            (MEMBER, "Fiona McLeod"),
            (MEMBER, "Grace Mensah"),
            (MEMBER, "Chloe Ashworth"),
            (MEMBER, "Harriet Blackwood"),
            (MEMBER, "Olumide Bakare"),
            (MEMBER, "Gurpreet Sandhu"),
            (MEMBER, "Mei Ling Chen"),
            (MEMBER, "Leanne Firth"),
            (MEMBER, "Eleanor Hartley"),
            (MEMBER, "Jamal Robinson"),
            (ADVISER, demo_account(Role.BUSINESS_OFFICER)),
        ],
        topics=[
            Topic(
                "Training programme and bookings",
                "Courses run since the last meeting, places booked, attendance and no-shows.",
                "Bookings are strong; no-shows remain high for online sessions.",
            ),
            Topic(
                "Course evaluations",
                "End-of-course feedback and the follow-up survey three to six months later.",
                "Feedback is good; follow-up responses show some changes in practice.",
                "Follow-up evaluation to be sent for every course, not only masterclasses.",
            ),
            Topic(
                "Learning from reviews",
                "Themes passed from the practice review group and how the offer will cover them.",
                "The group mapped each theme to an existing course or a new product.",
                "A new course on professional curiosity and challenge to be written this year.",
            ),
            Topic(
                "One Minute Guides and 7-Point Briefings",
                "Guides and briefings in draft, and how often the published ones are opened.",
                "Two new guides were approved subject to small changes.",
                "The guides on private fostering and on the LADO to be published.",
            ),
            Topic(
                "Neglect toolkit relaunch",
                "The revised neglect toolkit and the training to go with it.",
                "Members asked for examples from early years and schools in the training.",
            ),
            Topic(
                "Safeguarding week",
                "Plans for the partnership's safeguarding week.",
                "The programme was agreed; sessions will be recorded for later viewing.",
            ),
            Topic(
                "Trainer pool",
                "Agencies' trainers who co-deliver the multi-agency offer.",
                "Three agencies offered trainers for next year.",
            ),
        ],
    ),
    GroupPlan(
        slug="seg",
        name="Safeguarding Effectiveness Group",
        short_name="SEG",
        kind=GroupKind.SUBGROUP,
        order=5,
        function=(
            "Checks how well the partnership and each agency keep children safe, through the "
            "multi-agency data set, multi-agency audits, Section 11 self-assessments and the local "
            "procedures, and asks for improvement where the evidence shows it is needed."
        ),
        anchor=dt.date(2021, 4, 22),
        weeks=6,
        time=dt.time(10, 0),
        seats=[
            (CHAIR, demo_account(Role.GROUP_CHAIR)),
            (VICE, "Priya Raman"),
            (MEMBER, "Gareth Pryce"),
            (MEMBER, "Joanna Whitcombe"),
            (MEMBER, "Yusuf Patel"),
            (MEMBER, "Fiona McLeod"),
            (MEMBER, "Declan Byrne"),
            (MEMBER, "Lowri Evans"),
            (MEMBER, "Andrea Costa"),
            (MEMBER, "Hannah Szabo"),
            (MEMBER, "Zainab Ahmed"),
            (MEMBER, "Ruth Abernethy"),
            (ADVISER, demo_account(Role.DATA_ANALYST)),
            (ADVISER, demo_account(Role.BUSINESS_MANAGER)),
        ],
        topics=[
            Topic(
                "Performance report",
                "The multi-agency data set: indicators against targets, with commentary.",
                "Re-referrals and health assessments missed their targets again.",
                "The front door and health leads to bring improvement updates on the missed targets.",
            ),
            Topic(
                "Multi-agency audit: findings",
                "Findings from the latest themed audit of case files across agencies.",
                "The audit found good information sharing but weak recording of the child's voice.",
                "A 7-Point Briefing on the audit findings to go to all agencies.",
            ),
            Topic(
                "Section 11 self-assessments",
                "Returns received, moderation so far and the date of the challenge event.",
                "Most agencies have returned; the remaining returns were chased.",
            ),
            Topic(
                "Procedures update",
                "New and revised multi-agency procedures for approval.",
                "The revised faltering growth procedure was approved.",
                "The procedure on harmful sexual behaviour to be updated and re-issued.",
            ),
            Topic(
                "Quality assurance framework",
                "A framework bringing together audits, data, feedback and learning.",
                "Members supported the framework and asked for a simple yearly calendar.",
            ),
            Topic(
                "Inspection readiness",
                "Preparation for a joint targeted area inspection.",
                "The group agreed a self-assessment and who would lead each part.",
                "A joint inspection self-assessment to be completed by the end of the quarter.",
            ),
            Topic(
                "Feedback from children and families",
                "What children and families told agencies this quarter, and what changed as a result.",
                "Members shared examples; the group asked for a common way to report them.",
            ),
        ],
    ),
]

# Share of meetings a person attends, by the agency they represent: some agencies find the time
# much harder to give, and the attendance figures should show it.
DEFAULT_ATTENDANCE = 0.9
ATTENDANCE = {
    "Westbrook Homes": 0.45,
    "Probation Service, West Moorland": 0.55,
    "Northern Moors Ambulance Service NHS Trust": 0.5,
    "Westbrook GP Federation": 0.6,
    "Westbrook Recovery Service": 0.6,
    "Westbrook Academy": 0.65,
    "Hollin Bank Special School": 0.65,
    "Westbrook Community Sports Trust": 0.7,
    "West Moorland Police": 0.95,
    "Westbrook Metropolitan District Council": 0.95,
}

# Where meetings have been held since (one drawn per meeting; online half the time).
LOCATIONS = [
    "Online",
    "Westbrook Town Hall, Committee Room 2",
    "Moorland House, Meeting Room 4",
    "Online",
]

# Where meetings were held in the reference year, when every meeting was a video call.
REFERENCE_YEAR_LOCATION = "Online (video call)"

# Standing items: every agenda opens with these two and closes with the last.
OPENING_ITEMS = ("Welcome, introductions and apologies", "Minutes and action log of the last meeting")
CLOSING_ITEM = "Any other business"

# What the minutes say under the standing items. {chair} is who took the chair.
CHAIR_PRESENT = "The chair"
VICE_IN_THE_CHAIR = "The vice-chair, in the chair,"
WELCOME_MINUTE = "{chair} welcomed members and noted apologies. The meeting was quorate."
LAST_MINUTES_MINUTE = "The minutes of the last meeting were agreed as accurate. The action log was reviewed."
OTHER_BUSINESS_MINUTE = "No other business was raised."
