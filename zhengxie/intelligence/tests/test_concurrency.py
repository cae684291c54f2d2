"""Concurrent writers and readers of the stored vectors (real transactions in threads; PostgreSQL in CI)."""
from __future__ import annotations

import pytest

from zhengxie.intelligence import index as ix
from zhengxie.intelligence.models import ProposalVector
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.tests.builders import build_world
from zhengxie.proposals.tests.test_concurrency import run_together
from zhengxie.proposals.workflow import Status

from .product import EDUCATION, GAS, PARKING, make

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_catch_up_and_saves_leave_one_current_row_each(city):
    w = build_world(city)
    texts = [PARKING, EDUCATION, GAS] * 3
    made = Proposal.objects.bulk_create([Proposal(
        cppcc=city, meeting=w.meeting, title=t["title"], situation=t["situation"], suggestions=t["suggestions"],
        status=Status.FILED, proposer_type="individual", lead_member=w.users["member"].member) for t in texts])
    edited = made[0]

    def edit():
        p = Proposal.objects.get(pk=edited.pk)
        p.suggestions += "四是加强停车执法。"
        p.save()

    results = run_together([lambda: ix.backfill(city.pk), lambda: ix.backfill(city.pk), edit,
                            lambda: len(ix.ProposalIndex(city.pk).get())])
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert ProposalVector.objects.filter(cppcc=city).count() == len(texts)
    # whichever writer came last, the stored vector of the edited proposal is the one of its current text
    p = Proposal.objects.get(pk=edited.pk)
    ix.sync_vector(p)
    assert ProposalVector.objects.get(proposal=p).text_hash == ix.text_hash(p.title, ix.proposal_body(p))
    fresh = ix.ProposalIndex(city.pk)
    assert len(fresh.get()) == len(texts)
    make(w, PARKING)
    assert len(fresh.get()) == len(texts) + 1
