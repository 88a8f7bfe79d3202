"""kehoach: Vietnamese administrative plans (KẾ HOẠCH) generated, checked and reviewed."""

__version__ = "0.1.0"
