"""Factories for complaints tests: an adopted protocol with a clause, for citing expectations."""

import factory
from django.utils import timezone

from expectations.models import Clause, ProtocolDocument
from tests.roles.factories import CouncilFactory


class ProtocolDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProtocolDocument

    council = factory.SubFactory(CouncilFactory)
    title = "Member/Officer Protocol"
    version = factory.Sequence(lambda n: f"t{n}")
    status = ProtocolDocument.Status.ADOPTED
    adopted_on = factory.LazyFunction(lambda: timezone.localdate().replace(year=2023))


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clause

    document = factory.SubFactory(ProtocolDocumentFactory)
    number = factory.Sequence(lambda n: f"9.{n}")
    kind = Clause.Kind.EXPECTATION_OF_OFFICERS
    text = "A timely response to enquiries and complaints."


def adopted_clause(council, number: str = "5.3"):  # type: ignore[no-untyped-def]
    """A clause of the council's adopted protocol (reusing the adopted document if the fixtures loaded one)."""
    document = ProtocolDocument.objects.filter(council=council, status=ProtocolDocument.Status.ADOPTED).first()
    if document is None:
        document = ProtocolDocumentFactory(council=council)
    existing = Clause.objects.filter(document=document, number=number).first()
    return existing or ClauseFactory(document=document, number=number)
