-- A write adds its difference to tens of thousands of rollup rows (an import of 10,000 contributions:
-- about 59,000). With full pages every updated row needed a new index entry; with a quarter of each page
-- free PostgreSQL mostly updates rows in place (HOT updates, no index write): at kabupaten scale an
-- undo went from 3.3 s to 2.3-3.0 s, the import from 5.0 s to 3.5-4.7 s. CLUSTER rewrites the table once
-- so the existing pages get the room too, in key order: an import's changes fall on the few months it
-- touches, so on few pages.
ALTER TABLE rollup_monthly SET (fillfactor = 75);
--> statement-breakpoint
CLUSTER rollup_monthly USING rollup_monthly_dimension_month_village_code_key_pk;
--> statement-breakpoint
ANALYZE rollup_monthly;
