CREATE TABLE "data_version_district" (
	"district" text NOT NULL,
	"pid" integer NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "data_version_district_district_pid_pk" PRIMARY KEY("district","pid")
);
