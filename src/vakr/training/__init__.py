"""The training course for ethics commissioners: exercises kept as data (``data/training/*.yaml``, one file per topic,
:mod:`vakr.training.exercises`), their grading against the methodology and the calendar
(:mod:`vakr.training.grading`) and a trainee's answers with their CSV export (:mod:`vakr.training.session`).
The browser application only shows these; it holds no answers of its own.
"""
