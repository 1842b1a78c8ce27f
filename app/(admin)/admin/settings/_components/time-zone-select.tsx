"use client";

import { useId, useMemo, useState } from "react";
import { matchesTimeZone, type TimeZoneOption } from "@/lib/time-zones";

/**
 * A time zone menu with a search box above it: typing "new york" or "central" narrows the menu,
 * whose value is always a real zone (the current choice stays listed while it is filtered out).
 */
export function TimeZoneSelect({
  name,
  label,
  options,
  defaultValue,
  inputClassName,
  labelClassName,
}: {
  name: string;
  label: string;
  options: TimeZoneOption[];
  defaultValue: string;
  inputClassName: string;
  labelClassName: string;
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [value, setValue] = useState(defaultValue);
  const matching = useMemo(() => options.filter((option) => matchesTimeZone(option, query)), [options, query]);
  const current = options.find((option) => option.value === value);
  const shown = current && !matching.includes(current) ? [current, ...matching] : matching;
  return (
    <div>
      <label htmlFor={`${id}-select`} className={labelClassName}>
        {label}
      </label>
      <input
        type="search"
        aria-label={`Search ${label.toLowerCase()}s`}
        aria-controls={`${id}-select`}
        placeholder="Search: a city, Central, Eastern…"
        value={query}
        onChange={(event) => {
          const next = event.currentTarget.value;
          setQuery(next);
          // The first match becomes the choice, so what the admin typed is what is saved.
          const first = options.find((option) => matchesTimeZone(option, next));
          if (next.trim() && first) setValue(first.value);
        }}
        className={inputClassName}
      />
      <select
        id={`${id}-select`}
        name={name}
        required
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        className={inputClassName}
      >
        {shown.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <span className="mt-1 block text-xs font-normal text-slate-500" aria-live="polite">
        {query.trim()
          ? matching.length === 1
            ? "1 time zone matches."
            : `${matching.length} time zones match.`
          : null}
      </span>
    </div>
  );
}
