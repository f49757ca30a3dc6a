CREATE TABLE "import_key_changes" (
	"import_id" integer NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"before" jsonb,
	CONSTRAINT "import_key_changes_import_id_entity_key_pk" PRIMARY KEY("import_id","entity","key")
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "import_key_changes" ADD CONSTRAINT "import_key_changes_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_key_changes_entity_idx" ON "import_key_changes" USING btree ("entity","key");--> statement-breakpoint
CREATE UNIQUE INDEX "agents_email_idx" ON "agents" USING btree (lower("email"));