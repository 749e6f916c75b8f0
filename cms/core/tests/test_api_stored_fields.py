"""`stored()` fields: built from the model field, only from its `public_fields`."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers

from cms.core.api.base import StoredFieldsMixin, stored, stored_field
from cms.core.models import UnitPage


def test_a_field_outside_public_fields_is_refused():
    assert "intro" not in UnitPage.public_fields
    with pytest.raises(ImproperlyConfigured):
        stored_field(UnitPage, "intro")


def test_a_choice_field_gives_its_codes_only():
    field = stored_field(UnitPage, "time_zone")
    assert isinstance(field, serializers.ChoiceField)
    assert all(code == label for code, label in field.choices.items())


def test_a_text_may_be_empty_only_when_the_model_field_may():
    assert stored_field(UnitPage, "address").allow_blank
    assert not stored_field(UnitPage, "city").allow_blank


def test_stored_fields_keep_their_place_and_their_help_text():
    class Serializer(StoredFieldsMixin, serializers.Serializer):
        model = UnitPage

        city = stored()
        extra = serializers.CharField()
        email = stored(help_text="The office address.")

    fields = Serializer().fields
    assert list(fields) == ["city", "extra", "email"]
    assert isinstance(fields["city"], serializers.CharField)
    assert fields["email"].help_text == "The office address."
