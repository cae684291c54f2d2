import pytest

from zhengxie.intelligence.metrics import CLUSTERS_FIXTURE, DATA_DIR, FIXTURES, read_clusters, read_csv


@pytest.fixture(scope="session")
def labeled():
    return read_csv(DATA_DIR / "labeled.csv")


@pytest.fixture(scope="session")
def messages():
    return read_csv(DATA_DIR / "messages.csv")


@pytest.fixture(scope="session")
def replies():
    return {r["id"]: r for r in read_csv(DATA_DIR / "replies.csv")}


@pytest.fixture(scope="session")
def taxonomy():
    return [(r["level1"], r["level2"], r["level3"]) for r in read_csv(DATA_DIR / "taxonomy.csv")]


@pytest.fixture(scope="session")
def clusters():
    return read_clusters(CLUSTERS_FIXTURE)


@pytest.fixture(scope="session")
def cluster_reasons():
    return read_csv(FIXTURES / "similar_clusters_reasons.csv")


@pytest.fixture(scope="session")
def hint_labels():
    return read_csv(FIXTURES / "reply_hints_labels.csv")


@pytest.fixture(scope="session")
def split(labeled):
    """A fixed 80/20 split of labeled.csv (every 5th row held out)."""
    train = [r for i, r in enumerate(labeled) if i % 5]
    test = [r for i, r in enumerate(labeled) if not i % 5]
    return train, test


@pytest.fixture(scope="session")
def router(split, taxonomy):
    from zhengxie.intelligence.routing import Router

    train, _ = split
    return Router(self_training_per_class=0).fit(
        [(r["title"], r["detail"]) for r in train], [r["category"] for r in train], taxonomy=taxonomy
    )
