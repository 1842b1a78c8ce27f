ALTER TYPE "public"."import_kind" ADD VALUE 'oneroster';--> statement-breakpoint
ALTER TYPE "public"."import_kind" ADD VALUE 'clever';--> statement-breakpoint
ALTER TYPE "public"."import_kind" ADD VALUE 'sds';--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "username_email_domain" text;--> statement-breakpoint
ALTER TABLE "import_issues" ADD COLUMN "file" text;