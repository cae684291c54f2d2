"""Routing: which kind of department (taxonomy level-1 category) should handle a text.

Model (chosen by 5-fold CV on labeled.csv, figures in docs/intelligence.md §1):

* features: TF-IDF (sublinear) of character 1–3-grams of "title×3 + detail" plus TF-IDF of its jieba
  words; the vocabulary and IDF are fitted on every text available (training texts, unlabelled texts,
  taxonomy pseudo-documents) – no labels are used for that;
* taxonomy prior: every level-2/level-3 path of the taxonomy (`城市建设和市政管理 燃气供应`) is a short
  pseudo-document of its level-1 class, added `taxonomy_reps` times with weight `taxonomy_weight`;
* classifier: a linear SVM (one-vs-rest, C=1);
* self-training: the unlabelled texts are classified once, and the `self_training_per_class` most
  confident texts of each predicted class are added as training examples, then the SVM is refitted.

`Router.rank(title, detail)` gives the classes best first with the n-grams/words that contributed
most to each score (explanations for staff).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .text import words

Doc = tuple[str, str]  # (title, detail)


@dataclass
class Ranked:
    label: str
    score: float
    because: list[str]


def _words_analyzer(text: str) -> list[str]:
    return words(text)


class Router:
    def __init__(self, *, title_weight: int = 3, ngram_range=(1, 3), word_weight: float = 1.0,
                 taxonomy_weight: float = 0.5, taxonomy_reps: int = 3, self_training_per_class: int = 100,
                 self_training_weight: float = 1.0, C: float = 1.0, min_df: int = 2):
        self.title_weight = title_weight
        self.ngram_range = ngram_range
        self.word_weight = word_weight
        self.taxonomy_weight = taxonomy_weight
        self.taxonomy_reps = taxonomy_reps
        self.self_training_per_class = self_training_per_class
        self.self_training_weight = self_training_weight
        self.C = C
        self.min_df = min_df
        self.classes_: np.ndarray | None = None

    def _text(self, doc: Doc) -> str:
        title, detail = doc
        return ((title or "") + "。") * self.title_weight + (detail or "")

    def _transform(self, docs: Sequence[Doc]):
        texts = [self._text(d) for d in docs]
        X = self._chars.transform(texts)
        if self.word_weight:
            X = sp.hstack([X, self.word_weight * self._words.transform(texts)]).tocsr()
        return X

    def fit(self, docs: Sequence[Doc], labels: Sequence[str], *, taxonomy: Iterable[tuple[str, str, str]] = (),
            unlabeled: Sequence[Doc] = ()) -> Router:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        labels = np.asarray(labels)
        classes = sorted(set(labels.tolist()))
        tax_docs, tax_labels = [], []
        for level1, level2, level3 in taxonomy:
            if level1 in classes:
                tax_docs.append((level2 if level3 in ("其他", "") else f"{level2} {level3}", ""))
                tax_labels.append(level1)
        fit_texts = [self._text(d) for d in list(docs) + list(unlabeled) + tax_docs]
        self._chars = TfidfVectorizer(analyzer="char", ngram_range=self.ngram_range, sublinear_tf=True,
                                      min_df=min(self.min_df, len(fit_texts)))
        self._chars.fit(fit_texts)
        if self.word_weight:
            self._words = TfidfVectorizer(analyzer=_words_analyzer, sublinear_tf=True,
                                          min_df=min(self.min_df, len(fit_texts)))
            self._words.fit(fit_texts)
        X = self._transform(docs)
        y = labels
        if tax_docs and self.taxonomy_reps:
            XT = self._transform(tax_docs) * self.taxonomy_weight
            X = sp.vstack([X] + [XT] * self.taxonomy_reps).tocsr()
            y = np.concatenate([y] + [np.asarray(tax_labels)] * self.taxonomy_reps)
        clf = LinearSVC(C=self.C).fit(X, y)
        if len(unlabeled) and self.self_training_per_class and len(classes) > 2:
            XU = self._transform(unlabeled)
            s = clf.decision_function(XU)
            ordered = np.sort(s, axis=1)
            margin = ordered[:, -1] - ordered[:, -2]
            pred = s.argmax(axis=1)
            keep = []
            for c in range(len(clf.classes_)):
                idx = np.where(pred == c)[0]
                keep.extend(idx[np.argsort(-margin[idx])[: self.self_training_per_class]].tolist())
            if keep:
                keep = np.asarray(keep)
                X = sp.vstack([X, XU[keep] * self.self_training_weight]).tocsr()
                y = np.concatenate([y, clf.classes_[pred[keep]]])
                clf = LinearSVC(C=self.C).fit(X, y)
        self._clf = clf
        self.classes_ = clf.classes_
        names = list(self._chars.get_feature_names_out())
        if self.word_weight:
            names += list(self._words.get_feature_names_out())
        self._names = np.asarray(names, dtype=object)
        return self

    def scores(self, docs: Sequence[Doc]) -> np.ndarray:
        """Decision scores, one column per class of `classes_` (also with only two classes)."""
        return self._two_sided(self._clf.decision_function(self._transform(docs)))

    @staticmethod
    def _two_sided(s: np.ndarray) -> np.ndarray:
        """A binary SVM gives one score per text (for classes_[1]); make it one column per class."""
        return np.column_stack([-s, s]) if s.ndim == 1 else s

    def rank(self, title: str, detail: str = "", k: int = 3, because: int = 6) -> list[Ranked]:
        """The k best classes with the features (n-grams / words) that pushed each one most."""
        x = self._transform([(title, detail)])
        s = self._two_sided(self._clf.decision_function(x))[0]
        coef = self._clf.coef_ if self._clf.coef_.shape[0] > 1 else np.vstack([-self._clf.coef_, self._clf.coef_])
        out = []
        row = x.tocoo()
        for c in np.argsort(-s)[:k]:
            contrib = row.data * coef[c, row.col]
            order = np.argsort(-contrib)
            seen, reasons = set(), []
            for j in order:
                if contrib[j] <= 0 or len(reasons) >= because:
                    break
                name = str(self._names[row.col[j]]).strip()
                if len(name) < 2 or name in seen or any(name in r for r in reasons):
                    continue
                seen.add(name)
                reasons.append(name)
            out.append(Ranked(str(self.classes_[c]), float(s[c]), reasons))
        return out
