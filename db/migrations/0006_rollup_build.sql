CREATE UNLOGGED TABLE "rollup_build" (
	"dimension" text NOT NULL,
	"month" date NOT NULL,
	"village_code" text NOT NULL,
	"key" text NOT NULL,
	"active" bigint NOT NULL,
	"active_prev" bigint NOT NULL,
	"stopped" bigint NOT NULL,
	"lapsed" bigint NOT NULL,
	"ended" bigint NOT NULL,
	"reactivated" bigint NOT NULL,
	"new_enrolments" bigint NOT NULL,
	"pending" bigint NOT NULL,
	"payers" bigint NOT NULL,
	"collected" bigint NOT NULL,
	"claims_paid_count" bigint NOT NULL,
	"claims_paid_amount" bigint NOT NULL
);
