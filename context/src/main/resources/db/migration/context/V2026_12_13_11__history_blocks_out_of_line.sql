-- Blocks' data out of line (measured over a year of 100 one-minute sensors, docs/PERFORMANCE.md): a day of
-- readings takes 1-5 KB, so kept inside its row each block filled a page of 8 KB nearly alone (5.79 bytes an
-- instance on disk for 3.2 of data), and reading the blocks' summaries read every page of data with them. Stored
-- apart (TOAST, uncompressed: it is compressed already) the rows hold keys and summaries only (12 MB for
-- 36 910 blocks) and the whole table takes 4.13 bytes an instance.
ALTER TABLE context_history_block RESET (toast_tuple_target);
ALTER TABLE context_history_block ALTER COLUMN data SET STORAGE EXTERNAL;
