import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lscp.core.nhs_number import is_valid, validate_nhs_number, with_check_digit


def test_known_valid_number():
    assert is_valid("943 476 5919")
    validate_nhs_number("9434765919")


@pytest.mark.parametrize(
    "value", ["9434765918", "943476591", "94347659190", "94347659a9", "１２３４５６７８９０"]
)
def test_invalid_numbers_are_refused(value):
    assert not is_valid(value)
    with pytest.raises(ValidationError):
        validate_nhs_number(value)


def test_a_remainder_of_ten_has_no_valid_check_digit():
    # 999000003: weights give a total whose check digit would be 10.
    nine = next(f"999{n:06d}" for n in range(1000) if with_check_digit(f"999{n:06d}") is None)
    assert with_check_digit(nine) is None
    assert not any(is_valid(nine + str(d)) for d in range(10))


@given(st.integers(min_value=0, max_value=999_999))
def test_test_range_numbers_with_their_check_digit_are_valid(n):
    number = with_check_digit(f"999{n:06d}")
    if number is not None:
        assert is_valid(number)
        wrong = number[:9] + str((int(number[9]) + 1) % 10)
        assert not is_valid(wrong)
