"""Access: staff accounts, single sign-on, roles, the audit log, and the brake on join-code guessing."""
