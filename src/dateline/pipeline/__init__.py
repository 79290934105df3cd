"""The reading pipeline: one spaCy pass per article, then small stages that each read the Doc.

(being assembled: nlp.py loads the model; entities, coref, quotes, times and places are the stages)
"""
