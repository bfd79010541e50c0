"""rasd (رصد): structured events from Arabic human-rights reports."""
__version__ = "0.1.0"
