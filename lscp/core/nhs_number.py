"""NHS numbers: ten digits, the last a modulus 11 check digit."""

from django.core.exceptions import ValidationError

# The NHS's range for test and synthetic records: numbers starting 999 are never issued.
TEST_RANGE_PREFIX = "999"


def normalise(value: str) -> str:
    """Drop the spaces and hyphens people type (943 476 5919, 943-476-5919)."""
    return "".join(ch for ch in value if ch not in " -")


def check_digit(first_nine: str) -> int | None:
    """NHS Data Dictionary, NHS Number: "multiply each of the first nine digits by a weighting factor
    (10 down to 2), add the results, divide by 11; the check digit is 11 minus the remainder (11
    becomes 0; 10 means the number is invalid)". None when no check digit can make it valid."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    if digit == 10:
        return None
    return digit


def is_valid(value: str) -> bool:
    number = normalise(value)
    if len(number) != 10 or not number.isascii() or not number.isdigit():
        return False
    return check_digit(number[:9]) == int(number[9])


def validate_nhs_number(value: str) -> None:
    number = normalise(value)
    if len(number) != 10 or not number.isascii() or not number.isdigit():
        raise ValidationError("Enter an NHS number with 10 digits, like 943 476 5919", code="nhs_length")
    if check_digit(number[:9]) != int(number[9]):
        raise ValidationError("Enter a valid NHS number: check the digits and try again", code="nhs_check")


def with_check_digit(first_nine: str) -> str | None:
    """The full number for nine digits, or None if those nine can have no valid check digit."""
    digit = check_digit(first_nine)
    return None if digit is None else f"{first_nine}{digit}"
