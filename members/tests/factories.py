import datetime as dt

import factory

from cluster_portal.core.roles import Role
from members.models import Cluster, EnlargedGroup, Membership, NormativeDocument, Organization, Person, Sector, User


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("short_name",)

    kind = "employer"
    short_name = factory.Sequence(lambda n: f"ООО «Предприятие {n}»")
    name = factory.LazyAttribute(lambda o: f"{o.short_name} (полное)")
    town = "Томск"


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Кластер {n}")
    short_name = factory.Sequence(lambda n: f"Кластер {n}")
    region = "Томская область"
    region_genitive = "Томской области"
    town = "Томск"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cluster = factory.SubFactory(ClusterFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "employer"


class EnlargedGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnlargedGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 89) + 10:02d}.00.00")
    name = factory.Sequence(lambda n: f"Группа {n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    cluster = factory.SubFactory(ClusterFactory)
    name = factory.Sequence(lambda n: f"Отрасль {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    last_name = factory.Sequence(lambda n: f"Иванов{n}")
    first_name = "Иван"
    middle_name = "Иванович"
    organization = factory.SubFactory(OrganizationFactory)


class NormativeDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NormativeDocument

    cluster = factory.SubFactory(ClusterFactory)
    kind = "order"
    title = factory.Sequence(lambda n: f"О документе {n}")
    number = factory.Sequence(str)
    date = dt.date(2021, 8, 21)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.OBSERVER
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pass-12345")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
