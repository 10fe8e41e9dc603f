"""Writes N dataset samples as JSONL with realistic sizes (inputs of 200-2,000 characters)."""
import json
import random
import sys

WORDS = ("the model answer customer order refund latency token prompt dataset evaluation "
         "experiment variant metric score quality context retrieval summary question").split()


def text(rng, low, high):
    words, size = [], 0
    target = rng.randint(low, high)
    while size < target:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:target]


def main():
    count, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            sample = {
                "input": text(rng, 200, 2000),
                "expected_output": text(rng, 20, 300),
                "context": text(rng, 0, 400),
                "metadata": {"index": i, "split": rng.choice(["train", "test"])},
            }
            out.write(json.dumps(sample, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
