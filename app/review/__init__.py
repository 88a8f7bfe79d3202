"""The compliance review: does a child plan carry its parent's mandates?

mandates.py (what the parent gives a level) → match.py (which child item carries each, with
vocabulary.py and synonyms.yaml) → the KH0xx target rules of app/rules/coverage/ judge each
matched pair (value, deadline, population, quota share), with the shared arithmetic of
strength.py, population.py (kinds of population, populations.yaml), quotas.py (a quota's
breakdown, quota_parts.yaml) and figures.py → assess.py (one result per mandate, its status
derived from the findings) → report.py (the Review) → formats/ (JSON, HTML, DOCX). quotas.py
also checks a quota across all the children. The KH0xx rules then turn results into the
review's findings; app/services/review.py is the entry point.
"""
