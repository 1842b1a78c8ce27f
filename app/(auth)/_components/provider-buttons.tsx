import { SubmitButton } from "@/components/submit-button";
import { signInWithProviderAction } from "../actions";

const providerButton =
  "w-full !bg-white !text-slate-900 border border-slate-300 hover:!bg-slate-50 focus-visible:outline-indigo-600";

/**
 * One button per configured single sign-on provider. `action` decides what pressing it does (sign
 * in, or accept an invitation); hidden fields go along.
 */
export function ProviderButtons({
  providers,
  verb = "Sign in with",
  action = signInWithProviderAction,
  hidden = {},
}: {
  providers: { id: string; name: string }[];
  verb?: string;
  action?: (formData: FormData) => Promise<void>;
  hidden?: Record<string, string>;
}) {
  if (providers.length === 0) return null;
  return (
    <ul className="space-y-2" aria-label="Single sign-on">
      {providers.map((provider) => (
        <li key={provider.id}>
          <form action={action}>
            <input type="hidden" name="provider" value={provider.id} />
            {Object.entries(hidden).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <SubmitButton className={providerButton} pendingLabel="Opening…">
              {`${verb} ${provider.name}`}
            </SubmitButton>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** The line between the provider buttons and the email form. */
export function OrDivider({ children = "or" }: { children?: React.ReactNode }) {
  return (
    <div className="my-5 flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
      <span className="h-px flex-1 bg-slate-200" />
      {children}
      <span className="h-px flex-1 bg-slate-200" />
    </div>
  );
}
