"""The quality yardstick: ``conflict-events eval`` scores the extraction core on public gold sets.

Modules: ``command`` (CLI), ``runner`` (runs the worker's entry point, batches, forks), ``records`` (gold
records, outcomes, sampling), one ``score_*`` module per gold set, ``maps`` (taxonomy maps read from
``data/eval_*.csv``), ``muc_keys`` (MUC-4 key notation), ``metrics`` (P/R/F1, sklearn-compatible averages,
calibration), ``report`` (tables, JSON, floor), ``seed_expectations`` (the seed article's expected events) and
``fakes`` (valid events and a scripted extractor for tests).
"""
