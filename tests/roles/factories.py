import factory
from django.utils import timezone

from roles.models import Appointment, Council, Office, Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person-{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda p: f"{p.username}@example.invalid")
    password = factory.django.Password("pw-for-tests-1")


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Test Council {n}")
    slug = factory.Sequence(lambda n: f"test-council-{n}")
    code = factory.Sequence(lambda n: f"t{n}")
    tier = Council.Tier.PARISH


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Office {n}")
    slug = factory.Sequence(lambda n: f"office-{n}")
    kind = Office.Kind.OFFICER


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    office = factory.SubFactory(OfficeFactory)
    basis = Appointment.Basis.EMPLOYED
    start_date = factory.LazyFunction(lambda: timezone.localdate().replace(year=timezone.localdate().year - 1))
