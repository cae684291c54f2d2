"""The persisted vectors and the per-process index: kept fresh across processes (two index objects)."""
from __future__ import annotations

import pytest

from zhengxie.intelligence import index as ix
from zhengxie.intelligence.models import ProposalVector
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.tests.builders import build_world
from zhengxie.proposals.workflow import Status

from .product import EDUCATION, GAS, PARKING, PARKING_2, make


@pytest.fixture
def w(city):
    return build_world(city)


def test_a_save_in_one_process_is_seen_by_another(w):
    first, second = ix.ProposalIndex(w.cppcc.pk), ix.ProposalIndex(w.cppcc.pk)  # two server processes
    a = make(w, PARKING)
    make(w, EDUCATION)
    assert {k for k, _ in first.get().top_k(vector=ix.stored_vector(a.pk), k=5)} >= {a.pk}
    assert len(second.get()) == 2

    # "process 1" saves a new proposal (the signal stores its vector); "process 2" sees it on its next request
    b = make(w, PARKING_2)
    hits = second.get().top_k(vector=ix.stored_vector(a.pk), k=3, exclude=[a.pk])
    assert hits[0][0] == b.pk

    # an edit of the text is seen too: the education proposal rewritten about parking moves up
    edu = Proposal.objects.get(title=EDUCATION["title"])
    edu.title, edu.situation, edu.suggestions = GAS["title"], GAS["situation"], GAS["suggestions"]
    edu.save()
    gas_query = ix.ENCODER.encode(GAS["situation"], title=GAS["title"])
    assert first.get().top_k(vector=gas_query, k=1)[0][0] == edu.pk

    # a delete too
    b.delete()
    assert b.pk not in first.get() and b.pk not in second.get()


def test_only_text_changes_rewrite_the_vector_and_drafts_are_not_indexed(w):
    p = make(w, PARKING, status=Status.DRAFT)
    assert not ProposalVector.objects.filter(proposal=p).exists()
    p.status = Status.SUBMITTED
    p.save()
    row = ProposalVector.objects.get(proposal=p)
    p.status = Status.RECEIVED  # a state change leaves the vector (and the version stamp) alone
    p.save()
    assert ProposalVector.objects.get(proposal=p).nonce == row.nonce
    before = ix.stamp(w.cppcc.pk)
    p.suggestions += "四是加强停车秩序管理。"
    p.save()
    assert ProposalVector.objects.get(proposal=p).nonce != row.nonce
    assert ix.stamp(w.cppcc.pk) != before


def test_rows_written_in_bulk_are_caught_up_on_the_next_request(w):
    p = make(w, PARKING)
    Proposal.objects.bulk_create([Proposal(
        cppcc=w.cppcc, meeting=w.meeting, title=GAS["title"], situation=GAS["situation"], suggestions=GAS["suggestions"],
        status=Status.FILED, proposer_type=p.proposer_type, lead_member=p.lead_member)])
    idx = ix.ProposalIndex(w.cppcc.pk)
    assert len(idx.get()) == 2
    assert ProposalVector.objects.filter(cppcc=w.cppcc).count() == 2


def test_memory_is_reported(w):
    make(w, PARKING)
    idx = ix.ProposalIndex(w.cppcc.pk)
    idx.get()
    assert 0 < idx.memory_bytes() < 50_000_000
