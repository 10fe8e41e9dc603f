"""Reference values for the known-answer tests of sentence_bleu, corpus_bleu, rouge_l and token_f1.

Independent implementations (NLTK, Google's rouge-score, and a from-scratch SQuAD F1) are fed the
same tokens that the Rust code produces, so any disagreement is about the math, not tokenization.

Run it from anywhere, in a throwaway virtual environment outside the repository:

    python3 -m venv /tmp/kav && /tmp/kav/bin/pip install nltk rouge-score
    /tmp/kav/bin/python domain/src/eval/scorers/known_answers.py

It prints each case with its value to 17 significant digits, ready to paste into the *_tests.rs.
"""

import string
import unicodedata

from nltk.translate.bleu_score import SmoothingFunction, corpus_bleu, sentence_bleu
from rouge_score import rouge_scorer


def word_tokens(text):
    """Mirror of tokens.rs word_tokens: lowercase, split on every non-alphanumeric character.

    Python's str.isalnum and Rust's char::is_alphanumeric agree on the test strings (Latin
    letters with or without accents, and ASCII digits).
    """
    pieces, word = [], []
    for char in text.lower():
        if char.isalnum():
            word.append(char)
        elif word:
            pieces.append("".join(word))
            word = []
    if word:
        pieces.append("".join(word))
    return pieces


def normalized_tokens(text):
    """Mirror of tokens.rs normalized_tokens: SQuAD normalization with Unicode punctuation."""
    lowered = text.lower()
    kept = "".join(
        c for c in lowered
        if not (unicodedata.category(c).startswith("P") or c in string.punctuation)
    )
    return [word for word in kept.split() if word not in ("a", "an", "the")]


def token_f1(output, expected):
    """SQuAD token F1 written from its definition: multiset overlap, then harmonic mean."""
    out, exp = normalized_tokens(output), normalized_tokens(expected)
    if not out or not exp:
        return float(out == exp)
    remaining = list(exp)
    overlap = 0
    for token in out:
        if token in remaining:
            remaining.remove(token)
            overlap += 1
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(out), overlap / len(exp)
    return 2 * precision * recall / (precision + recall)


class WordTokenizer:
    """rouge-score accepts any object with a tokenize method; use the same tokens as Rust."""

    def tokenize(self, text):
        return word_tokens(text)


ROUGE = rouge_scorer.RougeScorer(["rougeL"], tokenizer=WordTokenizer())
METHOD2 = SmoothingFunction().method2

BLEU_CASES = [
    ("the cat sat on the mat", "the cat sat on the mat"),
    ("the cat is on the mat", "the cat sat on the mat"),
    ("the quick brown fox", "the quick brown fox jumps over the lazy dog"),
    ("the cat sat", "the cat sat on the mat today"),
    ("the cat sat quietly on the mat", "the cat sat on the mat"),
    ("Le café était très bon", "le café était bon"),
    ("It is a guide to action which ensures that the military always obeys the commands of the party.",
     "It is a guide to action that ensures that the military will forever heed Party commands."),
]

CORPUS_CASES = [
    [
        ("the quick brown fox jumps over the dog", "the quick brown fox jumped over the lazy dog"),
        ("It is a guide to action which ensures that the military always obeys the commands of the party.",
         "It is a guide to action that ensures that the military will forever heed Party commands."),
    ],
    [
        ("the cat sat on the mat", "the cat sat on the mat today"),
        ("a naïve café owner sold good coffee", "the naïve café owner sold very good coffee"),
        ("he read the book in one long night", "he read the whole book in one night"),
    ],
    # No 4-gram matches anywhere: NLTK substitutes a tiny precision (about 1e-77 overall),
    # the Rust corpus_bleu returns exactly 0.0.
    [
        ("the cat is on the mat", "the cat sat on the mat"),
    ],
]

ROUGE_CASES = [
    ("the cat sat on the mat", "the cat sat on the mat"),
    ("police killed the gunman", "the gunman killed police"),
    ("the cat was found under the bed", "the cat was under the bed"),
    ("Le café était très bon", "le café était bon"),
    ("the the the the", "the cat the dog"),
    ("a b c d", "x y z"),
]

F1_CASES = [
    ("The Eiffel Tower", "Eiffel Tower"),
    ("in Paris, France", "Paris"),
    ("cat cat cat dog", "cat dog dog"),
    ("Un café très chaud", "café chaud"),
    ("Don't panic!", "dont panic"),
    ("the Naïve Bayes classifier", "naive bayes"),
]


def main():
    print("sentence_bleu (method2)")
    for candidate, reference in BLEU_CASES:
        value = sentence_bleu([word_tokens(reference)], word_tokens(candidate),
                              smoothing_function=METHOD2)
        print(f"  {candidate!r} | {reference!r} -> {value!r}")
    print("corpus_bleu (no smoothing)")
    for pairs in CORPUS_CASES:
        value = corpus_bleu([[word_tokens(r)] for _, r in pairs], [word_tokens(c) for c, _ in pairs])
        print(f"  {len(pairs)} pairs starting {pairs[0][0]!r} -> {value!r}")
    print("rouge_l (rouge-score LCS F-measure)")
    for candidate, reference in ROUGE_CASES:
        # rouge-score's signature is score(target, prediction).
        value = ROUGE.score(reference, candidate)["rougeL"].fmeasure
        print(f"  {candidate!r} | {reference!r} -> {value!r}")
    print("token_f1 (SQuAD)")
    for output, expected in F1_CASES:
        print(f"  {output!r} | {expected!r} -> {token_f1(output, expected)!r}")


if __name__ == "__main__":
    main()
