import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from zhengxie import textindex
from zhengxie.accounts.models import Organisation
from zhengxie.members.models import Member
from zhengxie.textindex import registry
from zhengxie.textindex.models import IndexEntry

from .conftest import CORPUS


def test_a_model_registers_its_fields_with_weights(org_search):
    reg = textindex.registration_for(Organisation)
    assert reg.fields == {"name": "A", "duty": "C"}
    assert textindex.is_registered(Organisation)


def test_numeric_weights_map_to_the_nearest_letter():
    assert [registry.weight_letter(w) for w in (1, 0.5, 0.2, 0.05, "b")] == ["A", "B", "C", "D", "B"]
    with pytest.raises(ImproperlyConfigured, match="A、B、C、D"):
        registry.weight_letter("E")


def test_registering_twice_is_a_configuration_error(org_search):
    with pytest.raises(ImproperlyConfigured, match="已登记全文检索"):
        textindex.register(Organisation, fields={"name": "A"}, document=lambda o: {"name": o.name})


def test_a_document_with_undeclared_fields_is_refused(org_search, city):
    registry._registry.pop(Organisation._meta.label)
    textindex.register(Organisation, fields={"name": "A"}, document=lambda o: {"name": o.name, "phone": o.phone})
    org = Organisation.objects.create(cppcc=city, name="市教育局", kind=Organisation.Kind.HANDLING_UNIT)
    with pytest.raises(ImproperlyConfigured, match="phone"):
        textindex.index(org)


def test_facet_names_must_be_plain_identifiers():
    assert registry.facet_values({"year": 2025, "units": [3, 1, 3], "empty": None, "ok": True}) == {
        "year": "2025", "units": ["1", "3"], "ok": "1"
    }
    with pytest.raises(ValueError, match="筛选项名称不合法"):
        registry.facet_values({"bad key'": 1})


def test_a_model_related_to_its_cppcc_through_another_field_can_register(city):
    reg = registry.Registration(model=Member, fields={"name": "A"}, document=lambda m: {"name": m.name},
                                filters=None, cppcc_field="user__cppcc", queryset=None)

    class Holder:
        class user:
            cppcc_id = 7

    assert reg.cppcc_id_of(Holder) == 7


def test_member_records_can_be_indexed_and_searched(city):
    from zhengxie.core.testing import make_member

    label = Member._meta.label
    previous = registry._registry.pop(label, None)
    try:
        textindex.register(Member, fields={"name": "A", "employer": "B", "specialty": "C"},
                           document=lambda m: {"name": m.name, "employer": m.employer, "specialty": m.specialty},
                           queryset=lambda qs: qs.select_related("cppcc"))
        member = make_member(city, "王建国", employer="长治市第一人民医院", specialty="医疗卫生、医保")
        assert textindex.reindex(Member) == 1
        for query in ("人民医院", "王建国 医保", "医保"):
            assert [oid for oid, _ in textindex.search(Member, query, cppcc=city)] == [member.pk]
        assert textindex.search(Member, "教育", cppcc=city) == []
    finally:
        registry._registry.pop(label, None)
        if previous is not None:
            registry._registry[label] = previous


def test_the_rebuild_command_reindexes_every_registered_model(corpus, city):
    IndexEntry.objects.all().delete()
    out = io.StringIO()
    call_command("textindex_rebuild", stdout=out)
    assert f"已重建 accounts.Organisation：{len(CORPUS)} 条" in out.getvalue()
    assert textindex.search(Organisation, "光伏", cppcc=city)


def test_the_rebuild_command_can_be_limited_to_a_model_and_a_cppcc(corpus, city):
    out = io.StringIO()
    call_command("textindex_rebuild", "accounts.organisation", "--cppcc", city.code, stdout=out)
    assert "accounts.Organisation" in out.getvalue()


def test_the_rebuild_command_names_what_it_does_not_know(org_search, city):
    with pytest.raises(CommandError, match="未登记全文检索的模型：core.auditlog"):
        call_command("textindex_rebuild", "core.AuditLog")
    with pytest.raises(CommandError, match="没有代码为 nowhere 的政协"):
        call_command("textindex_rebuild", "--cppcc", "nowhere")
