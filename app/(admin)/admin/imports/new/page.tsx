import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { DEFAULT_READ_LIMITS } from "@/lib/import/types";
import { UploadForm } from "./_components/upload-form";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "New import" };

export default async function NewImportPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="New import"
        description="Upload the roster file your SIS exports. You will see what would change before anything is applied."
      />
      <UploadForm maxBytes={DEFAULT_READ_LIMITS.maxBytes} />
      <p className="mt-6 text-sm text-slate-600">
        The file is read and checked, then discarded: RosterSync never stores uploaded files. See{" "}
        <TextLink href="/admin/imports" className="font-medium">
          Import Details
        </TextLink>{" "}
        for every earlier import.
      </p>
    </>
  );
}
