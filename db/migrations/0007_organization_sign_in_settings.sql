ALTER TABLE "organizations" ADD COLUMN "staff_sign_in_provider" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "google_hosted_domain" text;