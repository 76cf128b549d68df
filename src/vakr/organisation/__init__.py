"""The organisation as analysed: its model, checks, names, and its workbook and YAML files."""
