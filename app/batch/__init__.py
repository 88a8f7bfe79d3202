"""Batch generation for many communes: the commune list, quota allocation, bundling."""
