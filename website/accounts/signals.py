"""Notices to a person about their own account (website.accounts.notices)."""
