"""One function per job, called by the command line and the web alike.

``scoring.score`` scores a run; ``survey.import_survey`` turns raw survey responses
into survey points. Front ends gather their inputs (files, database rows) and call
these; every rule they apply lives in the core.
"""
