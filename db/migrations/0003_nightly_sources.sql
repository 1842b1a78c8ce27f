ALTER TABLE "api_tokens" ADD COLUMN "rate_window_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "rate_window_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "nightly_sources" ADD COLUMN "last_outcome" text;--> statement-breakpoint
ALTER TABLE "nightly_sources" ADD COLUMN "last_message" text;--> statement-breakpoint
ALTER TABLE "nightly_sources" ADD COLUMN "last_import_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "nightly_sources" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "nightly_sources" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "nightly_sources" ADD COLUMN "created_by_user_id" text;--> statement-breakpoint
ALTER TABLE "nightly_sources" ADD CONSTRAINT "nightly_sources_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nightly_sources_org_name_key" ON "nightly_sources" USING btree ("organization_id","name");