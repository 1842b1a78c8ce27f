DROP TABLE "school_student_counts" CASCADE;--> statement-breakpoint
CREATE TABLE "school_counts" (
	"organization_id" uuid NOT NULL,
	"school_id" bigint PRIMARY KEY NOT NULL,
	"classes" integer NOT NULL,
	"students" integer NOT NULL,
	"staff" integer NOT NULL,
	"roster_version" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "school_counts" ADD CONSTRAINT "school_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_counts" ADD CONSTRAINT "school_counts_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_counts_org_idx" ON "school_counts" USING btree ("organization_id");