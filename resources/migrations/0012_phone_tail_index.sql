-- The blind index of each call's number's last six digits (KeyHierarchy::phoneTailIndex), so that typing the digits a
-- masked list shows part of finds the call. Filled for calls synced before this schema when the cache is next opened
-- (Cache::fillPhoneTails: the index needs the key, which SQL does not have).
ALTER TABLE calls ADD COLUMN phone_tail_index BLOB;
CREATE INDEX calls_phone_tail ON calls(phone_tail_index) WHERE phone_tail_index IS NOT NULL;
