// The time zones an admin chooses from (Settings → Nightly sync), each with a name people know:
// "America/Chicago — Central Time (GMT-06:00)". The value stays the IANA name.

export type TimeZoneOption = { value: string; label: string };

function zoneName(zone: string, style: "longGeneric" | "longOffset", at: Date): string {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: style }).formatToParts(at);
    return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

/** Every zone the runtime knows, labelled; UTC first when present. */
export function timeZoneOptions(at = new Date()): TimeZoneOption[] {
  const zones = Intl.supportedValuesOf("timeZone");
  if (!zones.includes("UTC")) zones.unshift("UTC");
  return zones.map((value) => {
    const generic = zoneName(value, "longGeneric", at);
    const offset = zoneName(value, "longOffset", at);
    const described = generic && generic !== offset ? `${generic} (${offset})` : offset;
    return { value, label: described ? `${value.replaceAll("_", " ")} — ${described}` : value.replaceAll("_", " ") };
  });
}

/** Whether an option matches what the admin typed: every word, in any order, ignoring case, accents and "_". */
export function matchesTimeZone(option: TimeZoneOption, query: string): boolean {
  const fold = (text: string) =>
    text
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLowerCase()
      .replaceAll("_", " ");
  const haystack = fold(`${option.value} ${option.label}`);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
