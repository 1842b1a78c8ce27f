CREATE TABLE "school_student_counts" (
	"organization_id" uuid NOT NULL,
	"school_id" bigint PRIMARY KEY NOT NULL,
	"students" integer NOT NULL,
	"roster_version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "school_student_counts" ADD CONSTRAINT "school_student_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_student_counts" ADD CONSTRAINT "school_student_counts_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_student_counts_org_idx" ON "school_student_counts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "memberships_org_staff_idx" ON "memberships" USING btree ("organization_id","staff_id") WHERE "memberships"."staff_id" is not null;--> statement-breakpoint
CREATE INDEX "classes_browse_idx" ON "classes" USING btree ("organization_id",lower("name") collate "C","class_id" collate "C");--> statement-breakpoint
CREATE INDEX "classes_class_id_search_idx" ON "classes" USING btree ("organization_id",lower("class_id") collate "C");--> statement-breakpoint
CREATE INDEX "classes_inactive_browse_idx" ON "classes" USING btree ("organization_id",lower("name") collate "C","class_id" collate "C") WHERE not "classes"."active";--> statement-breakpoint
CREATE INDEX "staff_browse_idx" ON "staff" USING btree ("organization_id",lower("last_name") collate "C",lower("first_name") collate "C","email" collate "C");--> statement-breakpoint
CREATE INDEX "staff_inactive_browse_idx" ON "staff" USING btree ("organization_id",lower("last_name") collate "C",lower("first_name") collate "C","email" collate "C") WHERE not "staff"."active";--> statement-breakpoint
CREATE INDEX "staff_first_name_search_idx" ON "staff" USING btree ("organization_id",lower("first_name") collate "C");--> statement-breakpoint
CREATE INDEX "staff_email_search_idx" ON "staff" USING btree ("organization_id",lower("email") collate "C");--> statement-breakpoint
CREATE INDEX "students_browse_idx" ON "students" USING btree ("organization_id",lower("last_name") collate "C",lower("first_name") collate "C","student_id" collate "C");--> statement-breakpoint
CREATE INDEX "students_inactive_browse_idx" ON "students" USING btree ("organization_id",lower("last_name") collate "C",lower("first_name") collate "C","student_id" collate "C") WHERE not "students"."active";--> statement-breakpoint
CREATE INDEX "students_first_name_search_idx" ON "students" USING btree ("organization_id",lower("first_name") collate "C");--> statement-breakpoint
CREATE INDEX "students_student_id_search_idx" ON "students" USING btree ("organization_id",lower("student_id") collate "C");