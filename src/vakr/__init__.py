"""vakr: internal analysis of corruption risks (ВАКР) of Kazakhstan as data, checks and documents."""

__version__ = "0.1.0"
