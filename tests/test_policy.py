"""Policy loading, inheritance and validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from deid import PolicyError, available_policies, load_policy
from deid.entities import ENTITIES
from deid.decide.policy import ACTIONS

CONF = Path(__file__).parent / "conf" / "policies"
SAFE_HARBOR = set(ENTITIES)


def test_bundled_policies_are_shipped() -> None:
    """The four purposes of the issue (and the shifted research variant) are bundled."""
    assert {"research", "insurer", "limited_data_set", "consultation", "research_shifted"} <= set(
        available_policies()
    )


@pytest.mark.parametrize("name", sorted(available_policies()))
def test_every_bundled_policy_loads_and_fails_safe(name: str) -> None:
    """Each bundled policy validates, has a description, and removes what it does not list."""
    policy = load_policy(name)
    assert policy.description
    assert policy.default_action.action == "remove"
    assert policy.rule_for("SOMETHING_A_PLUGIN_ADDS").action == "remove"


def test_research_is_safe_harbor() -> None:
    """Research keeps no identifier: names, contacts, IDs and places are removed; dates/ages/ZIPs generalized."""
    policy = load_policy("research")
    actions = {e: policy.rule_for(e).action for e in SAFE_HARBOR}
    assert {e for e, a in actions.items() if a == "generalize"} == {"DATE", "DOB", "AGE_OVER_89", "ZIP"}
    assert {a for e, a in actions.items()} <= {"remove", "generalize"}
    assert not policy.needs_key


def test_insurer_keeps_what_a_claim_needs_only() -> None:
    """Insurer keeps client name, member ID, DOB, dates and clinician; removes relatives and client contacts."""
    policy = load_policy("insurer")
    kept = {e for e in SAFE_HARBOR if policy.rule_for(e).action == "keep"}
    assert {"PATIENT", "MEMBER_ID", "DOB", "DATE", "CLINICIAN"} <= kept
    for entity in ("RELATIVE", "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "ORGANIZATION"):
        assert policy.rule_for(entity).action == "remove", entity
    assert policy.authorization_column == "roi_signed"


def test_limited_data_set_keeps_dates_and_city_only() -> None:
    """The limited data set keeps dates, city and ZIP and removes direct identifiers."""
    policy = load_policy("limited_data_set")
    kept = {e for e in SAFE_HARBOR if policy.rule_for(e).action == "keep"}
    assert kept == {"DATE", "DOB", "AGE_OVER_89", "CITY", "ZIP", "LOCATION"}


def test_consultation_pseudonymizes_names_and_shifts_dates() -> None:
    """Consultation gives every person role a surrogate name, shifts dates and needs a key."""
    policy = load_policy("consultation")
    for entity in ("PATIENT", "RELATIVE", "CLINICIAN", "PERSON"):
        assert policy.rule_for(entity).action == "pseudonymize"
    assert policy.rule_for("DATE").action == "shift_date"
    assert policy.needs_key


def test_extends_overrides_entries_and_settings() -> None:
    """A child policy inherits its parent's rules and overrides the ones it names."""
    child = load_policy(CONF / "child.yaml")
    assert child.rule_for("PATIENT").action == "keep"  # from insurer
    phone = child.rule_for("PHONE_NUMBER")
    assert (phone.action, phone.char, phone.keep_last) == ("mask", "#", 4)
    assert child.threshold == 0.5
    assert child.name == "child"
    assert child.content_hash != load_policy("insurer").content_hash


def test_research_shifted_extends_research() -> None:
    """research_shifted changes only the date rules of research."""
    base, shifted = load_policy("research"), load_policy("research_shifted")
    assert shifted.rule_for("DATE").action == "shift_date"
    assert shifted.rule_for("ZIP") == base.rule_for("ZIP")
    assert shifted.needs_key and not base.needs_key


def test_policy_object_passes_through() -> None:
    """A Policy object is accepted as it is."""
    policy = load_policy("research")
    assert load_policy(policy) is policy


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("bad_yaml.yaml", ["bad_yaml.yaml", "invalid YAML", "line"]),
        ("unknown_entity.yaml", ["unknown_entity.yaml", "entities.FAVORITE_COLOR", "unknown entity", "PATIENT"]),
        ("unknown_action.yaml", ["unknown_action.yaml", "entities.DATE", "'blur'", "pseudonymize"]),
        ("bad_option.yaml", ["bad_option.yaml", "entities.PHONE_NUMBER", "keep_last"]),
        ("generalize_name.yaml", ["generalize_name.yaml", "entities.PATIENT", "generalize is defined only"]),
        ("cycle_a.yaml", ["extends: circular"]),
        ("not_a_mapping.yaml", ["not_a_mapping.yaml", "mapping"]),
        ("missing.yaml", ["missing.yaml", "not found"]),
    ],
)
def test_invalid_policies_give_one_clear_message(file: str, expected: list[str]) -> None:
    """Each broken policy fails with one line naming the file and the key at fault."""
    with pytest.raises(PolicyError) as info:
        load_policy(CONF / file)
    message = str(info.value)
    assert "\n" not in message
    for part in expected:
        assert part in message


def test_unknown_policy_name_lists_the_available_ones() -> None:
    """An unknown name says which policies exist."""
    with pytest.raises(PolicyError, match=r"unknown policy 'reserch'; available: .*insurer.*research"):
        load_policy("reserch")


def test_actions_are_the_documented_six() -> None:
    """The action vocabulary matches the README and DESIGN."""
    assert ACTIONS == ("remove", "mask", "pseudonymize", "shift_date", "generalize", "keep")
