"""Quality evaluations over labelled corpora (pure functions; they read corpus files)."""

from newsdelta.evaluate.edits import EditsReport, LabelScore, evaluate_edits, load_corpus

__all__ = ["EditsReport", "LabelScore", "evaluate_edits", "load_corpus"]
