-- Full-text search over transcripts (FTS4: SQLCipher 3.4.1 has no FTS5), inside the encrypted database. One row
-- per segment; docid = call row id x 100000 + segment index, so a call's rows are one rowid range (destroying a
-- call deletes them, then 'optimize' drops the deleted terms from the index).
CREATE VIRTUAL TABLE transcript_search USING fts4(body, speaker, start_s, notindexed=speaker, notindexed=start_s,
    tokenize=unicode61);
