CREATE TABLE "reference_datasets" (
	"name" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"rows" integer NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_rows" (
	"dataset" text NOT NULL,
	"key" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "reference_rows_dataset_key_pk" PRIMARY KEY("dataset","key")
);
--> statement-breakpoint
ALTER TABLE "workforce_estimates_by_occupation" ADD COLUMN "source" text;