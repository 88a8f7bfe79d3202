"""The compliance review: does a child plan carry its parent's mandates?

mandates.py (what the parent gives a level) → match.py (which child item carries each, with
vocabulary.py and synonyms.yaml) → strength.py / population.py / figures.py (at least as
strict?) → assess.py (one result per mandate) → report.py (the Review) → formats/ (JSON,
HTML, DOCX). quotas.py checks a quota across all the children. The KH0xx rules in
app/rules/coverage/ turn results into findings; app/services/review.py is the entry point.
"""
