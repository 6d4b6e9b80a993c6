"""Messages to residents and staff: email, text messages and letters, sent so that nothing is lost.

- ``outbox.py``: ``queue_message`` records a message (committed) and asks a background job
  (consult/jobs.py) to send it; ``deliver`` sends one, at most one worker at a time, with retries and
  backoff; ``deliver_due`` (``flask --app consult send-messages``, from cron) sends what is due,
  including retries and messages a crashed worker left half-sent.
- ``transports.py``: GOV.UK Notify, SMTP, or (with neither configured) a folder, chosen by config.
- ``routes.py``: the staff page of what was sent, what failed and why, and what waits.
"""
