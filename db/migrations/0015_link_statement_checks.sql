ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_class_fk";
--> statement-breakpoint
ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_student_fk";
--> statement-breakpoint
ALTER TABLE "teaching_assignments" DROP CONSTRAINT "teaching_assignments_class_fk";
--> statement-breakpoint
ALTER TABLE "teaching_assignments" DROP CONSTRAINT "teaching_assignments_staff_fk";
--> statement-breakpoint
-- Link integrity checked a statement at a time (docs/decisions.md "Link integrity"): the four
-- foreign keys above checked every inserted enrollment and teaching assignment with an index
-- lookup from a row trigger. These triggers keep what they kept, under the keys' names:
--   * an inserted link whose (organization_id, class_id | student_id | staff_id) names no row of
--     the parent is refused with SQLSTATE 23503, checked by one anti-join over the statement's
--     new rows; the parents found are locked FOR KEY SHARE first, as a foreign key's check does,
--     so a concurrent delete of one waits for this transaction (or this statement sees it gone);
--   * a link whose key an update changes is checked the same way, row by row;
--   * deleting a class, student or staff member deletes its links (was ON DELETE CASCADE);
--   * a parent's (organization_id, id) cannot change while a link names it (was NO ACTION), and a
--     parent cannot be truncated while its links have rows.
CREATE FUNCTION "roster_link_check"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent text := TG_ARGV[0];
  link_column text := TG_ARGV[1];
  missing_organization uuid;
  missing_id bigint;
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    missing_organization := NEW.organization_id;
    missing_id := (to_jsonb(NEW) ->> link_column)::bigint;
    EXECUTE format('SELECT p.id FROM %I p WHERE p.organization_id = $1 AND p.id = $2 FOR KEY SHARE', parent)
      INTO missing_id USING missing_organization, missing_id;
    IF missing_id IS NULL THEN
      missing_id := (to_jsonb(NEW) ->> link_column)::bigint;
    ELSE
      RETURN NULL;
    END IF;
  ELSE
    EXECUTE format(
      'SELECT count(*) FROM (SELECT 1 FROM %1$I p WHERE (p.organization_id, p.id) IN '
      '(SELECT n.organization_id, n.%2$I FROM new_rows n) FOR KEY SHARE OF p) locked',
      parent, link_column);
    EXECUTE format(
      'SELECT n.organization_id, n.%2$I FROM new_rows n WHERE NOT EXISTS '
      '(SELECT 1 FROM %1$I p WHERE p.organization_id = n.organization_id AND p.id = n.%2$I) LIMIT 1',
      parent, link_column)
      INTO missing_organization, missing_id;
    IF missing_id IS NULL THEN
      RETURN NULL;
    END IF;
  END IF;
  RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_NAME
    USING ERRCODE = 'foreign_key_violation', SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_TABLE_NAME,
      CONSTRAINT = TG_NAME,
      DETAIL = format('Key (organization_id, %s)=(%s, %s) is not present in table "%s".',
        link_column, missing_organization, missing_id, parent);
END
$$;
--> statement-breakpoint
CREATE FUNCTION "roster_link_cascade"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'DELETE FROM %1$I l USING old_rows o WHERE l.organization_id = o.organization_id AND l.%2$I = o.id',
    TG_ARGV[0], TG_ARGV[1]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "roster_link_parent_key"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  named boolean;
BEGIN
  EXECUTE format('SELECT true FROM %I l WHERE l.organization_id = $1 AND l.%I = $2 LIMIT 1', TG_ARGV[0], TG_ARGV[1])
    INTO named USING OLD.organization_id, OLD.id;
  IF named THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
        TG_TABLE_NAME, TG_NAME, TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation', SCHEMA = TG_TABLE_SCHEMA, TABLE = TG_ARGV[0],
        CONSTRAINT = TG_NAME,
        DETAIL = format('Key (organization_id, id)=(%s, %s) is still referenced from table "%s".',
          OLD.organization_id, OLD.id, TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "roster_link_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  named boolean;
BEGIN
  EXECUTE format('SELECT true FROM %I LIMIT 1', TG_ARGV[0]) INTO named;
  IF named THEN
    RAISE EXCEPTION 'cannot truncate table "%": table "%" has links to it', TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'feature_not_supported',
        HINT = format('Truncate table "%s" at the same time.', TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "enrollments_class_fk" AFTER INSERT ON "enrollments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_check"('classes', 'class_id');
--> statement-breakpoint
CREATE TRIGGER "enrollments_student_fk" AFTER INSERT ON "enrollments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_check"('students', 'student_id');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_class_fk" AFTER INSERT ON "teaching_assignments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_check"('classes', 'class_id');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_staff_fk" AFTER INSERT ON "teaching_assignments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_check"('staff', 'staff_id');
--> statement-breakpoint
CREATE TRIGGER "enrollments_class_fk_update" AFTER UPDATE OF "organization_id", "class_id" ON "enrollments"
  FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."class_id" IS DISTINCT FROM NEW."class_id")
  EXECUTE FUNCTION "roster_link_check"('classes', 'class_id');
--> statement-breakpoint
CREATE TRIGGER "enrollments_student_fk_update" AFTER UPDATE OF "organization_id", "student_id" ON "enrollments"
  FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."student_id" IS DISTINCT FROM NEW."student_id")
  EXECUTE FUNCTION "roster_link_check"('students', 'student_id');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_class_fk_update" AFTER UPDATE OF "organization_id", "class_id" ON "teaching_assignments"
  FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."class_id" IS DISTINCT FROM NEW."class_id")
  EXECUTE FUNCTION "roster_link_check"('classes', 'class_id');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_staff_fk_update" AFTER UPDATE OF "organization_id", "staff_id" ON "teaching_assignments"
  FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."staff_id" IS DISTINCT FROM NEW."staff_id")
  EXECUTE FUNCTION "roster_link_check"('staff', 'staff_id');
--> statement-breakpoint
CREATE TRIGGER "enrollments_class_fk" AFTER DELETE ON "classes" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_cascade"('enrollments', 'class_id');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_class_fk" AFTER DELETE ON "classes" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_cascade"('teaching_assignments', 'class_id');
--> statement-breakpoint
CREATE TRIGGER "enrollments_student_fk" AFTER DELETE ON "students" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_cascade"('enrollments', 'student_id');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_staff_fk" AFTER DELETE ON "staff" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_cascade"('teaching_assignments', 'staff_id');
--> statement-breakpoint
CREATE TRIGGER "enrollments_class_fk_key" AFTER UPDATE OF "organization_id", "id" ON "classes"
  FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION "roster_link_parent_key"('enrollments', 'class_id');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_class_fk_key" AFTER UPDATE OF "organization_id", "id" ON "classes"
  FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION "roster_link_parent_key"('teaching_assignments', 'class_id');
--> statement-breakpoint
CREATE TRIGGER "enrollments_student_fk_key" AFTER UPDATE OF "organization_id", "id" ON "students"
  FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION "roster_link_parent_key"('enrollments', 'student_id');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_staff_fk_key" AFTER UPDATE OF "organization_id", "id" ON "staff"
  FOR EACH ROW WHEN (OLD."organization_id" IS DISTINCT FROM NEW."organization_id" OR OLD."id" IS DISTINCT FROM NEW."id")
  EXECUTE FUNCTION "roster_link_parent_key"('teaching_assignments', 'staff_id');
--> statement-breakpoint
CREATE TRIGGER "enrollments_class_fk_truncate" AFTER TRUNCATE ON "classes"
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_truncate"('enrollments');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_class_fk_truncate" AFTER TRUNCATE ON "classes"
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_truncate"('teaching_assignments');
--> statement-breakpoint
CREATE TRIGGER "enrollments_student_fk_truncate" AFTER TRUNCATE ON "students"
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_truncate"('enrollments');
--> statement-breakpoint
CREATE TRIGGER "teaching_assignments_staff_fk_truncate" AFTER TRUNCATE ON "staff"
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_link_truncate"('teaching_assignments');
