"""数转顾问: a grounded, cited digital-transformation advisor for SME manufacturers."""

__version__ = "0.1.0"
