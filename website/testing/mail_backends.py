"""A mail server that is down, for fault tests: it refuses until it is 'repaired'."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakySMTPBackend(LocmemBackend):
    server_is_down = True

    def send_messages(self, messages):
        if FlakySMTPBackend.server_is_down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
