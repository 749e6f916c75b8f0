"""`KeyChoiceBlock` and `MultipleKeyChoiceBlock` read stored values as
Wagtail's own choice blocks do, without walking the choices."""

from __future__ import annotations

from wagtail import blocks

from cms.core.blocks import KeyChoiceBlock, MultipleKeyChoiceBlock
from standards.blocks import ProcedureStepBlock, RequirementBlock
from standards.choices import ActorChoices, ApplicantChoices


def test_a_stored_key_reads_as_wagtails_choice_block_reads_it():
    ours = KeyChoiceBlock(choices=ActorChoices.choices)
    wagtails = blocks.ChoiceBlock(choices=ActorChoices.choices)
    for stored in [*ActorChoices.values, "no-longer-a-choice", "", None]:
        assert ours.to_python(stored) == wagtails.to_python(stored)


def test_stored_keys_of_a_multiple_choice_read_as_wagtails_block_reads_them():
    ours = MultipleKeyChoiceBlock(choices=ApplicantChoices.choices)
    wagtails = blocks.MultipleChoiceBlock(choices=ApplicantChoices.choices)
    for stored in [ApplicantChoices.values, [], ["gone"], None, "wni"]:
        assert ours.to_python(stored) == wagtails.to_python(stored)


def test_a_value_stored_as_a_number_still_goes_through_wagtails_lookup():
    ours = KeyChoiceBlock(choices=[("1", "one"), ("2", "two")])
    assert ours.to_python(2) == "2"


def test_the_standards_choice_fields_use_the_key_blocks():
    assert isinstance(ProcedureStepBlock.base_blocks["actor"], KeyChoiceBlock)
    assert isinstance(
        RequirementBlock.base_blocks["applies_to"], MultipleKeyChoiceBlock
    )
