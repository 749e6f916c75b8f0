"""The entry page declares one text field per proposal section of the data."""

from django.db import models

from innovation import kipp
from innovation.models import InnovationEntryPage


def test_every_proposal_section_has_its_field_with_the_datas_label():
    for section in kipp.proposal_sections():
        field = InnovationEntryPage._meta.get_field(section.key)
        assert isinstance(field, models.TextField)
        assert str(field.verbose_name) == str(section.label)
        assert str(field.help_text) == str(kipp.section_help(section))
