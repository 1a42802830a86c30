-- Roles (issue 12): what each OS user may do with this cache, assigned by an administrator. The first user to
-- open a cache with no roles becomes its administrator. Checked in the core library (cache/Roles) at every
-- service entry point; every assignment, revocation and refusal is in the audit log.

CREATE TABLE user_roles (
    user_name    TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('administrator', 'supervisor', 'trainer', 'complaint-handler',
                                               'auditor')),
    granted_by   TEXT NOT NULL,
    granted_utc  INTEGER NOT NULL,
    PRIMARY KEY (user_name, role)
);
