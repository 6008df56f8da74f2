"""The web application: Django over the core (never a rule of the index written here)."""
