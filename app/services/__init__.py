"""The verbs of the product: the only thing the web layer, the CLI and the jobs call.

One module per area (plans, review, batch ...), each a set of plain functions.
"""
