"""Small, individually documented checks that yield findings.

Two families with stable codes that are never reused: ``ND0xx`` format rules
(``app/rules/format/``) and ``KH0xx`` coverage rules (``app/rules/coverage/``).
"""
