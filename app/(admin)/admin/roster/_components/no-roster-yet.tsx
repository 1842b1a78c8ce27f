import { EmptyState } from "@/components/empty-state";
import { TextLink } from "@/components/text-link";

/** What an organization with no roster sees on each tab: how to get one. */
export function NoRosterYet({ what }: { what: string }) {
  return (
    <EmptyState title={`No ${what} yet — import a roster file`}>
      <p>
        Schools, classes, students and staff appear here once a roster file from your SIS is imported.{" "}
        <TextLink href="/admin/imports/new" className="font-medium">
          Import a roster file
        </TextLink>
        , or have your SIS send one each night (
        <TextLink href="/admin/settings" className="font-medium">
          Settings
        </TextLink>
        ).
      </p>
    </EmptyState>
  );
}
