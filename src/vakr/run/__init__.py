"""The batch run: notebooks in a kernel, one organisation per worker, the batch summary."""
