"""CAMEO and PLOVER: the event codebook (codes, Goldstein scores, QuadClass, PLOVER categories) and the
dictionaries that turn names and verbs into codes — ours, and users' own, including PETRARCH-format files."""
