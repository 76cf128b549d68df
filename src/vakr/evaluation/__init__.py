"""The evaluation of an organisation: risks by the methodology, suggested measures and due dates, the checklist."""
