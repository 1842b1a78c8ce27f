import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { MAGIC_LINK_MAX_AGE_SECONDS } from "@/lib/auth/magic-link-mail";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Check your inbox" };

export default function CheckEmailPage() {
  return (
    <AuthCard title="Check your inbox">
      <div className="space-y-3 text-sm text-slate-600">
        <p>
          If that address belongs to a RosterSync account, we have sent it a sign-in link. The link works once and
          expires in {MAGIC_LINK_MAX_AGE_SECONDS / 60} minutes.
        </p>
        <p>
          Nothing arrived? Check your spam folder, or ask your district admin whether your account is set up. Teachers
          need to accept their invitation first.
        </p>
        <p>
          <TextLink href="/sign-in" className="font-medium">
            Use another email
          </TextLink>
        </p>
      </div>
    </AuthCard>
  );
}
