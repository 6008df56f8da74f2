"""Reading and writing files: frameworks, score tables, units, results."""
