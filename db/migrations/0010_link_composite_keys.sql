ALTER TABLE "classes" DROP CONSTRAINT "classes_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "classes" DROP CONSTRAINT "classes_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_organization_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_class_id_classes_id_fk";
--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_student_id_students_id_fk";
--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "schools" DROP CONSTRAINT "schools_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "schools" DROP CONSTRAINT "schools_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "staff" DROP CONSTRAINT "staff_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "staff" DROP CONSTRAINT "staff_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "staff_schools" DROP CONSTRAINT "staff_schools_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "staff_schools" DROP CONSTRAINT "staff_schools_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "student_schools" DROP CONSTRAINT "student_schools_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "student_schools" DROP CONSTRAINT "student_schools_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "students" DROP CONSTRAINT "students_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "students" DROP CONSTRAINT "students_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "teaching_assignments" DROP CONSTRAINT "teaching_assignments_organization_id_organizations_id_fk";
--> statement-breakpoint
ALTER TABLE "teaching_assignments" DROP CONSTRAINT "teaching_assignments_class_id_classes_id_fk";
--> statement-breakpoint
ALTER TABLE "teaching_assignments" DROP CONSTRAINT "teaching_assignments_staff_id_staff_id_fk";
--> statement-breakpoint
ALTER TABLE "teaching_assignments" DROP CONSTRAINT "teaching_assignments_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "teaching_assignments" DROP CONSTRAINT "teaching_assignments_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "terms" DROP CONSTRAINT "terms_created_by_import_id_imports_id_fk";
--> statement-breakpoint
ALTER TABLE "terms" DROP CONSTRAINT "terms_updated_by_import_id_imports_id_fk";
--> statement-breakpoint
CREATE UNIQUE INDEX "classes_org_id_key" ON "classes" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_org_id_key" ON "staff" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "students_org_id_key" ON "students" USING btree ("organization_id","id");--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_class_fk" FOREIGN KEY ("organization_id","class_id") REFERENCES "public"."classes"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_student_fk" FOREIGN KEY ("organization_id","student_id") REFERENCES "public"."students"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_assignments" ADD CONSTRAINT "teaching_assignments_class_fk" FOREIGN KEY ("organization_id","class_id") REFERENCES "public"."classes"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teaching_assignments" ADD CONSTRAINT "teaching_assignments_staff_fk" FOREIGN KEY ("organization_id","staff_id") REFERENCES "public"."staff"("organization_id","id") ON DELETE cascade ON UPDATE no action;
