-- The call browser sorts and filters a million calls by client and disposition as well: index them like agent
-- and campaign (column, then start time; the rowid completes each index, so every sort order is an index walk).
CREATE INDEX calls_client ON calls(client, start_utc);
CREATE INDEX calls_disposition ON calls(disposition, start_utc);
