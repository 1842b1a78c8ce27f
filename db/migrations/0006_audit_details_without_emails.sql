-- The audit log names people by reference (a user or staff record id), never by email: drop the
-- emails earlier versions wrote into audit details (the Audit log page shows current names).
UPDATE "audit_log" SET "details" = "details" - 'email' - 'adminEmail' WHERE "details" ?| array['email', 'adminEmail'];
