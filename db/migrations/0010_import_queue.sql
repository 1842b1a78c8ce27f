ALTER TYPE "public"."import_status" ADD VALUE 'queued' BEFORE 'processing';--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "queued_run" jsonb;