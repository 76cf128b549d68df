"""What the handbook (Quarto pages) and the notebooks use: tables, notebook helpers, training widgets, plots."""
