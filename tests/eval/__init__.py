"""Evaluations (`make eval`): precision/recall over the labelled development set. Each
eval_*.py module has a ``main()`` that prints its figures and returns them as a dict."""
