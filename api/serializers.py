"""What the API returns for each resource. Bilingual texts carry both versions (`name_en`,
`name_fr`), as GC InfoBase does; fiscal years are given as their start year and their label
("2013-14")."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fiscal import FiscalYear
from engagements.models import Engagement, Evidence, Position, Theme
from events.models import LEVEL_RANK, Assessment, Event
from forums.models import Forum, Meeting, OutcomeDocument
from indicators.models import Indicator, ProgramResource, Result, Target
from partners.models import (
    AgreementAmount,
    ContributionAgreement,
    Organization,
    ReportingRequirement,
    ServiceLine,
    ServiceVolume,
    TransferPayment,
)


class FiscalYearLabelField(serializers.ReadOnlyField):
    """A fiscal year's start year (an integer column) as its label, "2013-14"."""

    def to_representation(self, value):
        return FiscalYear(value).label_en


extend_schema_field(OpenApiTypes.STR)(FiscalYearLabelField)


# --- forums and meetings --------------------------------------------------------------------------


class ForumSerializer(serializers.ModelSerializer):
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Forum
        fields = [
            "id",
            "acronym_en",
            "acronym_fr",
            "name_en",
            "name_fr",
            "kind",
            "scope",
            "parent",
            "year_established",
            "secretariat",
            "is_active",
            "meeting_count",
        ]


class OutcomeDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutcomeDocument
        fields = ["id", "kind", "title_en", "title_fr", "reference", "adopted_on"]


class MeetingSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)
    outcome_documents = OutcomeDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "forum",
            "name_en",
            "name_fr",
            "start_date",
            "end_date",
            "city",
            "city_fr",
            "country",
            "chair",
            "is_important",
            "importance",
            "importance_decided_on",
            "outcome_documents",
        ]


class PlanMeetingSerializer(serializers.ModelSerializer):
    """A meeting of the year's plan, with what the reader may see of the work at it: the
    engagements there, the positions planned (not yet approved) and delivered (approved), those
    awaiting an outcome, and those overdue (awaiting long after the meeting ended)."""

    timing = serializers.ChoiceField(
        choices=["upcoming", "under_way", "past"],
        read_only=True,
        help_text="upcoming, under_way, past",
    )
    identified_late = serializers.BooleanField(read_only=True)
    n_engagements = serializers.IntegerField(read_only=True)
    n_planned = serializers.IntegerField(read_only=True)
    n_delivered = serializers.IntegerField(read_only=True)
    n_awaiting = serializers.IntegerField(read_only=True)
    n_overdue = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "forum",
            "name_en",
            "name_fr",
            "start_date",
            "end_date",
            "timing",
            "is_important",
            "importance",
            "importance_decided_on",
            "identified_late",
            "n_engagements",
            "n_planned",
            "n_delivered",
            "n_awaiting",
            "n_overdue",
        ]


# --- partners and agreements ----------------------------------------------------------------------


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "kind", "acronym_en", "acronym_fr", "name_en", "name_fr", "website"]
        fields += ["is_active"]


class TransferPaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = TransferPayment
        fields = ["id", "code", "kind", "name_en", "name_fr", "is_active"]


class AgreementAmountSerializer(serializers.ModelSerializer):
    fiscal_year_label = FiscalYearLabelField(source="fiscal_year")

    class Meta:
        model = AgreementAmount
        fields = ["fiscal_year", "fiscal_year_label", "authorized", "actual"]


class ReportingRequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingRequirement
        fields = ["id", "kind", "description", "due_date", "received_date"]


class AgreementSerializer(serializers.ModelSerializer):
    authorized_total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    actual_total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    amounts = AgreementAmountSerializer(many=True, read_only=True)
    reports = ReportingRequirementSerializer(many=True, read_only=True)

    class Meta:
        model = ContributionAgreement
        fields = [
            "id",
            "number",
            "transfer_payment",
            "recipient",
            "recipient_other_en",
            "recipient_other_fr",
            "purpose_en",
            "purpose_fr",
            "start_date",
            "end_date",
            "total_amount",
            "status",
            "authorized_total",
            "actual_total",
            "amounts",
            "reports",
        ]


# --- services Canada uses from IOM and UNHCR ---------------------------------------------------


class ServiceVolumeSerializer(serializers.ModelSerializer):
    """What a service line delivered in one fiscal year; each figure empty until entered."""

    fiscal_year_label = FiscalYearLabelField(source="fiscal_year")

    class Meta:
        model = ServiceVolume
        fields = [
            "fiscal_year",
            "fiscal_year_label",
            "people_served",
            "sessions",
            "referrals",
            "amount",
            "note",
        ]


class ServiceLineSerializer(serializers.ModelSerializer):
    """A service line with the sums its page shows (of the fiscal year filtered on, or of every
    year) and its volumes for each fiscal year recorded."""

    people_served_total = serializers.IntegerField(read_only=True, allow_null=True)
    sessions_total = serializers.IntegerField(read_only=True, allow_null=True)
    referrals_total = serializers.IntegerField(read_only=True, allow_null=True)
    amount_total = serializers.DecimalField(
        max_digits=16, decimal_places=2, read_only=True, allow_null=True
    )
    years_recorded = serializers.IntegerField(read_only=True)
    volumes = ServiceVolumeSerializer(many=True, read_only=True)

    class Meta:
        model = ServiceLine
        fields = [
            "id",
            "kind",
            "name_en",
            "name_fr",
            "description_en",
            "description_fr",
            "partner",
            "department",
            "program_en",
            "program_fr",
            "start_date",
            "end_date",
            "budget",
            "agreement",
            "transfer_payment",
            "source_name_en",
            "source_name_fr",
            "source_url",
            "people_served_total",
            "sessions_total",
            "referrals_total",
            "amount_total",
            "years_recorded",
            "volumes",
        ]


# --- engagements ----------------------------------------------------------------------------------


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "code", "name_en", "name_fr"]


class PositionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Position
        fields = [
            "id",
            "text",
            "theme",
            "outcome_document",
            "outcome",
            "outcome_note",
            "outcome_reference",
            "sort_order",
            "set_late",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    """What is known about an evidence file, never its content."""

    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class RelatedValuesField(serializers.ReadOnlyField):
    """An engagement's related rows as the values api.selectors.attach_engagement_relations
    gave it (`api_<name>`): already what their serializer below would write, documented by it."""


@extend_schema_field(ThemeSerializer(many=True))
class ThemesField(RelatedValuesField):
    pass


@extend_schema_field(PositionSerializer(many=True))
class PositionsField(RelatedValuesField):
    pass


@extend_schema_field(EvidenceSerializer(many=True))
class EvidenceField(RelatedValuesField):
    pass


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class PartnersField(RelatedValuesField):
    pass


class EngagementSerializer(serializers.ModelSerializer):
    """An engagement (the view first attaches its related rows, one query each per page)."""

    fiscal_year_label = FiscalYearLabelField(source="fiscal_year")
    lead_officer = serializers.SerializerMethodField()
    themes = ThemesField(source="api_themes")
    positions = PositionsField(source="api_positions")
    evidence = EvidenceField(source="api_evidence")
    partners = PartnersField(source="api_partners")

    class Meta:
        model = Engagement
        fields = [
            "id",
            "kind",
            "leadership_role",
            "forum",
            "meeting",
            "agreement",
            "partners",
            "start_date",
            "end_date",
            "fiscal_year",
            "fiscal_year_label",
            "city",
            "lead_officer",
            "summary",
            "language",
            "status",
            "outcome_step",
            "themes",
            "positions",
            "evidence",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_lead_officer(self, engagement) -> str:
        user = engagement.lead_officer
        return user.get_full_name() or user.username


# --- international events -------------------------------------------------------------------------


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assessment
        fields = ["effect", "level", "note", "language", "assessed_on"]


LEVEL_OF_RANK = {rank: level for level, rank in LEVEL_RANK.items()}


class EventSerializer(serializers.ModelSerializer):
    """An international event watched, its sourced figure, its assessment per program and the
    engagements that addressed it among those the reader may see (as on the event's page)."""

    countries = serializers.SerializerMethodField()
    level = serializers.SerializerMethodField()
    followed_by = serializers.SerializerMethodField()
    assessments = AssessmentSerializer(many=True, read_only=True)
    forums = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    engagements = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "kind",
            "title_en",
            "title_fr",
            "summary_en",
            "summary_fr",
            "countries",
            "region",
            "start_date",
            "end_date",
            "status",
            "source_name_en",
            "source_name_fr",
            "source_url",
            "displaced",
            "displaced_on",
            "displaced_source_name",
            "displaced_source_url",
            "followed_by",
            "next_review",
            "level",
            "assessments",
            "forums",
            "engagements",
        ]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_countries(self, event) -> list[str]:
        """ISO 3166-1 alpha-2 codes."""
        return [country.code for country in event.countries]

    @extend_schema_field(
        {"type": "string", "enum": [level.value for level in LEVEL_RANK], "nullable": True}
    )
    def get_level(self, event) -> str | None:
        """The highest level assessed for any program, if assessed."""
        return LEVEL_OF_RANK.get(event.level_rank)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_followed_by(self, event) -> str | None:
        user = event.followed_by
        return (user.get_full_name() or user.username) if user else None

    @extend_schema_field({"type": "array", "items": {"type": "integer"}})
    def get_engagements(self, event) -> list[int]:
        return [response.engagement_id for response in event.visible_responses]


# --- indicators -----------------------------------------------------------------------------------


class TargetSerializer(serializers.ModelSerializer):
    fiscal_year_label = FiscalYearLabelField(source="fiscal_year")

    class Meta:
        model = Target
        fields = [
            "fiscal_year",
            "fiscal_year_label",
            "target_type",
            "target_min",
            "target_max",
            "narrative_en",
            "narrative_fr",
            "target_year",
            "target_month",
            "doc",
        ]


class ResultSerializer(serializers.ModelSerializer):
    fiscal_year_label = FiscalYearLabelField(source="fiscal_year")

    class Meta:
        model = Result
        fields = [
            "fiscal_year",
            "fiscal_year_label",
            "is_percentage",
            "value",
            "numerator",
            "denominator",
            "lenient_value",
            "lenient_numerator",
            "actual_result_en",
            "actual_result_fr",
            "status",
            "explanation_en",
            "explanation_fr",
            "recorded_at",
            "revised_at",
        ]


class FigureLinkSerializer(serializers.Serializer):
    name = serializers.CharField()
    count = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    url = serializers.URLField(help_text="The drill-down page listing the records behind it.")


class YearFiguresSerializer(serializers.Serializer):
    """An indicator in one fiscal year: the live figures (computed indicators) beside the recorded
    result and the status shown on the pages."""

    fiscal_year = serializers.IntegerField()
    fiscal_year_label = serializers.CharField()
    numerator = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    denominator = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    live_value = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    pending = serializers.IntegerField(allow_null=True)
    awaiting = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    live_status = serializers.CharField()
    recorded = serializers.BooleanField()
    url = serializers.URLField(help_text="The indicator's page for the year.")
    figures = FigureLinkSerializer(many=True)


class IndicatorSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(source="outcome.code", read_only=True)
    is_computed = serializers.BooleanField(read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    results = ResultSerializer(many=True, read_only=True)
    years = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "outcome",
            "kind",
            "name_en",
            "name_fr",
            "definition_en",
            "definition_fr",
            "methodology_en",
            "methodology_fr",
            "data_source_en",
            "data_source_fr",
            "frequency_en",
            "frequency_fr",
            "target_type",
            "seeking_to",
            "baseline_en",
            "baseline_fr",
            "measurement",
            "is_computed",
            "is_active",
            "targets",
            "results",
            "years",
        ]

    @extend_schema_field(YearFiguresSerializer(many=True))
    def get_years(self, indicator):
        trend = self.context["trends"][indicator.pk]
        return YearFiguresSerializer(
            [self.context["year_figures"](indicator, trend, r) for r in trend.readings], many=True
        ).data


class ProgramResourceSerializer(serializers.ModelSerializer):
    program = serializers.CharField(source="program.code", read_only=True)
    fiscal_year_label = FiscalYearLabelField(source="fiscal_year")

    class Meta:
        model = ProgramResource
        fields = [
            "id",
            "program",
            "fiscal_year",
            "fiscal_year_label",
            "planned_spending",
            "authorities",
            "actual_spending",
            "planned_ftes",
            "actual_ftes",
            "source",
        ]


class InfoBaseRowSerializer(serializers.Serializer):
    """A row of GC InfoBase's indicator dataset, its columns as GC InfoBase names them."""

    id = serializers.CharField()
    result_id = serializers.CharField()
    name_en = serializers.CharField()
    name_fr = serializers.CharField()
    target_year = serializers.CharField(allow_blank=True)
    target_month = serializers.CharField(allow_blank=True)
    explanation_en = serializers.CharField(allow_blank=True)
    explanation_fr = serializers.CharField(allow_blank=True)
    target_type = serializers.CharField(allow_blank=True)
    target_min = serializers.CharField(allow_blank=True)
    target_max = serializers.CharField(allow_blank=True)
    target_narrative_en = serializers.CharField(allow_blank=True)
    target_narrative_fr = serializers.CharField(allow_blank=True)
    doc = serializers.CharField(allow_blank=True)
    actual_datatype = serializers.CharField(allow_blank=True)
    actual_result_en = serializers.CharField(allow_blank=True)
    actual_result_fr = serializers.CharField(allow_blank=True)
    status_color = serializers.CharField(allow_blank=True)
    status_period = serializers.CharField(allow_blank=True)
