"""The evaluation on the day, the impact follow-up and the line manager's answer."""

from django import forms

from lscp.learning.models import Evaluation, FollowUp, UsedLearning


def _scale(words: tuple[str, str, str, str, str]) -> list[tuple[int, str]]:
    return [(n, f"{n}: {word}") for n, word in enumerate(words, start=1)]


QUALITY = _scale(("Very poor", "Poor", "Satisfactory", "Good", "Excellent"))
RELEVANCE = _scale(("Not relevant", "A little relevant", "Quite relevant", "Relevant", "Very relevant"))
LEVEL = _scale(("Very low", "Low", "Moderate", "High", "Very high"))
IMPACT = _scale(("No impact", "A little", "Some", "A lot", "A great deal"))
YES_NO = [("yes", "Yes"), ("no", "No")]


def rating(label: str, scale: list[tuple[int, str]], missing: str, help_text: str = "") -> forms.Field:
    return forms.TypedChoiceField(
        label=label,
        choices=scale,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": missing, "invalid_choice": missing},
    )


class EvaluationForm(forms.ModelForm):
    # The questions, in the groups the page shows them in (headings in the template).
    ABOUT_THE_SESSION = ("quality", "relevance")
    BEFORE_AND_AFTER = ("knowledge_before", "knowledge_after", "confidence_before", "confidence_after")
    WHAT_NEXT = ("improved", "will_do_differently", "comments")

    quality = rating("How good was the session?", QUALITY, "Select how good the session was")
    relevance = rating("How relevant was it to your work?", RELEVANCE, "Select how relevant it was")
    knowledge_before = rating(
        "My knowledge of the subject before the session",
        LEVEL,
        "Select how much you knew about the subject before the session",
    )
    knowledge_after = rating(
        "My knowledge of the subject after the session",
        LEVEL,
        "Select how much you know about the subject after the session",
    )
    confidence_before = rating(
        "My confidence to act on it before the session",
        LEVEL,
        "Select how confident you were before the session",
    )
    confidence_after = rating(
        "My confidence to act on it after the session",
        LEVEL,
        "Select how confident you are after the session",
    )
    improved = forms.TypedChoiceField(
        label="My skills and knowledge improved",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if your skills and knowledge improved",
            "invalid_choice": "Select yes if your skills and knowledge improved",
        },
    )
    will_do_differently = forms.CharField(
        label="What will you do differently in your work?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "What you will do differently must be 5,000 characters or fewer"},
    )
    comments = forms.CharField(
        label="Any other comments (optional)",
        help_text="About the trainer, the materials or the arrangements.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your comments must be 5,000 characters or fewer"},
    )

    class Meta:
        model = Evaluation
        fields = [
            "quality",
            "relevance",
            "knowledge_before",
            "knowledge_after",
            "confidence_before",
            "confidence_after",
            "improved",
            "will_do_differently",
            "comments",
        ]

    def groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(heading, introduction, fields) for the page."""
        return [
            ("About the session", "", [self[name] for name in self.ABOUT_THE_SESSION]),
            (
                "Before and after",
                "Rate each from 1 (very low) to 5 (very high), thinking of the subject the session covered.",
                [self[name] for name in self.BEFORE_AND_AFTER],
            ),
            ("What happens next", "", [self[name] for name in self.WHAT_NEXT]),
        ]


class FollowUpForm(forms.ModelForm):
    used_learning = forms.ChoiceField(
        label="Have you used what you learned in your work?",
        choices=UsedLearning.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you have used what you learned",
            "invalid_choice": "Select whether you have used what you learned",
        },
    )
    example = forms.CharField(
        label="Give an example of what changed for a child or family",
        help_text=(
            "Do not name the child or family, or give details that would identify them. "
            "The partnership may quote examples in its reports."
        ),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "The example must be 5,000 characters or fewer"},
    )
    impact = rating(
        "How much has the learning changed your practice?",
        IMPACT,
        "Select how much the learning has changed your practice",
    )

    class Meta:
        model = FollowUp
        fields = ["used_learning", "example", "impact"]


class ManagerFollowUpForm(forms.Form):
    from_line_manager = forms.CharField(
        label="What difference has the learning made to their practice?",
        help_text=(
            "What you have seen change in their work with children and families. "
            "Do not name the child or family, or give details that would identify them."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter what difference the learning has made to their practice",
            "max_length": "Your answer must be 5,000 characters or fewer",
        },
    )
