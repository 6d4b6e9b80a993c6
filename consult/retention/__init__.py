"""Data retention: how long a consultation keeps the words people wrote and their contact details.

``rules`` says what the periods are (the installation's defaults, or a consultation's own) and when
they end; ``apply`` removes what is due (``flask --app consult apply-retention``, daily from cron);
``wording`` turns the rule into the sentences residents read, so the page cannot say one thing while
the command does another.
"""
