"""Align two or more renderings of a statement word by word, type the drift, judge each pair."""

from quotediff.align.compare import compare_texts
from quotediff.align.table import alignment_table
from quotediff.align.tokens import Token, tokenize

__all__ = ["Token", "alignment_table", "compare_texts", "tokenize"]
