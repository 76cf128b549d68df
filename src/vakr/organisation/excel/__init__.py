"""The organisation workbook: layout and styles, building it, opening it safely, reading it."""
