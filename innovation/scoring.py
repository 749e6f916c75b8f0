"""Panel scores: weighted totals per panel member, means and the ranking.

Each panel member scores every weighted proposal section from 0 to 100. A
member's total is the weighted sum divided by 100 (weights from kipp.yaml sum
to 100, so totals run from 0 to 100); an entry's score is the mean of its
members' totals. A criterion a member left unscored counts as 0. All of it is
computed in the database.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from cms.core.translation import default_language

from . import kipp
from .models import (
    CriterionScore,
    InnovationEntryPage,
    ScoreSheet,
    stage_rank_expression,
)


def weight_expression(field: str = "criterion") -> Case:
    """The weight of a score row's criterion, as a database expression."""
    whens = [
        When(**{field: key}, then=Value(weight))
        for key, weight in kipp.section_weights().items()
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def sheets_with_totals(entry: InnovationEntryPage) -> QuerySet[ScoreSheet]:
    """The entry's score sheets, each annotated with `total` (0..100)."""
    weighted = Sum(F("scores__value") * weight_expression("scores__criterion"))
    return (
        ScoreSheet.objects.filter(entry=entry.source_entry())
        .select_related("member")
        .annotate(total=Cast(Coalesce(weighted, Value(0)), FloatField()) / Value(100.0))
        .order_by("member__username")
    )


def ranking(year: int) -> QuerySet[InnovationEntryPage]:
    """Submitted entries of `year` in the default language, best mean first.

    Each entry is annotated with `members` (how many panel members scored it),
    `weighted_sum` (sum of weight × score over all its scores) and `mean_score`
    (the mean of the members' totals; None when nobody scored it).
    """
    weighted = Sum(
        F("score_sheets__scores__value")
        * weight_expression("score_sheets__scores__criterion")
    )
    members = Count("score_sheets", distinct=True)
    return (
        InnovationEntryPage.objects.filter(
            competition_year=year, locale__language_code=default_language()
        )
        .exclude(stage=kipp.DRAFT)
        .annotate(members=members, weighted_sum=Coalesce(weighted, Value(0)))
        .annotate(
            mean_score=Case(
                When(members=0, then=Value(None)),
                default=Cast(F("weighted_sum"), FloatField())
                / (Cast(F("members"), FloatField()) * Value(100.0)),
                output_field=FloatField(),
            ),
            stage_rank=stage_rank_expression(),
        )
        .order_by(F("mean_score").desc(nulls_last=True), "-stage_rank", "title")
    )


@transaction.atomic
def save_scores(
    entry: InnovationEntryPage, member: AbstractBaseUser, scores: dict[str, int]
) -> ScoreSheet:
    """Create or replace `member`'s scores of `entry` (criterion key → 0..100)."""
    weights = kipp.section_weights()
    sheet, _ = ScoreSheet.objects.get_or_create(
        entry=entry.source_entry(), member=member
    )
    for key, value in scores.items():
        if key not in weights:
            raise ValueError(key)
        if not 0 <= int(value) <= 100:
            raise ValueError(value)
        CriterionScore.objects.update_or_create(
            sheet=sheet, criterion=key, defaults={"value": int(value)}
        )
    sheet.save(update_fields=["updated_at"])
    return sheet
