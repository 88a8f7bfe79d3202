"""Benchmarks (`make bench`): not tests, never timed assertions. Each bench_*.py module has a
``main()`` that prints its figures."""
