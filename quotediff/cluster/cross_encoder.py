"""The cross-encoder: a model that reads both texts of a pair at once and gives one logit.

Two sentences embedded apart are compared through one cosine; read together, every word of
one can attend to every word of the other, which is what tells "the fate is shared" from
"the fate is divided" in otherwise matching words. It is all-MiniLM-L6-v2's own BERT
weights (the embedding model quotediff installs) with rank-8 LoRA adapters and a one-logit
head, fine-tuned on MRPC train by ``bench/pair_model.py``, which ships the adapter here as
``cross_encoder.safetensors`` (1.4 MB). At load time the adapters are merged into the base
weights, so reading costs what the plain model costs and needs no training library.

A pair is never padded into a batch with others: read alone (``read_pair``), its logit
depends on its two texts and nothing else. Pairs of the same length in tokens can be read
together without padding (``read_batch``), which is what the partitioned scoring does:
a pair read with 20-odd tokens costs as much in fixed work as in arithmetic, and batches of
up to ``BATCH`` of one length read 4,000 uncertain bench pairs in 3.9 ms each instead of
6.3. The rows of a batch are computed apart, but the matrix kernels pick their blocking by
the batch's size, so a logit read in a batch may differ from the same pair's alone in its
last bits (at most 1e-6 on those pairs); the scoring cuts its batches from the input
alone, so every engine and partition still gives the same figure.

The merged encoder runs in bfloat16: on the 1,523 uncertain pairs of the 5,000-article bench
corpus it reads a pair in 5.7 ms instead of 12.5 ms (one thread), and its logits stay within
0.07 of float32's (mean 0.008; the reading model weighs a logit by 0.5). int8 was faster
still but moved logits by 0.2 on average, and cost 0.4-1 point of F1 in cross-validation.

Only the pairs whose features leave the decision uncertain are read; see
``quotediff.cluster.features.Reading``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

from quotediff.embed import PACKAGED_MODELS
from quotediff.errors import ModelError

ADAPTER = "cross_encoder.safetensors"
# Pairs of one length read in one pass: bench pairs cost 4.2 ms each in fours, 3.9 in eights
# and in sixteens (6.3 alone).
BATCH = 8


@cache
def _reader(adapter: str):
    """(tokenizer, model, max tokens): the base model with ``adapter`` merged in, in eval mode."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from safetensors import safe_open
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    path = resources.files("quotediff.cluster").joinpath(adapter)
    with resources.as_file(path) as file, safe_open(str(file), framework="pt") as weights:
        meta = weights.metadata()
        tensors = {name: weights.get_tensor(name) for name in weights.keys()}  # noqa: SIM118 - safe_open has no iterator
    base = meta["base"]
    if base not in PACKAGED_MODELS:
        raise ModelError(f"the cross-encoder adapter {adapter} is for {base!r}, which is not installed")
    location = PACKAGED_MODELS[base]()
    transformers_logging.disable_progress_bar()  # our own progress goes to stderr; theirs would interleave
    verbosity = transformers_logging.get_verbosity()
    transformers_logging.set_verbosity_error()  # the head is new to the base: it is set just below
    try:
        model = AutoModelForSequenceClassification.from_pretrained(location, num_labels=1)
    finally:
        transformers_logging.set_verbosity(verbosity)
    layers = int(meta["layers"])
    model.bert.encoder.layer = model.bert.encoder.layer[:layers]
    model.config.num_hidden_layers = layers
    scale = float(meta["alpha"]) / float(meta["rank"])
    modules = dict(model.named_modules())
    with torch.no_grad():
        for name, down in tensors.items():
            if name.endswith(".lora_A"):
                target = name.removesuffix(".lora_A")
                modules[target].weight += scale * (tensors[target + ".lora_B"] @ down)
        model.classifier.weight.copy_(tensors["classifier.weight"])
        model.classifier.bias.copy_(tensors["classifier.bias"])
    # Merged in float32, then the encoder rounded once to bfloat16; the pooler and the head stay
    # in float32, so the logit itself is not rounded to bfloat16's 8 bits.
    model.bert.embeddings.to(torch.bfloat16)
    model.bert.encoder.to(torch.bfloat16)
    model.bert.pooler.register_forward_pre_hook(lambda _, inputs: (inputs[0].float(),))
    model.eval()
    return AutoTokenizer.from_pretrained(location), model, int(meta["max_tokens"])


def load_cross_encoder(adapter: str = ADAPTER) -> None:
    """Load the model now (before worker processes fork, say), not at the first pair."""
    _reader(adapter)


def read_pair(a: str, b: str, adapter: str = ADAPTER) -> float:
    """The cross-encoder's logit for ``a`` and ``b``, read alone (higher: more likely one statement).

    The model reads its two inputs in order; the pair is read in sorted order, so that
    ``read_pair(a, b) == read_pair(b, a)``, as every other score of a pair is symmetric.
    """
    first, second = sorted((a, b))
    return _read(first, second, adapter)


@lru_cache(maxsize=65_536)
def _read(first: str, second: str, adapter: str) -> float:
    return read_batch([(first, second)], adapter)[0]


def pair_tokens(pairs: Sequence[tuple[str, str]], adapter: str = ADAPTER) -> list[int]:
    """How many tokens the model reads for each pair (what ``read_batch`` groups by)."""
    return [len(ids) for ids in _encode(pairs, adapter)["input_ids"]]


def read_batch(pairs: Sequence[tuple[str, str]], adapter: str = ADAPTER) -> list[float]:
    """The logits of ``pairs``, all of one length in tokens (``pair_tokens``), read in one pass.

    Each is ``read_pair``'s logit up to its last bits, which depend on the batch's size (see
    the module's notes): the caller keeps its batches the same from run to run.
    """
    import torch

    _, model, _ = _reader(adapter)
    encoded = _encode(pairs, adapter)
    if len({len(ids) for ids in encoded["input_ids"]}) > 1:
        raise ValueError("read_batch reads pairs of one length in tokens; group them by pair_tokens first")
    tensors = {name: torch.tensor(rows) for name, rows in encoded.items()}
    # A pair, or a batch of a few, is too small to share between threads, and a second thread
    # waiting for a busy core made a reading 20-90x slower here (131 ms float32, 499 ms
    # bfloat16, against 5.7).
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with torch.inference_mode():
            return [float(logit) for logit in model(**tensors).logits[:, 0].float().numpy()]
    finally:
        torch.set_num_threads(threads)


def _encode(pairs: Sequence[tuple[str, str]], adapter: str):
    tokenizer, _, max_tokens = _reader(adapter)
    ordered = [sorted(pair) for pair in pairs]  # in the order read_pair reads them
    return tokenizer([first for first, _ in ordered], [second for _, second in ordered], truncation=True, max_length=max_tokens)
