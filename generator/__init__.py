"""nastav: a static site generator for the «Наставничество» section of Russian
school and municipal education websites."""

__version__ = "0.1.0"
