"""What a plan is: plain dataclasses and pure functions, no I/O."""
